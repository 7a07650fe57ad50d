// Rule: stores through a write-combining mapping not flushed by wmb() before an access elsewhere, an unlock, or the return.
import type { FlowNode, FunctionFlow } from '../../analysis/flow';
import { FLOW_EXIT } from '../../analysis/flow';
import { accessorFact, mappingFact, PROFILES, type Arch, type OrderFact } from '../arch';
import { archesOf, maskWhere, type Mask } from '../arch-mask';
import { accessOn, eventName, lineOf, originText, sameInlinedCall, via } from '../describe';
import { insertLineAfter } from '../fixes';
import { heldLocks } from '../held-locks';
import { existsOn, isIoMapping, isWc, orderMasks, ordersAt, surelyWc, volatileIoAccess } from '../ordering';
import { runPending } from '../pending';
import { orderedTriggerFollows } from '../later-trigger';
import type { Rule, RuleContext } from './rule';
import { barrierName } from '../barrier-dialect';

const KIND = 'wc-next' as const;

/** A write-combined store, except where the accessor's own trailing barrier drains it (powerpc64 memcpy_toio/memset_io). */
function wcMask(n: FlowNode, mask: Mask): Mask {
  const e = n.event;
  if (!e || (e.kind !== 'store' && !(e.kind === 'access' && e.dir === 'write'))) return 0;
  return maskWhere(mask, (a) => surelyWc(n.origins, a) && !(e.kind === 'access' && accessorFact(a, e.family, e.dir).drainsOwn?.[KIND]));
}

/** An access known to go through a mapping that is not write-combining on that architecture (and made there). */
function otherMappingMask(n: FlowNode, mask: Mask): Mask {
  if ((n.event?.kind !== 'access' && !volatileIoAccess(n)) || n.origins.length === 0 || !n.origins.every(isIoMapping)) return 0;
  return maskWhere(mask, (a) => n.origins.every((o) => existsOn(o, a) && !isWc(o, a)) && !ioOrders(n, a));
}

/**
 * What the node orders of earlier write-combined stores on `arch`: a volatile MMIO access as its family does, where it
 * goes to memory that does not combine there (a volatile store into the write-combined window drains nothing).
 */
function ioOrders(n: FlowNode, arch: Arch): OrderFact | undefined {
  const dir = volatileIoAccess(n);
  if (!dir) return ordersAt(n, arch, KIND);
  return n.origins.some((o) => isWc(o, arch)) ? undefined : accessorFact(arch, 'volatile', dir).provides[KIND];
}

export const missingWcFlush: Rule = {
  id: 'missing-wc-flush',
  defaultSeverity: 'warning',
  summary: 'Stores through a write-combining mapping are not flushed (wmb()) before a dependent access, an unlock or the return.',
  run(ctx) {
    const { flow, mask } = ctx;
    const kill = (n: FlowNode) => (orderMasks(n, KIND)[0] | (volatileIoAccess(n) ? maskWhere(mask, (a) => !!ioOrders(n, a)) : 0)) & mask;
    const sink = (n: FlowNode) => (n.event?.kind === 'unlock' ? mask & ~orderMasks(n, KIND)[0] : otherMappingMask(n, mask));
    const reported = new Map<number, Mask>();
    for (const [sinkId, found] of runPending(flow, { source: (n) => wcMask(n, mask), kill, sink })) {
      const started = readThenOrderedWrite(flow, sinkId, mask);
      const sources = new Map([...found]
        .map(([src, m]) => [src, m & ~started] as [number, Mask])
        .filter(([src, m]) => m && !sameInlinedCall(flow.nodes[src], flow.nodes[sinkId]) && !lockTakenAfter(flow, src, sinkId)));
      for (const [src, m] of sources) reported.set(src, (reported.get(src) ?? 0) | m);
      if (sources.size) report(ctx, sinkId, sources);
    }
    if (flow.hasCallers) return;
    const atReturn = runPending(flow, {
      source: (n) => (isPushCopy(n) ? wcMask(n, mask) : 0),
      kill: (n) => kill(n) | sink(n) | (waitsForDevice(n) ? mask : 0),
      sink: (_n, id) => (id === FLOW_EXIT ? mask : 0),
    }).get(FLOW_EXIT);
    const unreported = new Map([...atReturn ?? []].map(([src, m]) => [src, m & ~(reported.get(src) ?? 0)] as [number, Mask]).filter(([, m]) => m));
    if (unreported.size) report(ctx, FLOW_EXIT, unreported);
  },
};

/**
 * A read of another mapping that every path follows with an MMIO write ordering the write-combined stores before it
 * (`writel()`: `dmb oshst` on arm64 orders Normal-NC stores too): that write is what tells the device to use them, and
 * the read between only reads (switchtec's `flush_wc_buf()` read, then `iowrite32()` of the command; q6v5's
 * `readl()` of a length register before `writel()` of the size). Architectures where that holds; 0 for other sinks.
 */
function readThenOrderedWrite(flow: FunctionFlow, sinkId: number, mask: Mask): Mask {
  const e = flow.nodes[sinkId].event;
  return e?.kind === 'access' && e.dir === 'read' ? orderedTriggerFollows(flow, sinkId, KIND, mask) : 0;
}

/**
 * At the return only a work-request push (`__iowriteN_copy`, `iosubmit_cmds512`, rdma-core `mmio_memcpy_x64`) is
 * owed a flush: the device acts on its arrival and the next push (another CPU, after the caller's unlock) may merge
 * with it. Fills, image copies and single stores into framebuffers, shared RAM or registers that nothing waits for
 * were, in the hand-judged samples, intended (docs/triage-ordering-rules.md: neofb, simpledrm, amphion, smsm, qxl).
 */
function isPushCopy(n: FlowNode): boolean {
  return n.event?.kind === 'access' && n.event.family === 'copy';
}

/** A read of the device or of memory it writes: a wait for the device's answer, which it gives only once the push arrived. */
function waitsForDevice(n: FlowNode): boolean {
  const e = n.event;
  if (e?.kind === 'access') return e.dir === 'read';
  return e?.kind === 'load' && n.origins.some((o) => o.kind === 'dma-coherent' || o.kind === 'dma-mapped');
}

/**
 * An unlock whose lock this flow takes after the write-combined store: the store is not in that critical section
 * (an unrelated lock deep in a callee), so the hand-off owes it nothing. A lock taken by a caller is kept.
 */
function lockTakenAfter(flow: FunctionFlow, srcId: number, sinkId: number): boolean {
  const e = flow.nodes[sinkId].event;
  if (e?.kind !== 'unlock' || !e.lock) return false;
  const key = e.lock;
  const takenHere = flow.nodes.some((n) => n.event?.kind === 'lock' && n.event.lock === key);
  return takenHere && !heldLocks(flow)[srcId].has(key);
}

function trackedOnUnlock(src: FlowNode, arch: Arch): boolean {
  const e = src.event;
  return e?.kind === 'access' && accessorFact(arch, e.family, e.dir).trackedForUnlock;
}

function report(ctx: RuleContext, sinkId: number, sources: Map<number, Mask>): void {
  const { flow } = ctx;
  const file = flow.fn.file;
  const sink = flow.nodes[sinkId];
  let all = 0;
  for (const [srcId, m] of sources) {
    const keep = sink.event?.kind === 'unlock' ? m & ~maskWhere(m, (a) => trackedOnUnlock(flow.nodes[srcId], a)) : m;
    all |= keep;
  }
  if (!all) return;
  const last = [...sources.keys()].map((id) => flow.nodes[id]).sort((a, b) => lineOf(b) - lineOf(a))[0];
  const origin = last.origins.find((o) => o.kind === 'mapping')!;
  const arches = archesOf(all);
  const atExit = sinkId === FLOW_EXIT;
  const where = atExit ? `before ${flow.fn.name}() returns` : `before ${eventName(sink)}${via(sink)} at line ${lineOf(sink)}`;
  const flush = barrierName(flow, 'wc-flush');
  const message = `${wcStoreName(last)}${via(last)} (line ${lineOf(last)}, mapping from ${originText(origin)}) is not flushed ${where}: ${reasons(sink, arches, atExit)}.${hwNote(sink)} Put ${flush}() after the last write-combined store.`;
  const fix = insertLineAfter(file, last, `${flush}();`, ctx.lineText, `Insert ${flush}() after the write-combined stores`, true);
  ctx.report({
    file, span: atExit ? last.site : sink.site, arches, message, fixes: fix ? [fix] : [],
    related: [{ file, span: last.site, message: `last write-combined store (${origin.api})` }, ...(atExit ? [] : [])],
  });
}

/** "The write-combined store to q->hdr", "The write-combined memcpy() into d->push", "Write-combined writel()". */
function wcStoreName(n: FlowNode): string {
  const e = n.event;
  if (e?.kind !== 'store') return `Write-combined ${eventName(n)}`;
  const target = e.written ?? e.targetText;
  return e.viaCall ? `The write-combined ${e.viaCall}() into ${target}` : `The write-combined store to ${target}`;
}

function reasons(sink: FlowNode, arches: Arch[], atExit: boolean): string {
  if (atExit) return `on ${arches.join(', ')} the write-combining buffers may still hold the data when the caller or another CPU moves on`;
  if (sink.event?.kind === 'unlock') {
    const why = arches.map((a) => `on ${a} ${PROFILES[a].unlock.lacks?.[KIND] ?? 'the release does not drain write-combining buffers'}`);
    return `${sink.event.api}() does not order the write-combined stores before its release: ${why.join('; ')}`;
  }
  const dir = volatileIoAccess(sink);
  if (dir) return arches.map((a) => `on ${a} it is ${accessorFact(a, 'volatile', dir).instr} through ${originKinds(sink, a)}`).join('; ');
  return arches.map((a) => accessOn(sink, a)).join('; ');
}

/** The memory types of the node's mappings on `arch`. */
function originKinds(n: FlowNode, arch: Arch): string {
  return [...new Set(n.origins.map((o) => (o.kind === 'mapping' ? mappingFact(arch, o.memKind)?.memType : undefined) ?? 'device memory'))].join(' or ');
}

function hwNote(sink: FlowNode): string {
  if (sink.event?.kind !== 'access') return '';
  const fact = ordersAt(sink, 'x86_64', KIND);
  return fact?.level === 'hw' ? ` On x86_64 ${fact.why}.` : '';
}
