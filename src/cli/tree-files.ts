// Lenient file access for the Linux-tree readers (Kbuild, device trees): a missing or unreadable file is simply absent.
import { spawnSync } from 'node:child_process';
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

/**
 * For each string, the root-relative .c/.h files under `dirs` that contain it as a string literal (`"x"`), by one
 * `grep -rF` over the tree (a few seconds for a whole Linux tree, where reading it in node takes ten). Undefined when
 * grep cannot run: callers then make no claim that depends on it.
 */
export function findLiterals(root: string, strings: string[], dirs: string[]): Map<string, string[]> | undefined {
  const patterns = strings.flatMap((s) => ['-e', `"${s}"`]);
  const present = dirs.filter((d) => isDir(join(root, d)));
  if (present.length === 0) return new Map();
  const r = spawnSync('grep', ['-rHoF', '--include=*.c', '--include=*.h', ...patterns, '--', ...present], { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.error || (r.status !== 0 && r.status !== 1)) return undefined;
  const out = new Map<string, string[]>();
  for (const line of r.stdout.split('\n')) {
    const m = /^(.*?):"(.*)"$/.exec(line);
    if (!m) continue;
    const files = out.get(m[2]) ?? [];
    if (!files.includes(m[1])) files.push(m[1]);
    out.set(m[2], files);
  }
  return out;
}

/** For each header (relative to include/), the root-relative .c/.h files under `dirs` that `#include <it>`, by one
 * `grep -rF` for all of them; undefined when grep cannot run. */
export function findIncluders(root: string, headers: string[], dirs: string[]): Map<string, string[]> | undefined {
  const present = dirs.filter((d) => isDir(join(root, d)));
  if (present.length === 0 || headers.length === 0) return new Map();
  const patterns = headers.flatMap((h) => ['-e', `<${h}>`]);
  const r = spawnSync('grep', ['-rHoF', '--include=*.c', '--include=*.h', ...patterns, '--', ...present], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error || (r.status !== 0 && r.status !== 1)) return undefined;
  const out = new Map<string, string[]>();
  for (const line of r.stdout.split('\n')) {
    const m = /^(.*?):<(.*)>$/.exec(line);
    if (!m) continue;
    const files = out.get(m[2]) ?? [];
    if (!files.includes(m[1])) files.push(m[1]);
    out.set(m[2], files);
  }
  return out;
}
