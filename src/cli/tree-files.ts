// Lenient file access for the Linux-tree readers (Kbuild, device trees): a missing or unreadable file is simply absent.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function readText(p: string): string | undefined {
  try { return readFileSync(p, 'utf8'); } catch { return undefined; }
}

export function isDir(p: string): boolean {
  try { return statSync(p).isDirectory(); } catch { return false; }
}

/** The sorted entry names of a directory (none when it cannot be read). */
export function listDir(p: string): string[] {
  try { return readdirSync(p).sort(); } catch { return []; }
}

/** The root-relative files under `dir` whose names match `want`, recursively (none when `dir` does not exist). */
export function walkTree(root: string, dir: string, want: RegExp): string[] {
  return listDir(join(root, dir)).flatMap((n) => {
    const rel = `${dir}/${n}`;
    if (want.test(n)) return [rel];
    return isDir(join(root, rel)) ? walkTree(root, rel, want) : [];
  });
}
