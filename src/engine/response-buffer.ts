// A DMA buffer the device fills as the response to a command the function waited for: allocated in this call, and read
// only after a completion wait (wait_for_completion*/wait_event*, directly or in a called helper) that follows the
// allocation on every path; or a long-lived buffer the function handed, on every path, to a call that waits for the
// transfer's completion. Its status-like fields are results, not a hand-over word the CPU must order reads after.
import type { Event, FunctionFacts, Span } from '../analysis/facts';
import type { FlowNode, FunctionFlow } from '../analysis/flow';
import type { ProjectIndex } from '../analysis/project-index';
import { isDmaVisible, originSite } from './ordering';
import { reachableAvoiding } from './pending';

/** A call that sleeps until the device's completion is signalled. */
export const WAIT_CALL = /^(wait_for_completion\w*|wait_event\w*)$/;
/** A function text that makes such a call. */
export const WAITS_IN_TEXT = /\b(wait_for_completion\w*|wait_event\w*)\s*\(/;

/** True when the load at `at` reads a buffer allocated in this call after a completion wait on every path. */
export function readAfterCompletion(flow: FunctionFlow, at: number, index: ProjectIndex | undefined): boolean {
  const { fn } = flow;
  const allocLines = flow.nodes[at].origins
    .filter((o) => isDmaVisible(o) && o.file === fn.file && o.span.start.line >= fn.span.start.line && o.span.start.line <= fn.span.end.line)
    .map((o) => o.span.start.line);
  if (allocLines.length === 0) return false;
  const after = Math.max(...allocLines);
  const blocks = (n: FlowNode) => n.site.start.line > after && waits(n, fn.file, index);
  return !reachableAvoiding(flow, at, blocks);
}

/**
 * A call that waits for the device's completion, itself or in the helper it calls; a node of an inlined helper that
 * waits counts as that call (its error paths that skip the wait return a failure the caller does not read past).
 */
function waits(n: FlowNode, file: string, index: ProjectIndex | undefined): boolean {
  const e = n.event;
  const callee = n.chain[0] ?? (e?.kind === 'call' ? e.callee : undefined);
  if (callee === undefined) return false;
  if (WAIT_CALL.test(callee)) return true;
  const text = index?.lookupFunction(callee, file)?.source?.text;
  return text !== undefined && WAITS_IN_TEXT.test(text);
}


/** How many calls down a transfer helper's wait is looked for (usb_stor_bulk_transfer_buf -> usb_stor_msg_common). */
const WAIT_LEVELS = 2;

type CallEvent = Event & { kind: 'call' };

/**
 * True when, on every path to the load at `at`, the function handed the memory it reads (an argument that is the
 * pointer itself, not `&p->member`, resolving to one of the load's DMA allocation sites) to a call of a helper that
 * waits for completion, in its text or in a function it calls (WAIT_LEVELS): a transfer buffer the device wrote before
 * the completion the helper slept on (USB storage's `us->iobuf`, which the host controller fills for each bulk transfer
 * usb_stor_bulk_transfer_buf() submits and waits for). A call inlined into the function counts from its first node;
 * the call whose inlined body holds the load itself does not count (the load may come before its wait). Buffers one
 * allocation helper makes share its sites, so a wait on one covers the others: a possible miss.
 */
export function readAfterWaitedTransfer(flow: FunctionFlow, at: number, index: ProjectIndex | undefined): boolean {
  const sites = new Set(flow.nodes[at].origins.filter(isDmaVisible).map(originSite));
  if (!index || sites.size === 0) return false;
  const own = ownCalls(index, flow);
  const self = flow.nodes[at].chain.length ? spanKey(flow.nodes[at].site) : undefined;
  const waitMemo = new Map<FunctionFacts, boolean>();
  const answers = new Map<string, boolean>();
  const blocks = (n: FlowNode): boolean => {
    const key = spanKey(n.site);
    const call = n.chain.length === 0 ? (n.event?.kind === 'call' ? n.event : undefined) : own.get(key);
    if (!call || key === self) return false;
    let a = answers.get(key);
    if (a === undefined) { a = handsOverAndWaits(index, flow.fn, call, sites, waitMemo); answers.set(key, a); }
    return a;
  };
  return !reachableAvoiding(flow, at, blocks);
}

const ownCallMemo = new WeakMap<FunctionFlow, Map<string, CallEvent>>();

/** The calls of the function's own body by where they are (an inlined call's nodes are sited at its call). */
function ownCalls(index: ProjectIndex, flow: FunctionFlow): Map<string, CallEvent> {
  let out = ownCallMemo.get(flow);
  if (out) return out;
  out = new Map<string, CallEvent>();
  for (const n of index.bodyOf(flow.fn).cfg.nodes) if (n.event?.kind === 'call') out.set(spanKey(n.event.span), n.event);
  ownCallMemo.set(flow, out);
  return out;
}

function handsOverAndWaits(index: ProjectIndex, fn: FunctionFacts, call: CallEvent, sites: ReadonlySet<string>, memo: Map<FunctionFacts, boolean>): boolean {
  if (call.member || WAIT_CALL.test(call.callee)) return false;
  const callee = index.lookupFunction(call.callee, fn.file);
  if (!callee || !waitsWithin(index, callee, WAIT_LEVELS, memo)) return false;
  return call.args.some((arg) => arg.k !== 'addr' && index.resolve(arg, { fn, depth: 0 }).some((o) => isDmaVisible(o) && sites.has(originSite(o))));
}

/** The helper's text waits for a completion, or that of a function it calls, `levels` deep. */
function waitsWithin(index: ProjectIndex, fn: FunctionFacts, levels: number, memo: Map<FunctionFacts, boolean>): boolean {
  const hit = memo.get(fn);
  if (hit !== undefined) return hit;
  memo.set(fn, false); // a recursive helper answers from what is known so far
  const text = fn.source?.text ?? '';
  const out = WAITS_IN_TEXT.test(text) || (levels > 1 && fn.calls.some((name) => {
    const next = index.lookupFunction(name, fn.file);
    return next !== undefined && next !== fn && waitsWithin(index, next, levels - 1, memo);
  }));
  memo.set(fn, out);
  return out;
}

function spanKey(s: Span): string {
  return `${s.start.line}:${s.start.character}`;
}
