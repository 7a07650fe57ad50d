// A command block read after its command completed: the driver wrote the block's DMA address to the device and then
// slept until the device signalled completion (wait_for_completion*/wait_event*), on every path to the read, in the
// function or, for a `static` helper whose calls are all known, in every caller before the call (cadence-nand's
// cdma_finish() after cdma_send_and_wait()). Everything the device wrote into the block it wrote before it signalled,
// so its status word is a result, not a hand-over the later reads must be ordered after.
import type { FlowNode, FunctionFlow } from '../analysis/flow';
import type { ProjectIndex } from '../analysis/project-index';
import { callSites, onlyCallers, type CallerWalk } from './caller-bound';
import { dmaSites } from './descriptor-acquired';
import { isDmaVisible, originSite } from './ordering';
import { reachableAvoiding } from './pending';
import { WAIT_CALL, WAITS_IN_TEXT } from './response-buffer';

/**
 * True when the load at `at` reads DMA memory (every allocation it may come from) that, on every path to it, was handed
 * to the device by an MMIO write of its DMA address followed by a completion wait: in the function itself, or in every
 * caller of the function before each call (the function itself then tells the device no address of it).
 */
export function readAfterWaitedCommand(walk: Partial<CallerWalk>, flow: FunctionFlow, at: number): boolean {
  const sites = dmaSites(flow.nodes[at]);
  if (sites.size === 0 || !flow.nodes[at].origins.every(isDmaVisible)) return false;
  if (waitedBefore(flow, at, sites, walk.index)) return true;
  if (!walk.index || !walk.flowOf || flow.nodes.some((n) => writesAddress(n, sites))) return false;
  const callers = onlyCallers(walk.index, flow.fn);
  if (!callers || callers.length === 0) return false;
  return callers.every((caller) => {
    const outer = walk.flowOf!(caller);
    const calls = callSites(outer, flow.fn.name);
    return calls.length > 0 && calls.every((id) => waitedBefore(outer, id, sites, walk.index));
  });
}

/**
 * Every path to node `at` passes a completion wait made after the address of each of `sites` went to the device, or an
 * error return of the inlined helper call that makes such a wait (the path that skips the wait returns a failure,
 * which the caller does not read past: `status = send_and_wait(); ... if (status) return status;`).
 */
function waitedBefore(flow: FunctionFlow, at: number, sites: ReadonlySet<string>, index: ProjectIndex | undefined): boolean {
  const told = (id: number) => [...sites].every((s) => !reachableAvoiding(flow, id, (n) => writesAddress(n, new Set([s]))));
  const waitIds = new Set<number>();
  const waitCalls = new Set<string>();
  flow.nodes.forEach((n, id) => {
    if (!waits(n, flow.fn.file, index) || !told(id)) return;
    waitIds.add(id);
    if (n.chain.length) waitCalls.add(callKey(n));
  });
  if (waitIds.size === 0) return false;
  return !reachableAvoiding(flow, at, (n, id) => waitIds.has(id) || (n.chain.length > 0 && failed(n) && waitCalls.has(callKey(n))));
}

/** The call of the analysed function's own body an inlined node belongs to (its helper and where it is called). */
function callKey(n: FlowNode): string {
  return `${n.chain[0]}@${n.site.start.line}:${n.site.start.character}`;
}

/** A return of an error (a nonzero or negative value) from an inlined helper. */
function failed(n: FlowNode): boolean {
  return n.event?.kind === 'return' && (n.event.result === 'nonzero' || n.event.result === 'negative');
}

/** An MMIO write whose value carries the DMA address of one of `sites` (`writel(lower_32_bits(x->dma), ...)`). */
function writesAddress(n: FlowNode, sites: ReadonlySet<string>): boolean {
  return n.event?.kind === 'access' && n.event.dir === 'write' && !!n.valueHandles?.some((h) => sites.has(originSite(h)));
}

/** A call of a completion wait, or of a helper left opaque whose text waits for one. */
function waits(n: FlowNode, file: string, index: ProjectIndex | undefined): boolean {
  const e = n.event;
  if (e?.kind !== 'call' || e.member) return false;
  if (WAIT_CALL.test(e.callee)) return true;
  const text = index?.lookupFunction(e.callee, file)?.source?.text;
  return text !== undefined && WAITS_IN_TEXT.test(text);
}
