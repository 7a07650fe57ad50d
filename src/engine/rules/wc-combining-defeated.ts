// Rule: a burst of fully ordered writes (writel/iowrite32) into a write-combining mapping, on architectures where each
// such write carries a barrier that stops the combining the mapping was made for.
import type { FlowNode, FunctionFlow } from '../../analysis/flow';
import { DEFEATS_COMBINING } from '../arch/combining';
import { archesOf, maskWhere } from '../arch-mask';
import { eventName, lineOf, originText, via } from '../describe';
import { eventInHelper } from '../event-in-helper';
import { isColdPath } from '../cold-path';
import { mappedPerCall, mappedPerCallerCall } from '../mapped-per-call';
import { isWc } from '../ordering';
import { runPending } from '../pending';
import type { Rule, RuleContext } from './rule';
import { positionBefore } from '../../analysis/facts';
import type { Finding } from '../findings';

function defeatMask(n: FlowNode, mask: number): number {
  const e = n.event;
  if (e?.kind !== 'access' || e.dir !== 'write') return 0;
  if (n.origins.length === 0) return 0;
  return maskWhere(mask, (a) => DEFEATS_COMBINING[a][e.family] !== undefined && n.origins.every((o) => isWc(o, a)));
}

/**
 * What ends a burst: a barrier, a lock operation, any read (drivers read a register on purpose to drain WC, e.g.
 * switchtec's flush_wc_buf()) and any write not known to go to a write-combining mapping on that architecture.
 */
function burstEnd(n: FlowNode, mask: number): number {
  const e = n.event;
  if (e?.kind === 'barrier' || e?.kind === 'lock' || e?.kind === 'unlock') return mask;
  if (e?.kind !== 'access') return 0;
  if (e.dir === 'read' || n.origins.length === 0) return mask;
  return maskWhere(mask, (a) => !n.origins.every((o) => isWc(o, a)));
}

/**
 * Two writes to the same register (one fixed address: member chains and upper-case constants only, so nothing that
 * changes between the writes, unlike p->wc + i in a loop) are separate doorbells, never one combined burst. A write
 * that reaches itself round a loop through a pointer held in a local of the analysed function (hdr->len with hdr
 * moving on each pass) writes a new place each time, so it is not taken as one register.
 */
function sameRegister(a: FlowNode, b: FlowNode, flow: FunctionFlow): boolean {
  if (a.event?.kind !== 'access' || b.event?.kind !== 'access') return false;
  const text = a.event.addrText.replace(/\s+/g, '');
  if (text !== b.event.addrText.replace(/\s+/g, '') || !isFixedAddress(text)) return false;
  const root = /^&?\(?([A-Za-z_]\w*)/.exec(text)?.[1];
  return !(a === b && a.chain.length === 0 && root !== undefined && flow.fn.body?.locals[root] !== undefined);
}

function isFixedAddress(text: string): boolean {
  for (const m of text.matchAll(/[A-Za-z_]\w*/g)) {
    const before = text.slice(0, m.index);
    const after = text.slice(m.index! + m[0].length);
    if (/(?:->|\.)$/.test(before) || /^(?:->|\.)/.test(after)) continue;
    if (!/^[A-Z0-9_]+$/.test(m[0])) return false;
  }
  return true;
}

/**
 * A burst whose combining cannot matter: written through a mapping the function makes and unmaps itself (once per
 * mapping, mapped-per-call.ts), or in a function that runs only from probe/remove/PM/module init-exit (cold-path.ts).
 */
function coldBurst(ctx: RuleContext, sink: FlowNode): boolean {
  const walk = ctx.index && ctx.flowOf ? { index: ctx.index, flowOf: ctx.flowOf } : undefined;
  if (sink.origins.every((o) => mappedPerCall(ctx.flow, o) || (walk !== undefined && mappedPerCallerCall(walk, ctx.flow, o)))) return true;
  return walk !== undefined && isColdPath(walk.index, ctx.flow.fn, walk.flowOf);
}

/**
 * A burst whose last write is in an inlined helper is reported at the call: where the helper (or one between) reports
 * a burst ending at that write itself, that finding stands for this one (check.ts `reportedInside`); where it cannot
 * (the mapping passed in by this caller, or the burst begun here), the call is reported.
 */
function lastWriteInHelper(ctx: RuleContext, sink: FlowNode): Finding['at'] {
  const e = sink.event;
  return e?.kind === 'access' ? eventInHelper(ctx, sink, e.span) : undefined;
}

/** A burst's finding: at its later write, naming its earliest write on the path. */
function reportBurst(ctx: RuleContext, sinkId: number, sources: Map<number, number>, bursts: Map<number, Map<number, number>>): void {
  const { flow } = ctx;
  const sink = flow.nodes[sinkId];
  const e = sink.event;
  if (e?.kind !== 'access') return;
  const arches = archesOf([...sources.values()].reduce((m, s) => m | s, 0));
  const origin = sink.origins.find((o) => o.kind === 'mapping')!;
  const why = arches.map((a) => `on ${a} ${DEFEATS_COMBINING[a][e.family]!.why}`).join('; ');
  const first = burstStart(flow, sources, bursts);
  const at = lastWriteInHelper(ctx, sink);
  ctx.report({
    file: flow.fn.file, span: sink.site, arches, fixes: [], ...(at ? { at } : {}),
    message: `${eventName(sink)}${via(sink)} at line ${lineOf(sink)} writes a write-combining mapping (${originText(origin)}) with a fully ordered accessor after ${eventName(first)} (line ${lineOf(first)}): ${why}. Write the burst with __iowrite64_copy()/memcpy_toio() or *_relaxed accessors and put one wmb() after it.`,
    related: [{ file: flow.fn.file, span: first.site, message: 'earlier ordered write into the same write-combining mapping' }],
  });
}

/** The burst's first write: the earliest in the text of the writes before the sink, followed back through earlier writes' own. */
function burstStart(flow: FunctionFlow, sources: Map<number, number>, bursts: Map<number, Map<number, number>>): FlowNode {
  const seen = new Set<number>(sources.keys());
  for (const id of seen) for (const earlier of bursts.get(id)?.keys() ?? []) seen.add(earlier);
  return [...seen].map((id) => flow.nodes[id]).reduce((a, b) => (before(b, a) ? b : a));
}

function before(a: FlowNode, b: FlowNode): boolean {
  return positionBefore(a.site.start, b.site.start);
}

/**
 * One finding per burst, at its last write: a write the burst goes on after (it is an earlier write of another
 * reported write, for all its architectures) is not reported itself. Round a loop two writes continue each other;
 * the one later in the text (then in the flow) is the burst's last.
 */
function continuedAfter(flow: FunctionFlow, sinkId: number, own: Map<number, number>, bursts: Map<number, Map<number, number>>): boolean {
  const mask = [...own.values()].reduce((m, s) => m | s, 0);
  const [s, nodes] = [sinkId, flow.nodes];
  const endsAfter = (t: number) => !own.has(t) || before(nodes[s], nodes[t]) || (!before(nodes[t], nodes[s]) && s < t);
  for (const [t, sources] of bursts) {
    const carried = sources.get(sinkId);
    if (t !== sinkId && carried !== undefined && (mask & ~carried) === 0 && endsAfter(t)) return true;
  }
  return false;
}

export const wcCombiningDefeated: Rule = {
  id: 'wc-combining-defeated',
  defaultSeverity: 'information',
  summary: 'Fully ordered writes into a write-combining mapping fence every store on arm64/powerpc64, defeating combining.',
  run(ctx) {
    const { flow, mask } = ctx;
    const hits = runPending(flow, {
      source: (n) => defeatMask(n, mask),
      kill: (n) => burstEnd(n, mask),
      sink: (n) => defeatMask(n, mask),
    });
    const bursts = new Map<number, Map<number, number>>();
    for (const [sinkId, all] of hits) {
      const sink = flow.nodes[sinkId];
      const sources = new Map([...all].filter(([src]) => !sameRegister(flow.nodes[src], sink, flow)));
      if (sources.size && !coldBurst(ctx, sink)) bursts.set(sinkId, sources);
    }
    for (const [sinkId, sources] of bursts) {
      if (!continuedAfter(flow, sinkId, sources, bursts)) reportBurst(ctx, sinkId, sources, bursts);
    }
  },
};
