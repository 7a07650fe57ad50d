// Rule: a burst of fully ordered writes (writel/iowrite32) into a write-combining mapping, on architectures where each
// such write carries a barrier that stops the combining the mapping was made for.
import type { FlowNode } from '../../analysis/flow';
import { DEFEATS_COMBINING } from '../arch/combining';
import { archesOf, maskWhere } from '../arch-mask';
import { eventName, lineOf, originText, via } from '../describe';
import { isWc } from '../ordering';
import { runPending } from '../pending';
import type { Rule } from './rule';

function defeatMask(n: FlowNode, mask: number): number {
  const e = n.event;
  if (e?.kind !== 'access' || e.dir !== 'write') return 0;
  if (n.origins.length === 0) return 0;
  return maskWhere(mask, (a) => DEFEATS_COMBINING[a][e.family] !== undefined && n.origins.every((o) => isWc(o, a)));
}

export const wcCombiningDefeated: Rule = {
  id: 'wc-combining-defeated',
  defaultSeverity: 'information',
  summary: 'Fully ordered writes into a write-combining mapping fence every store on arm64/powerpc64, defeating combining.',
  run(ctx) {
    const { flow, mask } = ctx;
    const hits = runPending(flow, {
      source: (n) => defeatMask(n, mask),
      kill: () => 0,
      sink: (n) => defeatMask(n, mask),
    });
    for (const [sinkId, sources] of hits) {
      const sink = flow.nodes[sinkId];
      const arches = archesOf([...sources.values()].reduce((m, s) => m | s, 0));
      const e = sink.event;
      if (e?.kind !== 'access') continue;
      const origin = sink.origins.find((o) => o.kind === 'mapping')!;
      const why = arches.map((a) => `on ${a} ${DEFEATS_COMBINING[a][e.family]!.why}`).join('; ');
      const first = flow.nodes[[...sources.keys()][0]];
      ctx.report({
        file: flow.fn.file, span: sink.site, arches, fixes: [],
        message: `${eventName(sink)}${via(sink)} at line ${lineOf(sink)} writes a write-combining mapping (${originText(origin)}) with a fully ordered accessor after ${eventName(first)} (line ${lineOf(first)}): ${why}. Write the burst with __iowrite64_copy()/memcpy_toio() or *_relaxed accessors and put one wmb() after it.`,
        related: [{ file: flow.fn.file, span: first.site, message: 'earlier ordered write into the same write-combining mapping' }],
      });
    }
  },
};
