// Which workspace files the editor's background index takes first, and what each costs it: files nearest the open
// documents first (same directory, then the same driver, then ever farther), and the heap a file's facts take.
import { dirname, sep } from 'node:path';

/** The directory components of a file's path, its name dropped. */
export function directoryParts(path: string): string[] {
  return dirname(path).split(sep).filter((p) => p.length > 0);
}

/** Directory names under `include/` that say nothing about which driver a header belongs to. */
const GENERIC_INCLUDE_DIRS = new Set(['include', 'linux', 'uapi', 'asm', 'asm-generic', 'dt-bindings']);

/**
 * How near a file's directory is to an open document's: the leading components they share. A header under an
 * `include/` directory named like a directory of the document's path (`include/linux/mlx5/` for
 * `drivers/net/ethernet/mellanox/mlx5/core/`) is as near as that directory, since it holds that driver's helpers.
 */
export function nearness(file: string[], doc: string[]): number {
  let shared = 0;
  while (shared < file.length && shared < doc.length && file[shared] === doc[shared]) shared++;
  const include = file.indexOf('include', shared);
  if (include < 0) return shared;
  let near = shared;
  for (const name of file.slice(include + 1)) {
    if (GENERIC_INCLUDE_DIRS.has(name)) continue;
    const at = doc.indexOf(name, shared);
    if (at >= 0) near = Math.max(near, at + 1);
  }
  return near;
}

/** How near a file is to the nearest of the open documents (0 when none is open). */
export function nearestOpen(file: string, openDirs: string[][]): number {
  const parts = directoryParts(file);
  let best = 0;
  for (const doc of openDirs) best = Math.max(best, nearness(parts, doc));
  return best;
}

/** The files in the order the index takes them: nearest an open document first, listing order among equals. */
export function byNearness(files: readonly string[], openPaths: readonly string[]): { file: string; near: number }[] {
  const openDirs = openPaths.map(directoryParts);
  const ranked = files.map((file, order) => ({ file, near: nearestOpen(file, openDirs), order }));
  ranked.sort((a, b) => b.near - a.near || a.order - b.order);
  return ranked.map(({ file, near }) => ({ file, near }));
}

/**
 * The heap a file's indexed facts take, estimated from its text. Measured on 6.1 `drivers/` (12,000 files indexed,
 * heap after a full GC): about 7 bytes per byte of code, stable within 6.5-7.6 as the files vary, and about 1.2 per
 * byte of `#define` lines, which register headers (amdgpu's `asic_reg/`: hundreds of MB) are nearly all made of.
 */
export function estimatedHeapCost(text: string): number {
  let defines = 0;
  const define = /^[ \t]*#[ \t]*define\b.*$/gm;
  for (let m = define.exec(text); m; m = define.exec(text)) defines += m[0].length + 1;
  return Math.round(HEAP_PER_CODE_BYTE * (text.length - defines) + HEAP_PER_DEFINE_BYTE * defines);
}

export const HEAP_PER_CODE_BYTE = 7;
export const HEAP_PER_DEFINE_BYTE = 1.2;

/** The part of the heap limit the background index may fill by estimate; the rest is the open documents' analysis. */
export const INDEX_SHARE_OF_HEAP = 0.45;
/** Above this share of the heap limit in use, indexing stops whatever the estimate says (the safety net). */
export const HEAP_STOP_SHARE = 0.85;
