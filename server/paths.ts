// Maps document URIs to the paths the project index uses (file system paths for file: URIs).
import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriToPath(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

/** The last paths converted (a document's diagnostics name a few files hundreds of times). */
const recentUris = new Map<string, string>();

export function pathToUri(path: string): string {
  if (path.includes(':') && !path.startsWith('/')) return path;
  let uri = recentUris.get(path);
  if (uri === undefined) {
    if (recentUris.size >= 256) recentUris.clear();
    uri = pathToFileURL(path).href;
    recentUris.set(path, uri);
  }
  return uri;
}
