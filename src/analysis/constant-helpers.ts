// Helpers that return a constant on some targets (`ocqp_supported()` is `return 0;` unless x86 or PPC64, cxgb4
// iw_cxgb4.h:916-922): where a mapping call sits under `if (helper(...))`, it runs only on the targets where the
// helper may return non-zero.
import type { ArchRegion } from './preproc-conditions';
import type { FunctionFacts } from './facts';
import { KBUILD_ARCHES, type KbuildArch } from './kbuild';

/**
 * The targets on which `fn` certainly returns 0: the lines of its body that target compiles (its file's `regions`)
 * hold, apart from braces, comments and directives, exactly one statement, `return 0;` (or `return false;`).
 * Undefined when it has no source kept (an I/O function) or no target is so.
 */
export function returnsZeroOn(fn: FunctionFacts, regions: readonly ArchRegion[] | undefined): KbuildArch[] | undefined {
  const src = fn.source;
  if (!src || !regions?.length) return undefined;
  const open = src.text.indexOf('{');
  if (open < 0) return undefined;
  const firstBodyRow = src.row + lineCount(src.text.slice(0, open));
  const bodyLines = src.text.slice(open + 1).split('\n');
  const zeroOn = KBUILD_ARCHES.filter((arch) => {
    const compiled = bodyLines.filter((_, k) => compiles(regions, firstBodyRow + k, arch)).join('\n');
    return /^return\s*\(?\s*(?:0|false)\s*\)?\s*;$/.test(statements(compiled));
  });
  return zeroOn.length ? zeroOn : undefined;
}

function lineCount(text: string): number {
  return text.split('\n').length - 1;
}

function compiles(regions: readonly ArchRegion[], row: number, arch: KbuildArch): boolean {
  const region = regions.find((r) => r.start <= row && row <= r.end);
  return !region || region.arches.includes(arch);
}

/** A body's text without comments, directive lines and braces, whitespace squeezed. */
function statements(body: string): string {
  return body
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/.*$/gm, ' ')
    .replace(/^[ \t]*#.*$/gm, ' ')
    .replace(/[{}]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
