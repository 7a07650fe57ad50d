// Rule: memcpy/memset, a plain dereference or a struct access through a pointer from an ioremap-family mapping.
// P2PDMA memory and memremap() results are ordinary memory by design and are not flagged; per architecture only where
// the mapping's memory type faults on or mangles plain accesses (the arch data's plainAccess).
import type { Arch } from '../arch';
import { mappingFact } from '../arch';
import { archesOf } from '../arch-mask';
import { lineOf, originText, via } from '../describe';
import type { Rule } from './rule';
import type { Origin } from '../../analysis/facts';

/** The origin (of those the pointer may come from) whose memory type plain accesses go wrong on, on `arch`. */
function hazardous(origins: Origin[], arch: Arch, copy: boolean): (Origin & { kind: 'mapping' }) | undefined {
  for (const o of origins) {
    if (o.kind !== 'mapping') continue;
    const fact = mappingFact(arch, o.memKind);
    if (fact?.plainAccess && !fact.returnsNull && (copy || !fact.plainAccess.copiesOnly)) return o;
  }
  return undefined;
}

function consequence(arch: Arch, o: Origin & { kind: 'mapping' }): string {
  const fact = mappingFact(arch, o.memKind)!;
  return `on ${arch} (${fact.memType}) ${fact.plainAccess!.hazard}`;
}

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
      // Only the architectures whose memory type for this mapping does not take plain accesses (arm64 Normal-NC and
      // Normal-WB, x86 WC and WB do; Device, cache-inhibited and riscv IO memory do not).
      const copy = e.viaCall !== undefined && e.viaCall !== 'WRITE_ONCE';
      const arches = archesOf(mask).filter((a) => hazardous(n.origins, a, copy));
      if (!arches.length) continue;
      const origin = hazardous(n.origins, arches[0], copy)!;
      const what = e.kind === 'store' ? `writes ${e.targetText}` : `reads ${e.text}`;
      const accessor = e.kind === 'store' ? 'writel()/memcpy_toio()/memset_io()' : 'readl()/memcpy_fromio()';
      ctx.report({
        file: flow.fn.file, span: n.site, arches, fixes: [],
        message: `Line ${lineOf(n)}${via(n)} ${what} as plain memory, but it points into an I/O mapping (${originText(origin)}): ${arches.map((a) => consequence(a, hazardous(n.origins, a, copy)!)).join('; ')}. Use ${accessor} (Documentation/driver-api/device-io.rst:62-66).`,
        related: [{ file: origin.file, span: origin.span, message: `I/O mapping made here (${origin.api})` }],
      });
    }
  },
};
