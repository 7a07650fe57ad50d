// Rule: memcpy/memset, a plain dereference or a struct access through a pointer from an ioremap-family mapping.
// P2PDMA memory and memremap() results are ordinary memory by design and are not flagged.
import type { Arch } from '../arch';
import { mappingFact } from '../arch';
import { archesOf } from '../arch-mask';
import { lineOf, originText, via } from '../describe';
import type { Rule } from './rule';
import type { Origin } from '../../analysis/facts';

const CONSEQUENCE: Record<Arch, string> = {
  x86_64: 'on x86_64 the compiler may merge, split, tear or reorder the plain accesses (no volatile, no ordering)',
  arm64: 'on arm64 Device memory faults on unaligned accesses, and memcpy/memset use unaligned, paired or DC ZVA accesses',
  powerpc64: 'on powerpc64 cache-inhibited memory raises alignment interrupts for unaligned and dcbz-based copies',
  riscv64: 'on riscv64 I/O regions may fault on misaligned or wider-than-register accesses, and nothing orders them',
};

function isIoremap(o: Origin): boolean {
  return o.kind === 'mapping' && !o.memKind.startsWith('memremap') && o.memKind !== 'ioport';
}

export const iomemPlainAccess: Rule = {
  id: 'iomem-plain-access',
  defaultSeverity: 'warning',
  summary: 'memcpy/memset or a plain dereference through an __iomem pointer from ioremap().',
  run(ctx) {
    const { flow, mask } = ctx;
    for (const n of flow.nodes) {
      const e = n.event;
      if (e?.kind !== 'store' && e?.kind !== 'load') continue;
      // Only when every place the pointer can come from is an I/O mapping: a pointer that is device memory on one
      // path and ordinary or DMA memory on another (a ring in a BAR on one chip, in coherent memory on the others)
      // is left alone.
      if (n.origins.length === 0 || !n.origins.every(isIoremap)) continue;
      // Device registers hold no C pointers: a pointer-typed field read through such a base is a struct in memory.
      const field = e.kind === 'load' ? e.field : e.viaCall ? undefined : /(?:->|\.)\s*(\w+)\s*$/.exec(e.targetText)?.[1];
      if (field && ctx.index?.isPointerField(field)) continue;
      const origin = n.origins[0];
      if (origin.kind !== 'mapping') continue;
      const arches = archesOf(mask).filter((a) => mappingFact(a, origin.memKind)?.returnsNull !== true);
      if (!arches.length) continue;
      const what = e.kind === 'store' ? `writes ${e.targetText}` : `reads ${e.text}`;
      const accessor = e.kind === 'store' ? 'writel()/memcpy_toio()/memset_io()' : 'readl()/memcpy_fromio()';
      ctx.report({
        file: flow.fn.file, span: n.site, arches, fixes: [],
        message: `Line ${lineOf(n)}${via(n)} ${what} as plain memory, but it points into an I/O mapping (${originText(origin)}): ${arches.map((a) => CONSEQUENCE[a]).join('; ')}. Use ${accessor} (Documentation/driver-api/device-io.rst:62-66).`,
        related: [{ file: origin.file, span: origin.span, message: `I/O mapping made here (${origin.api})` }],
      });
    }
  },
};
