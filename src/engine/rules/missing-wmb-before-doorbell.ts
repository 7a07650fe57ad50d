// Rule: a store to DMA-visible memory, then a doorbell MMIO write that does not order earlier stores, with no wmb() between.
import type { FlowNode, FunctionFlow } from '../../analysis/flow';
import { archesOf, type Mask } from '../arch-mask';
import { barrierFact, type Arch } from '../arch';
import { accessOn, barrierLack, eventName, lineOf, originText, sameInlinedCall, via } from '../describe';
import { insertLineBefore, renameCall } from '../fixes';
import { isDmaVisible, mmioAccessDir, orderMasks, selfOrderedCopyMask, volatileIoAccess, volatilePairMask } from '../ordering';
import { MapOrder } from '../dma-map-order';
import { copiesInLoop, deviceOf, orderedTriggerFollows } from '../later-trigger';
import { triggerInCallers } from '../trigger-in-callers';
import { addressFollows } from '../address-later';
import { pollsRegister } from '../register-poll';
import { WAITS_IN_TEXT } from '../response-buffer';
import { isInterruptRegisterWrite } from '../interrupt-writes';
import { nodesBetween, runPending } from '../pending';
import type { Rule, RuleContext } from './rule';
import type { ProjectIndex } from '../../analysis/project-index';
import { barrierName, orderedAccessorAdvice } from '../barrier-dialect';
import { orderedFormOf } from '../../analysis/vocabulary';
import { isReportEntryType } from '../descriptor-words';

const KIND = 'store-mmiow' as const;

function isDmaStore(n: FlowNode, index: ProjectIndex | undefined): boolean {
  return n.event?.kind === 'store' && n.origins.some(isDmaVisible) && !cpuPointerMember(n, index) && !isReportEntryType(n.baseType);
}

/**
 * A store to a member declared as a C pointer: a kernel virtual address the device cannot use, kept in the shared
 * structure for the driver's own lookups (a100u2w's `escb->srb`, the command an SCB belongs to, read back only by the
 * CPU at completion; the SCB itself reserves `escb` "for driver use", drivers/scsi/a100u2w.h:136-139, 169-173).
 */
function cpuPointerMember(n: FlowNode, index: ProjectIndex | undefined): boolean {
  const e = n.event;
  if (e?.kind !== 'store' || e.viaCall || !index || !n.struct || /^\s*\*/.test(e.targetText)) return false; // `*p->rec = v` stores through it
  const field = /(?:->|\.)\s*(\w+)\s*$/.exec(e.targetText)?.[1];
  return field !== undefined && index.memberLayout(n.struct, field)?.pointer === true;
}

/**
 * An MMIO write that can tell a device to read memory: an accessor's, or a volatile store through an I/O mapping (a
 * userspace driver's `*(volatile uint32_t *)(bar + DB) = tail`). Not memset_io(): it writes one byte value over a
 * range, so it clears device memory or registers (mhi's BHIE vector registers, init.c:1143; a carveout's tail,
 * remoteproc_elf_loader.c:237, both judged intended) and carries no index, address or command for the device to act on.
 */
function isMmioWrite(n: FlowNode): boolean {
  return mmioAccessDir(n) === 'write' && !(n.event?.kind === 'access' && n.event.api === 'memset_io');
}

/** The text of the statement's call or access in the analysed function that a node stands for (its site's lines). */
function siteText(ctx: RuleContext, n: FlowNode): string {
  const { start, end } = n.site;
  const lines: string[] = [];
  for (let l = start.line; l <= end.line; l++) lines.push(ctx.lineText(ctx.flow.fn.file, l) ?? '');
  if (lines.length) lines[lines.length - 1] = lines[lines.length - 1].slice(0, end.character);
  lines[0] = lines[0].slice(start.character);
  return lines.join(' ');
}

/** Reported by the doorbell analysis when dma_wmb() is the only barrier and it does not order before the doorbell. */
export const dmaWmbInsufficient: Rule = {
  id: 'dma-wmb-insufficient',
  defaultSeverity: 'warning',
  summary: 'dma_wmb() is the only barrier between DMA-visible stores and a __raw_/__iowrite*_copy doorbell (lwsync on powerpc64).',
};

export const missingWmbBeforeDoorbell: Rule = {
  id: 'missing-wmb-before-doorbell',
  defaultSeverity: 'warning',
  summary: 'A store to DMA-visible memory may reach the device after the MMIO doorbell that tells the device to read it.',
  run(ctx) {
    const { flow, mask } = ctx;
    const hits = runPending(flow, {
      // A copy compiled as an out-of-line call has finished its stores, in order, when it returns (x86_64).
      source: (n) => (isDmaStore(n, ctx.index) ? mask & ~selfOrderedCopyMask(n, KIND) : 0),
      // A call this flow does not follow that may ring a doorbell itself is where the stores before it are consumed.
      kill: (n) => (n.handsOver ? mask : orderMasks(n, KIND)[0] & mask),
      sink: (n) => (isMmioWrite(n) && !isInterruptRegisterWrite(n, siteText(ctx, n)) ? mask & ~orderMasks(n, KIND)[1] : 0),
      // The device is told the memory's DMA address only after this write: the write that tells it is the doorbell.
      passFor: (n, id, src) => (addressFollows(ctx, flow, id, src.origins, deviceOf(n)) ? mask : 0),
    });
    const mapped = new MapOrder(flow);
    for (const [sinkId, sources] of hits) {
      const trigger = laterTrigger(ctx, sinkId, mask);
      const own = new Map([...sources]
        .filter(([src]) => !sameInlinedCall(flow.nodes[src], flow.nodes[sinkId]) && mapped.visibleOnTheWay(src, sinkId))
        .map(([src, m]) => [src, m & ~trigger & ~volatilePairMask(flow.nodes[src], flow.nodes[sinkId])] as [number, Mask])
        .filter(([, m]) => m));
      if (own.size) report(ctx, sinkId, own);
    }
  },
};

/**
 * A bulk copy into device memory (memcpy_toio, memset_io, __iowrite*_copy) followed on every path by an ordered MMIO
 * write moves data — a command image, a WQE copy, cleared registers — and the ordered write is what the device acts
 * on; on those architectures the copy is not the doorbell (ngene-core.c:285, bcm_vk_msg.c:1232 judged so). A loop of
 * register writes copying memory word by word is such a copy too (lpfc_sli4_wq_put's DPP copy, then wmb(); writel()).
 */
function laterTrigger(ctx: RuleContext, sinkId: number, mask: Mask): Mask {
  const { flow } = ctx;
  const e = flow.nodes[sinkId].event;
  if (e?.kind !== 'access') return volatileIoAccess(flow.nodes[sinkId]) ? laterStart(ctx, sinkId, mask) : 0;
  if (e.family === 'toio' || e.family === 'copy' || copiesInLoop(flow, sinkId)) return orderedTriggerFollows(flow, sinkId, KIND, mask);
  return laterStart(ctx, sinkId, mask);
}

/**
 * A relaxed register write followed on every path by an ordered write to the same device (writel(), or any write
 * after wmb()), with no wait for the device between, only configures it: the ordered write starts the device and
 * orders the stores before it (hantro_g1_vp8_dec_run's vdpu_write_relaxed() calls, then vdpu_write() of
 * G1_REG_INTERRUPT_DEC_E). A path that returns normally counts when every caller (all known: a `static` function
 * named only in calls) makes that ordered write after the call (rkvdec-vp9.c config_registers(), then four writel()
 * in rkvdec_vp9_run()).
 */
function laterStart(ctx: RuleContext, sinkId: number, mask: Mask): Mask {
  const { flow, index, flowOf } = ctx;
  const device = deviceOf(flow.nodes[sinkId]);
  if (device.size === 0) return 0;
  const waitsIn = index ? helperWaits(index) : undefined;
  const own = orderedTriggerFollows(flow, sinkId, KIND, mask, { device, atExit: 0, waitsIn });
  if (own === mask || !index || !flowOf) return own;
  const atExit = triggerInCallers({ index, flowOf }, flow.fn, KIND, mask & ~own, device, waitsIn);
  return atExit ? own | orderedTriggerFollows(flow, sinkId, KIND, mask, { device, atExit, waitsIn }) : own;
}

const helperWaitMemo = new WeakMap<ProjectIndex, (callee: string, file: string) => boolean>();

/** A helper the flow left opaque that polls a register (register-poll.ts) or waits for a completion or an event. */
function helperWaits(index: ProjectIndex): (callee: string, file: string) => boolean {
  let memo = helperWaitMemo.get(index);
  if (!memo) {
    memo = (callee, file) => {
      const fn = index.lookupFunction(callee, file);
      return fn !== undefined && (pollsRegister(index, fn) !== 0 || WAITS_IN_TEXT.test(fn.source?.text ?? ''));
    };
    helperWaitMemo.set(index, memo);
  }
  return memo;
}

function report(ctx: RuleContext, sinkId: number, sources: Map<number, Mask>): void {
  const { flow } = ctx;
  const file = flow.fn.file;
  const sink = flow.nodes[sinkId];
  const ordered = [...sources.entries()].sort((a, b) => lineOf(flow.nodes[b[0]]) - lineOf(flow.nodes[a[0]]));
  const [firstId] = ordered[0];
  const first = flow.nodes[firstId];
  const all = ordered.reduce((m, [, s]) => m | s, 0);
  const arches = archesOf(all);
  const between = nodesBetween(flow, firstId, sinkId).map((id) => flow.nodes[id]).filter((n) => n.event?.kind === 'barrier');
  const origin = first.origins.find(isDmaVisible)!;
  const why = arches.map((a) => archReason(sink, between, a)).join('; ');
  const dmaWmbOnly = between.some((b) => b.event?.kind === 'barrier' && b.event.api === 'dma_wmb') && arches.every((a) => !barrierFact(a, 'dma_wmb')?.provides[KIND]);
  const wmb = barrierName(flow, 'doorbell');
  const advice = dmaWmbOnly ? 'dma_wmb() only orders stores to coherent memory among themselves; use wmb() before a __raw_/__iowrite*_copy doorbell' : `Put ${wmb}() between them${orderedAccessorAdvice(flow)}`;
  const message = `${eventName(sink)}${via(sink)} at line ${lineOf(sink)} may reach the device before ${eventName(first)}${via(first)} (line ${lineOf(first)}, memory from ${originText(origin)}) is visible: ${why}. ${advice}.`;
  const fixes = [
    insertLineBefore(file, sink, `${wmb}();`, ctx.lineText, `Insert ${wmb}() before the doorbell`, true),
    relaxedFix(file, sink),
    ...between.filter((b) => b.event?.kind === 'barrier' && b.event.api === 'dma_wmb').map((b) => renameCall(file, b, 'dma_wmb', 'wmb', 'Replace dma_wmb() with wmb()')),
  ].filter((f): f is NonNullable<typeof f> => f !== undefined);
  if (dmaWmbOnly) fixes.sort((a, b) => Number(b.title.startsWith('Replace')) - Number(a.title.startsWith('Replace')));
  if (dmaWmbOnly) fixes.forEach((f) => (f.preferred = f.title.startsWith('Replace')));
  ctx.report({
    rule: dmaWmbOnly ? 'dma-wmb-insufficient' : undefined,
    file, span: sink.site, arches, message, fixes,
    related: ordered.slice(0, 4).map(([id]) => ({ file, span: flow.nodes[id].site, message: `${eventName(flow.nodes[id])}${via(flow.nodes[id])}: DMA-visible memory written here` })),
  });
}

function archReason(sink: FlowNode, between: FlowNode[], arch: Arch): string {
  const lacks = between.map((b) => barrierLack(b, arch, KIND)).filter((s): s is string => !!s);
  return [accessOn(sink, arch), ...lacks].filter(Boolean).join(', and ');
}

/** writel_relaxed() -> writel(), rte_write32_relaxed() -> rte_write32(): where the vocabulary has the ordered form. */
function relaxedFix(file: string, sink: FlowNode) {
  const e = sink.event;
  const ordered = e?.kind === 'access' ? orderedFormOf(e.api) : undefined;
  if (e?.kind !== 'access' || !ordered) return undefined;
  return renameCall(file, sink, e.api, ordered, `Use ${ordered}() (orders earlier stores on every architecture)`);
}
