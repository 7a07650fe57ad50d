// Finds the C files a CLI run analyses: files as given, directories walked for .c and .h (in a stable order).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Collected { files: string[]; errors: string[] }

const C_FILE = /\.(c|h)$/;

export function collectFiles(paths: string[]): Collected {
  const files: string[] = [];
  const errors: string[] = [];
  for (const p of paths) {
    let st;
    try { st = statSync(p); } catch (e) { errors.push(`${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`); continue; }
    if (st.isDirectory()) walk(p, files, errors);
    else files.push(p);
  }
  return { files: [...new Set(files)], errors };
}

function walk(dir: string, files: string[], errors: string[]): void {
  let entries;
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch (e) { errors.push(`${dir}: ${(e as Error).message}`); return; }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const ent of entries) {
    const full = join(dir, ent.name);
    if (ent.isDirectory()) { if (!ent.name.startsWith('.') && ent.name !== 'node_modules') walk(full, files, errors); }
    else if (ent.isFile() && C_FILE.test(ent.name)) files.push(full);
  }
}
