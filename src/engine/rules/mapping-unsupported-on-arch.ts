// Rule (information): a mapping call that returns NULL, or silently gives another memory type, on a target architecture.
import { mappingFact, type Arch } from '../arch';
import { archesOf, maskOf, maskWhere } from '../arch-mask';
import { reachMask } from '../pending';
import { lineOf } from '../describe';
import { mappingReadOnly } from '../mapping-read-only';
import type { Rule } from './rule';

const WC_INTENT = new Set(['ioremap_wc']);

export const mappingUnsupportedOnArch: Rule = {
  id: 'mapping-unsupported-on-arch',
  defaultSeverity: 'information',
  summary: 'A mapping call returns NULL or gives another memory type on some architecture (ioremap_uc, ioremap_np, ioremap_wc).',
  run(ctx) {
    const { flow } = ctx;
    for (let id = 0; id < flow.nodes.length; id++) {
      const n = flow.nodes[id];
      const e = n.event;
      if (e?.kind !== 'mapping' || n.chain.length) continue;
      const mask = ctx.mask & reachMask(flow, id); // a mapping only some targets compile (`if (IS_ENABLED(...))`)
      const runs = e.guards && ctx.index ? maskOf(ctx.index.guardedArches(e.guards, flow.fn.file)) & mask : mask;
      const nulls = maskWhere(runs, (a) => mappingFact(a, e.memKind)?.returnsNull === true);
      const wcLost = WC_INTENT.has(e.memKind) && !mappingReadOnly(flow, n.site, ctx.lineText);
      const noWc = wcLost ? maskWhere(runs, (a) => mappingFact(a, e.memKind)?.writeCombining === false) : 0;
      const parts: string[] = [];
      if (nulls) parts.push(`returns NULL on ${archesOf(nulls).join(', ')} (${cites(archesOf(nulls), e.memKind)}): check the result and fall back to ioremap()`);
      if (noWc) parts.push(`gives no write combining on ${archesOf(noWc).map((a) => `${a} (${mappingFact(a, e.memKind)?.memType})`).join(', ')}`);
      if (wcLost && (runs & 1)) parts.push('on x86_64 it is UC- when PAT is off (nopat, or a CPU without PAT), with WC only through an MTRR (arch/x86/mm/pat/memtype.c:277-327)');
      if (!nulls && !noWc) continue;
      ctx.report({
        file: flow.fn.file, span: n.site, arches: archesOf(nulls | noWc), fixes: [],
        message: `${e.api}() at line ${lineOf(n)} ${parts.join('; ')}.`,
        related: [],
      });
    }
  },
};

function cites(arches: Arch[], memKind: string): string {
  return [...new Set(arches.map((a) => mappingFact(a, memKind)?.cite))].join('; ');
}
