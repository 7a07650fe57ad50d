// Indexes the workspace's C files in the background so helpers and struct members defined in closed files are known,
// and keeps the index current: a watched file that changes on disk (or a document that closes) is re-indexed alone.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Project } from '../src/engine/project';

const MAX_FILES = 30000;
const MAX_BYTES = 8 * 1024 * 1024;
const SLICE = 25;

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
export async function indexInBackground(project: Project, files: string[], isOpen: (p: string) => boolean, onProgress: (done: number, total: number) => void, cancelled: () => boolean = () => false): Promise<number> {
  let done = 0;
  for (const file of files) {
    if (cancelled()) break;
    if (!isOpen(file)) indexFile(project, file);
    done++;
    if (done % SLICE === 0) { onProgress(done, files.length); await new Promise((r) => setImmediate(r)); }
  }
  onProgress(done, files.length);
  return done;
}

/** (Re-)indexes one file from disk; a file that is gone or unreadable is dropped from the index. */
export function indexFile(project: Project, file: string): boolean {
  try {
    if (statSync(file).size > MAX_BYTES) return false;
    const text = readFileSync(file, 'utf8');
    if (text.includes('\u0000')) return false;
    project.setFile(file, text);
    return true;
  } catch {
    project.removeFile(file);
    return false;
  }
}

export type WatchedChange = 'created' | 'changed' | 'deleted';

/** Applies file-watcher events to the index (open documents are skipped: their editor text wins). Returns how many files changed. */
export function applyWatchedChanges(project: Project, changes: { path: string; type: WatchedChange }[], isOpen: (p: string) => boolean): number {
  let n = 0;
  for (const c of changes) {
    if (!/\.(c|h)$/.test(c.path) || isOpen(c.path)) continue;
    if (c.type === 'deleted') project.removeFile(c.path);
    else indexFile(project, c.path);
    n++;
  }
  return n;
}
