// Rule: a read through a write-combining mapping while write-combined stores to that mapping are still pending: the
// read may reach the device before them (a WC read neither drains the buffers nor is ordered after them).
import type { FlowNode } from '../../analysis/flow';
import { PROFILES, mappingFact, type Arch } from '../arch';
import { archesOf, maskWhere, type Mask } from '../arch-mask';
import { eventName, lineOf, originText, sameInlinedCall, via } from '../describe';
import { insertLineAfter } from '../fixes';
import { guarantees, isWc, orderMasks, originSite, surelyWc } from '../ordering';
import { runPending } from '../pending';
import type { Rule, RuleContext } from './rule';
import { barrierName } from '../barrier-dialect';

const KIND = 'wc-next' as const;
const BULK_COPIES: ReadonlySet<string> = new Set(['toio', 'copy']);

function wcOrigins(n: FlowNode, arch: Arch): Set<string> {
  return new Set(n.origins.filter((o) => isWc(o, arch)).map(originSite));
}

/** A store or write through a mapping that is write-combining on the architecture. */
function wcWriteMask(n: FlowNode, mask: Mask): Mask {
  const e = n.event;
  if (!e || (e.kind !== 'store' && !(e.kind === 'access' && e.dir === 'write'))) return 0;
  return maskWhere(mask, (a) => surelyWc(n.origins, a));
}

/**
 * A register-style read whose every origin is write-combining, on the architectures where the accessor itself does not
 * order earlier stores (powerpc64 readl starts with sync). An x86 access drains WC buffers only when it is uncached,
 * and this one goes through the WC mapping, so the data's "uncached access" drain does not apply to it. Bulk copies
 * out of the window read a buffer; whether they follow unflushed writes is missing-wc-flush's question.
 */
function wcReadMask(n: FlowNode, mask: Mask): Mask {
  const e = n.event;
  if (e?.kind !== 'access' || e.dir !== 'read' || BULK_COPIES.has(e.family)) return 0;
  if (n.origins.length === 0 || !n.origins.every((o) => o.kind === 'mapping')) return 0;
  return maskWhere(mask, (a) => n.origins.every((o) => isWc(o, a)) && !guarantees(n, a, KIND));
}

/** Architectures on which the pending store and the read go through the same write-combining mapping. */
function sameMapping(src: FlowNode, sink: FlowNode, m: Mask): Mask {
  return maskWhere(m, (a) => { const s = wcOrigins(src, a); return [...wcOrigins(sink, a)].some((o) => s.has(o)); });
}

export const wcRead: Rule = {
  id: 'wc-read',
  defaultSeverity: 'warning',
  summary: 'A read through a write-combining mapping while write-combined stores to it are not flushed.',
  run(ctx) {
    const { flow, mask } = ctx;
    const hits = runPending(flow, {
      source: (n) => wcWriteMask(n, mask),
      kill: (n) => orderMasks(n, KIND)[0] & mask,
      sink: (n) => wcReadMask(n, mask),
    });
    for (const [sinkId, sources] of hits) {
      const sink = flow.nodes[sinkId];
      const pairs = [...sources]
        .map(([src, m]) => [src, sameInlinedCall(flow.nodes[src], sink) ? 0 : sameMapping(flow.nodes[src], sink, m)] as const)
        .filter(([, m]) => m);
      if (pairs.length) report(ctx, sink, pairs);
    }
  },
};

function report(ctx: RuleContext, sink: FlowNode, pairs: (readonly [number, Mask])[]): void {
  const { flow } = ctx;
  const file = flow.fn.file;
  const arches = archesOf(pairs.reduce((m, [, p]) => m | p, 0));
  const last = pairs.map(([id]) => flow.nodes[id]).sort((a, b) => lineOf(b) - lineOf(a))[0];
  const origin = sink.origins.find((o) => o.kind === 'mapping')!;
  const types = arches.map((a) => `${a}: ${origin.kind === 'mapping' ? mappingFact(a, origin.memKind)?.memType : '?'}`).join(', ');
  const flush = barrierName(flow, 'wc-flush');
  const fix = insertLineAfter(file, last, `${flush}();`, ctx.lineText, `Insert ${flush}() after the write-combined stores`, true);
  ctx.report({
    file, span: sink.site, arches, fixes: fix ? [fix] : [],
    message: `${eventName(sink)}${via(sink)} at line ${lineOf(sink)} reads through a write-combining mapping (${originText(origin)}; ${types}) while the write-combined ${eventName(last)}${via(last)} at line ${lineOf(last)} may still sit in the write-combining buffers: ${reasons(arches)}. The read can return stale data and does not flush the writes. Put ${flush}() between the writes and the read.`,
    related: [
      { file, span: last.site, message: 'write-combined store not yet flushed' },
      { file: origin.file, span: origin.span, message: `write-combining mapping made here (${origin.api})` },
    ],
  });
}

function reasons(arches: Arch[]): string {
  return arches.map((a) => `on ${a} ${PROFILES[a].wcReadAfterWrite.why}`).join('; ');
}
