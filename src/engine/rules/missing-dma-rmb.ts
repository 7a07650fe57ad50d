// Rule: a device-written status/ownership word of a descriptor in coherent memory is read, then other fields of the
// same descriptor, with no dma_rmb() (or stronger) between: the later reads may return stale data.
import type { FlowNode, FunctionFlow } from '../../analysis/flow';
import { archesOf, type Mask } from '../arch-mask';
import { accessOn, barrierLack, eventName, lineOf, plainAccessOn, sameInlinedCall, scopedKey, via } from '../describe';
import { oneBitfieldUnit } from '../bitfield-unit';
import { descriptorKey, isCpuOwnedField, isOwnershipField, isStatusLoad, isStatusNamed, isTxContext } from '../descriptor-words';
import { insertLineAfter, insertLineBefore } from '../fixes';
import { fencedIndexReads, registerBoundLoads } from '../register-bound-loads';
import { orderedFormOf } from '../../analysis/vocabulary';
import { isDmaVisible, orderMasks, volatilePairMask } from '../ordering';
import { nodesBetween, runPending } from '../pending';
import { readAfterCompletion, readAfterWaitedTransfer } from '../response-buffer';
import { boundByIndexRead, relaxedIndexReads } from '../index-bound-read';
import { boundInCallers } from '../caller-bound';
import { afterRegisterPoll } from '../register-poll';
import { acquiredAt, acquiredInCallers, dmaSites, HandOver, ringReads } from '../descriptor-acquired';
import { testsArgumentInCall } from '../predicate-call';
import { addressDependencyMask, reachedThroughEntry, readsDmaArrayElement } from '../address-dependency';
import { readInCompletion } from '../completion-callback';
import { txWordFilledByCpu } from '../tx-filled-words';
import { readAfterWaitedCommand } from '../waited-command';
import { argumentOfUnsetPointerCall } from '../unset-pointer-call';
import { argumentNoCalleeReads } from '../ignored-argument';
import { boundByFencedIndex } from '../fenced-index-walk';
import type { Rule, RuleContext } from './rule';
import type { FunctionFacts } from '../../analysis/facts';
import type { ProjectIndex } from '../../analysis/project-index';
import { barrierName } from '../barrier-dialect';
import { batchStatusRead, testedBeforeGate } from '../status-re-read';

const KIND = 'ld-ld' as const;

function dmaLoad(n: FlowNode): string | undefined {
  const e = n.event;
  return e?.kind === 'load' && n.origins.some(isDmaVisible) ? scopedKey(n, descriptorKey(e.text)) : undefined;
}

export const missingDmaRmb: Rule = {
  id: 'missing-dma-rmb',
  defaultSeverity: 'warning',
  summary: 'A device-written status word is read, then the rest of the descriptor, with no dma_rmb() between.',
  run(ctx) {
    const { flow, mask } = ctx;
    // A ring walked up to a relaxed index read is reported there once (register-bound-loads.ts); its status gates are
    // not again, nor where a read barrier follows the register read (then it bounds the entries as an ordered read does).
    const registerBound = reportRegisterBound(ctx);
    const candidates = flow.nodes.flatMap((n, i) => (n.gate && n.event && isStatusLoad(n.event) && dmaLoad(n) !== undefined && !softwareWord(ctx, n) ? [i] : []));
    // A response buffer read after the function waited for the command's completion, or a transfer buffer read after a
    // helper handed it waited for the transfer, is not gated by its status word.
    const statusKeys = candidates.length ? statusReadKeys(flow, ctx.index) : [];
    const owned = new Map(candidates.map((i) => [i, acquired(flow, i, statusKeys, ctx.index) | throughOtherEntry(ctx, i)]));
    const gates = new Set(candidates.filter((i) => (mask & ~owned.get(i)!) !== 0 && !readAfterCompletion(flow, i, ctx.index) && !readAfterWaitedTransfer(flow, i, ctx.index)));
    if (gates.size === 0) return;
    // Entries a count or index register reported filled (the loop is bounded by an ordered readl() of it), or already
    // acquired on some architectures (a test and a barrier before), are the CPU's.
    // Entries below a producer index the device wrote to coherent memory, read before a read barrier, likewise.
    const walk = { index: ctx.index, flowOf: ctx.flowOf };
    const byRegister = (i: number) => relaxedIndexReads(flow, i, mask).reduce((m, r) => m | (r.mask & (registerBound.get(r.read) ?? 0)), 0) | fencedIndexReads(flow, i, mask);
    const covered = new Map([...gates].map((i) => [i, boundByIndexRead(flow, i) | owned.get(i)! | boundByFencedIndex(walk, flow, i) | byRegister(i)]));
    const keys = new Set([...gates].map((i) => dmaLoad(flow.nodes[i])));
    const gateField = (id: number) => (flow.nodes[id].event as { field?: string }).field;
    const hits = runPending(flow, {
      source: (_n, id) => (gates.has(id) ? mask & ~covered.get(id)! : 0),
      perIteration: true,
      kill: (n) => orderMasks(n, KIND)[0] & mask,
      sink: (n, id) => (!gates.has(id) && keys.has(dmaLoad(n)) && !cpuOwned(ctx, n) ? mask : 0),
    });
    // A helper walking entries its callers bounded by an ordered index/count read (asked only when something is left).
    let callers: Mask | undefined;
    const boundAbove = () => (callers ??= ctx.index && ctx.flowOf ? boundInCallers({ index: ctx.index, flowOf: ctx.flowOf }, flow.fn) : 0);
    // A helper every call of which its caller makes after a hand-over test and dma_rmb() (asked only when something is left).
    const inherited = new Map<number, Mask>();
    const acquiredAbove = (gate: number) => {
      let m = inherited.get(gate);
      if (m === undefined) { m = ctx.index && ctx.flowOf ? acquiredInCallers({ index: ctx.index, flowOf: ctx.flowOf }, flow, gate, dmaLoad) : 0; inherited.set(gate, m); }
      return m;
    };
    // A response read after a helper polled a register to the command's completion (asked only when something is left).
    const polls = new Map<number, Mask>();
    const polled = (gate: number) => {
      let m = polls.get(gate);
      if (m === undefined) { m = ctx.index ? afterRegisterPoll(flow, gate, ctx.index) : 0; polls.set(gate, m); }
      return m;
    };
    // A response a completion callback reads once: its dispatcher saw the completion before it called it.
    const answered = new Map<number, boolean>();
    const inCallback = (gate: number) => {
      let a = answered.get(gate);
      if (a === undefined) { a = !!ctx.index && !!ctx.flowOf && readInCompletion({ index: ctx.index, flowOf: ctx.flowOf }, flow, gate); answered.set(gate, a); }
      return a;
    };
    // A command block read after the device was given its address and the driver waited for completion (asked only when something is left).
    const waitedFor = new Map<number, boolean>();
    const waited = (gate: number) => {
      let w = waitedFor.get(gate);
      if (w === undefined) { w = readAfterWaitedCommand({ index: ctx.index, flowOf: ctx.flowOf }, flow, gate); waitedFor.set(gate, w); }
      return w;
    };
    for (const [sinkId, sources] of hits) {
      // A read made only as an argument of a call through a function pointer nothing sets never runs; one only passed
      // where no callee reads it reaches nothing.
      if (argumentOfUnsetPointerCall(ctx.index, flow, sinkId) || argumentNoCalleeReads(ctx.index, flow, sinkId)) continue;
      const sink = flow.nodes[sinkId];
      const key = dmaLoad(sink);
      const field = sink.event?.kind === 'load' ? sink.event.field : undefined;
      const same = new Map([...sources]
        .filter(([src]) => dmaLoad(flow.nodes[src]) === key && gateField(src) !== field && !sameInlinedCall(flow.nodes[src], sink) && !oneBitfieldUnit(ctx.index, flow.fn.file, flow.nodes[src], sink) && !testedBeforeGate(flow, src, sinkId, (n) => !!n.event && isStatusLoad(n.event) && dmaLoad(n) === key))
        .map(([src, m]) => [src, m & ~volatilePairMask(flow.nodes[src], sink)] as [number, Mask])
        .filter(([, m]) => m)
        .map(([src, m]) => [src, m & ~boundAbove() & ~acquiredAbove(src)] as [number, Mask])
        .filter(([, m]) => m)
        .map(([src, m]) => [src, m & ~polled(src)] as [number, Mask])
        .filter(([src, m]) => m && !inCallback(src) && !waited(src)));
      if (same.size) report(ctx, sinkId, same);
    }
  },
};

/**
 * Architectures on which the record the status load at `at` reads is reached through a tag read from another entry
 * the function tests (address-dependency.ts): the reply descriptor, not the record's status, is the hand-over.
 */
function throughOtherEntry(ctx: RuleContext, at: number): Mask {
  const { flow } = ctx;
  const record = dmaLoad(flow.nodes[at]);
  const keyOf = (n: FlowNode) => (n.event?.kind === 'load' ? scopedKey(n, descriptorKey(n.event.text)) : undefined);
  const tested = new Set(flow.nodes.filter((n) => n.gate).map(keyOf));
  const deviceWritten = (n: FlowNode) => dmaLoad(n) !== undefined || (!!ctx.index && readsDmaArrayElement(ctx.index, flow, n));
  const isEntry = (n: FlowNode) => n.chain.length === 0 && keyOf(n) !== record && tested.has(keyOf(n)) && !cpuOwned(ctx, n) && deviceWritten(n);
  return reachedThroughEntry(flow, at, isEntry) ? addressDependencyMask() : 0;
}

/**
 * A field the CPU writes and the device does not: by name (buffer addresses, cookies, links), or by its declared type
 * (a pointer or a dma_addr_t member: a device writes neither a kernel virtual pointer nor a CPU-endian DMA handle).
 */
function cpuOwned(ctx: RuleContext, n: FlowNode): boolean {
  const field = n.event?.kind === 'load' ? n.event.field : undefined;
  if (ctx.index?.memberShape(n.struct, field)?.cpu) return true;
  // The struct type may be unknown or taken from a same-named struct of another driver: ask the reader's own file.
  if (ctx.index?.cpuMemberInFile(ctx.flow.fn.file, field)) return true;
  // A u32/__le32 member the driver only ever stores DMA addresses (or literal constants) into holds an address.
  if (ctx.index?.addressMember(ctx.flow.fn.file, field)) return true;
  const key = dmaLoad(n);
  if (isCpuOwnedField(field, `${key} ${n.chain.join(' ')} ${ctx.flow.fn.name}`)) return true;
  // On a transmit ring, a word the driver fills with data when it queues a packet (and never hands over with).
  return key !== undefined && txWordFilledByCpu(ctx, n, key);
}

/**
 * A status-named word whose struct declares which words are the device's and not this one: host byte order beside
 * `__le32`/`__be32` words (cesa's `u32 flags` after its TDMA descriptor's hardware words), or not `volatile` beside
 * `volatile` words (vmwgfx's `SVGACBHeader.flags`): the driver's own bookkeeping, so it gates nothing.
 */
function softwareWord(ctx: RuleContext, n: FlowNode): boolean {
  return n.event?.kind === 'load' && !isOwnershipField(n.event.field) && !!ctx.index?.driverOwnMember(n.struct, n.event.field);
}

/** Per node, for a status read: the descriptor keys it reads the status of (its own, and the caller's it is handed back as). */
function statusReadKeys(flow: FunctionFlow, index: ProjectIndex | undefined): (string[] | undefined)[] {
  const handedBack = returnedDescriptors(flow, index);
  return flow.nodes.map((node) => {
    if (node.event?.kind !== 'load' || !isStatusLoad(node.event)) return undefined;
    const keys = [dmaLoad(node), handedBack(node)].filter((k): k is string => k !== undefined);
    return keys.length ? keys : undefined;
  });
}

/**
 * For a load in a helper inlined into the analysed function (`cdesc = get_next_cdesc(cq)`) of the descriptor the helper
 * returns (`return cdesc;`): the descriptor key of the caller's local that receives it, so a status test and dma_rmb()
 * the helper made before handing the descriptor back count for the caller's later reads (the ena_com shape).
 */
function returnedDescriptors(flow: FunctionFlow, index: ProjectIndex | undefined): (n: FlowNode) => string | undefined {
  const own = flow.fn.source?.text ?? '';
  const memo = new Map<string, string | undefined>();
  return (n) => {
    if (n.chain.length !== 1 || n.event?.kind !== 'load') return undefined;
    const local = descriptorKey(n.event.text);
    const helper = n.chain[0];
    if (!/^\w+$/.test(local)) return undefined;
    const k = `${helper}:${local}`;
    if (!memo.has(k)) memo.set(k, receiver(own, local, index?.lookupFunction(helper, flow.fn.file)));
    return memo.get(k);
  };
}

/** `x = helper(...)` in the function's text, when the helper's text returns `local`: the key of `x` there. */
function receiver(own: string, local: string, helper: FunctionFacts | undefined): string | undefined {
  const text = helper?.source?.text;
  if (!helper || !text || !new RegExp(`\\breturn\\s+\\(?\\s*${local}\\s*\\)?\\s*;`).test(text)) return undefined;
  const into = new RegExp(`\\b(\\w+)\\s*=\\s*(?:\\([^()]*\\)\\s*)?${helper.name}\\s*\\(`).exec(own)?.[1];
  return into ? `0:${into}` : undefined;
}

/**
 * Architectures on which, on every path to the load at `at`, its descriptor was already read and then fenced (a
 * dma_rmb() or stronger after an earlier status read of it, or after a tested read of the same ring through another
 * pointer: the fungible phase tag, or through a predicate helper: cxgb3 `is_new_response(r, q)`): the descriptor is
 * the CPU's by then, so this read is not the hand-over gate.
 */
function acquired(flow: FunctionFlow, at: number, statusKeys: readonly (string[] | undefined)[], index: ProjectIndex | undefined): Mask {
  const key = dmaLoad(flow.nodes[at]);
  // A status read again for each entry of a batch whose status words an earlier loop read is no new hand-over.
  const again = batchStatusRead(flow, at) ? HandOver.None : HandOver.Itself;
  const statusRead = (i: number) => (i === at ? again : key !== undefined && statusKeys[i]?.includes(key) ? HandOver.Reset : HandOver.None);
  const sites = dmaSites(flow.nodes[at]);
  const predicate = index ? (n: FlowNode) => testsArgumentInCall(index, flow, n, sites) : undefined;
  return acquiredAt(flow, at, statusRead) | acquiredAt(flow, at, ringReads(flow, at, dmaLoad, sites, predicate));
}

/**
 * A load of a word the device reports through in an entry of a receive or completion ring: status-named (status,
 * ownership, done, valid...), not the CPU's, outside a transmit path. A transmit ring walked up to the device's
 * consumer index reads back what the CPU wrote (thunder's nicvf_sq_free_used_descs(): `hdr->subdesc_type`) or re-tests
 * an ownership bit whose stale value only ends the walk early (mtk_poll_tx_qdma(): `txd3 & TX_DMA_OWNER_CPU`).
 */
function deviceReportWord(ctx: RuleContext, n: FlowNode): boolean {
  const key = dmaLoad(n);
  if (key === undefined || n.event?.kind !== 'load' || !n.event.field || !isStatusNamed(n.event.field)) return false;
  return !cpuOwned(ctx, n) && !softwareWord(ctx, n) && !isTxContext(`${key} ${n.chain.join(' ')} ${ctx.flow.fn.name}`);
}

/**
 * Entry loads of a loop bounded by a relaxed index/count register read with no read barrier after it
 * (register-bound-loads.ts): one finding per register read, at the first entry load it leaves unordered. Returns the
 * reads reported, with their architectures.
 */
function reportRegisterBound(ctx: RuleContext): Map<number, Mask> {
  const { flow } = ctx;
  const reported = new Map<number, Mask>();
  const entries = flow.nodes.flatMap((n, i) => (deviceReportWord(ctx, n) ? [i] : []));
  if (entries.length === 0) return reported;
  for (const { read, load, mask } of registerBoundLoads(flow, entries, ctx.mask)) {
    reported.set(read, mask);
    const reg = flow.nodes[read];
    const sink = flow.nodes[load];
    const e = reg.event;
    const api = e?.kind === 'access' ? `${e.api}()` : 'the volatile load';
    const regText = e?.kind === 'access' ? e.addrText : e?.kind === 'load' ? (e.written ?? e.text) : '';
    const why = archesOf(mask).map((a) => accessOn(reg, a, 'later loads before it')).join('; ');
    const rmb = barrierName(flow, 'dma-rmb');
    const orderedRead = e?.kind === 'access' ? orderedFormOf(e.api) : undefined;
    const ordered = orderedRead ? `, or read the register with ${orderedRead}()` : '';
    const sinkText = sink.event?.kind === 'load' ? (sink.event.written ?? sink.event.text) : eventName(sink);
    const fix = insertLineAfter(flow.fn.file, reg, `${rmb}();`, ctx.lineText, `Insert ${rmb}() after the register read`, true);
    ctx.report({
      file: flow.fn.file, span: sink.site, arches: archesOf(mask), fixes: fix ? [fix] : [],
      message: `The read of ${sinkText}${via(sink)} at line ${lineOf(sink)} may be satisfied before ${api}${via(reg)} of ${regText} (line ${lineOf(reg)}), which bounds the loop, returns: the device wrote the entry before it moved that register, but ${why}. Put ${rmb}() after the register read${ordered} (readl() ends with __io_ar(): include/asm-generic/io.h:221-234; memory-barriers.txt:1907-1949).`,
      related: [{ file: flow.fn.file, span: reg.site, message: `index or count register read here: ${api}` }],
    });
  }
  return reported;
}

function report(ctx: RuleContext, sinkId: number, sources: Map<number, Mask>): void {
  const { flow } = ctx;
  const file = flow.fn.file;
  const sink = flow.nodes[sinkId];
  const [gateId] = [...sources.entries()].sort((a, b) => lineOf(flow.nodes[b[0]]) - lineOf(flow.nodes[a[0]]))[0];
  const gate = flow.nodes[gateId];
  const arches = archesOf([...sources.values()].reduce((m, s) => m | s, 0));
  const between = nodesBetween(flow, gateId, sinkId).map((id) => flow.nodes[id]).filter((n) => n.event?.kind === 'barrier');
  const why = arches.map((a) => [plainAccessOn(a, 'load'), ...between.map((b) => barrierLack(b, a, KIND)).filter(Boolean)].join(', and ')).join('; ');
  const rmb = barrierName(flow, 'dma-rmb');
  const fix = insertLineBefore(file, sink, `${rmb}();`, ctx.lineText, `Insert ${rmb}() after the status check`, true);
  const gateText = gate.event?.kind === 'load' ? (gate.event.written ?? gate.event.text) : eventName(gate);
  const sinkText = sink.event?.kind === 'load' ? (sink.event.written ?? sink.event.text) : eventName(sink);
  ctx.report({
    file, span: sink.site, arches, fixes: fix ? [fix] : [],
    message: `The read of ${sinkText}${via(sink)} at line ${lineOf(sink)} may be satisfied before the device's write of ${gateText}${via(gate)} (line ${lineOf(gate)}) is seen, returning stale descriptor data: ${why}. Put ${rmb}() between the status check and the reads it gates (memory-barriers.txt:1907-1949).`,
    related: [{ file, span: gate.site, message: `device-written status read here: ${gateText}` }],
  });
}
