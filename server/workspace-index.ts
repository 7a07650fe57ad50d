// Indexes the workspace's C files in the background so helpers and struct members defined in closed files are known.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Project } from '../src/engine/project';

const MAX_FILES = 30000;
const MAX_BYTES = 8 * 1024 * 1024;

export function listCFiles(root: string, out: string[] = []): string[] {
  let entries;
  try { entries = readdirSync(root, { withFileTypes: true }); } catch { return out; }
  for (const e of entries) {
    if (out.length >= MAX_FILES) break;
    const full = join(root, e.name);
    if (e.isDirectory()) { if (!e.name.startsWith('.') && e.name !== 'node_modules') listCFiles(full, out); }
    else if (e.isFile() && /\.(c|h)$/.test(e.name)) out.push(full);
  }
  return out;
}

/** Indexes files in small slices, yielding to the event loop so open documents keep being served. */
export async function indexInBackground(project: Project, files: string[], isOpen: (p: string) => boolean, onProgress: (done: number, total: number) => void): Promise<number> {
  let done = 0;
  for (const file of files) {
    if (!isOpen(file)) indexFile(project, file);
    done++;
    if (done % 25 === 0) { onProgress(done, files.length); await new Promise((r) => setImmediate(r)); }
  }
  onProgress(done, files.length);
  return done;
}

export function indexFile(project: Project, file: string): void {
  try {
    if (statSync(file).size > MAX_BYTES) return;
    const text = readFileSync(file, 'utf8');
    if (text.includes('\u0000')) return;
    project.setFile(file, text);
  } catch {
    // Unreadable files are skipped; the index stays as it was.
  }
}
