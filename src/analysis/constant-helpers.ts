// Helpers that return a constant on some targets (`ocqp_supported()` is `return 0;` unless x86 or PPC64, cxgb4
// iw_cxgb4.h:916-922): where a mapping call sits under `if (helper(...))`, it runs only on the targets where the
// helper may return non-zero.
import type { ArchRegion } from './preproc-conditions';
import type { FunctionFacts } from './facts';
import { KBUILD_ARCHES, type KbuildArch } from './kbuild';

/**
 * Resource flags only some targets ever set, so code under `if (res.flags & FLAG)` runs only there.
 * `IORESOURCE_MEM_NONPOSTED`: "platforms [that] require ioremap_np() semantics" set it
 * (Documentation/driver-api/device-io.rst:383-388); its only setter in 6.1 is __of_address_to_resource()
 * (drivers/of/address.c:860-861) when of_mmio_is_nonposted(), which is false unless `IS_ENABLED(CONFIG_ARCH_APPLE)`
 * (:1136-1137), an arm64 platform (arch/arm64/Kconfig.platforms:29). So the `ioremap_np()` it selects (NULL except on
 * arm64, include/asm-generic/io.h:1144-1159) never runs elsewhere (of_iomap(), of_io_request_and_map(), lib/devres.c:136).
 */
export const PLATFORM_ONLY_FLAGS: ReadonlyMap<string, readonly KbuildArch[]> = new Map([
  ['IORESOURCE_MEM_NONPOSTED', ['arm64'] as const],
]);

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
