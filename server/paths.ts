// Maps document URIs to the paths the project index uses (file system paths for file: URIs).
import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriToPath(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

export function pathToUri(path: string): string {
  return path.includes(':') && !path.startsWith('/') ? path : pathToFileURL(path).href;
}
