// Whether the device is told where DMA memory is only after a point: every path from there writes the memory's DMA
// address (the `&handle` of its dma_alloc_coherent(), the result of dma_map_single()) to the device. Before that write
// the device cannot fetch the memory, so stores to it are not yet ordered against anything; the address write is.
import type { FunctionFacts, Origin } from '../analysis/facts';
import type { FlowNode, FunctionFlow } from '../analysis/flow';
import { FLOW_EXIT } from '../analysis/flow';
import { callExits } from './trigger-in-callers';
import { callSiteOf, callSites, onlyCallers, type CallerWalk } from './caller-bound';
import { isDmaVisible, originSite } from './ordering';
import { deviceOf } from './later-trigger';

/** How many callers up the address write may be (cp_refill_rx -> cp_init_rings -> cp_alloc_rings -> cp_open, 8139cp). */
const MAX_CALLER_LEVELS = 3;

/** Where to look: the flow, and for a `static` function whose calls are all known its callers (caller-bound.ts). */
export interface AddressWalk { index?: CallerWalk['index']; flowOf?: CallerWalk['flowOf'] }

/** What one search looks for: the allocation (its origin site) and the devices its address may go to (any: undefined). */
interface Target { site: string; device?: ReadonlySet<string>; deviceKey: string }

/**
 * True when `memory` (a store's origins) is DMA memory of known allocations only, and for each of them every path from
 * `fromId`, in the function or (when it returns normally) in every caller after the call, writes that allocation's DMA
 * address to the device (`device`: the devices it may go to; undefined: any), while no path to `fromId` in the
 * function, nor to the call in a caller, wrote it already (the device may then be running on it: a ring refilled in
 * place, re-initialised). A path that frees the memory (dma_free_coherent()), or returns an error, counts as told: it
 * hands nothing over.
 */
export function addressFollows(walk: AddressWalk, flow: FunctionFlow, fromId: number, memory: readonly Origin[], device?: ReadonlySet<string>): boolean {
  const dma = memory.filter(isDmaVisible);
  if (dma.length === 0 || dma.length !== memory.length || (device && device.size === 0)) return false;
  const deviceKey = device ? [...device].sort().join(',') : '*';
  return dma.every((o) => {
    const target: Target = { site: originSite(o), device, deviceKey };
    if (writtenBefore(flow, fromId, target)) return false;
    const after = table(walk, flow, target, MAX_CALLER_LEVELS);
    const succ = flow.nodes[fromId].succ;
    return succ.length > 0 && succ.every((t) => after(fromId, t));
  });
}

/** A write of the target allocation's address to the target device. */
function writesHandle(n: FlowNode, target: Target): boolean {
  if (n.event?.kind !== 'access' || n.event.dir !== 'write' || !n.valueHandles?.some((h) => originSite(h) === target.site)) return false;
  if (!target.device) return true;
  for (const d of deviceOf(n)) if (target.device.has(d)) return true;
  return false;
}

const written = new WeakMap<FunctionFlow, Map<string, Uint8Array>>();

/** The address is written at node `id` or on some path into it (a sink that writes the address hands the memory over). */
function writtenBefore(flow: FunctionFlow, id: number, target: Target): boolean {
  let perFlow = written.get(flow);
  if (!perFlow) written.set(flow, (perFlow = new Map()));
  const key = `${target.site}|${target.deviceKey}`;
  let after = perFlow.get(key);
  if (!after) perFlow.set(key, (after = reachedFromWrites(flow, target)));
  return after[id] === 1;
}

/** Nodes that write the address, and every node reachable from one. */
function reachedFromWrites(flow: FunctionFlow, target: Target): Uint8Array {
  const out = new Uint8Array(flow.nodes.length);
  const work = flow.nodes.flatMap((n, id) => (writesHandle(n, target) ? [id] : []));
  for (const id of work) out[id] = 1;
  while (work.length) {
    for (const t of flow.nodes[work.pop()!].succ) if (!out[t]) { out[t] = 1; work.push(t); }
  }
  return out;
}

/**
 * A return of an error: a negative code, or the non-zero value of a variable just tested (`if (ret) return ret;`, after
 * a call that failed; not `return 1;`, which may be a success). Its caller learns nothing was set up.
 */
function failed(n: FlowNode): boolean {
  const e = n.event;
  return e?.kind === 'return' && (e.result === 'negative' || (e.result === 'nonzero' && e.tested === true));
}

/**
 * Whether every path entering node `to` from node `from` writes the address (or frees the memory, or fails); `from`
 * matters only at the exit (which return statement left: -1 for none known).
 */
type After = (from: number, to: number) => boolean;
const tables = new WeakMap<FunctionFlow, Map<string, After>>();

/** The fixpoint, once per flow, target and caller levels left. */
function table(walk: AddressWalk, flow: FunctionFlow, target: Target, levels: number): After {
  let perFlow = tables.get(flow);
  if (!perFlow) tables.set(flow, (perFlow = new Map()));
  const key = `${target.site}|${target.deviceKey}|${levels}`;
  let after = perFlow.get(key);
  if (!after) perFlow.set(key, (after = solve(flow, target, (ret) => inCallers(walk, flow.fn, target, levels, ret))));
  return after;
}

/** The function's exit: FLOW_EXIT, or the empty node its returns go to before it. */
function isExit(flow: FunctionFlow, t: number): boolean {
  const n = flow.nodes[t];
  return t === FLOW_EXIT || (!n.event && n.chain.length === 0 && n.succ.length === 1 && n.succ[0] === FLOW_EXIT);
}

/** Where a return statement is (its event's span start), the key by which a caller's flow finds it inlined. */
function returnKey(n: FlowNode | undefined, chainLength: number): string | undefined {
  const e = n?.event;
  return e?.kind === 'return' && n!.chain.length === chainLength ? `${e.span.start.line}:${e.span.start.character}` : undefined;
}

/**
 * Greatest fixpoint of a backward "must" analysis. The function's exit holds what the callers do after the call, asked
 * per return statement (in a caller that inlined the call, a `return 0` continues only into its success branch).
 */
function solve(flow: FunctionFlow, target: Target, atExit: (ret: string | undefined) => boolean): After {
  const { nodes } = flow;
  const good = new Uint8Array(nodes.length).fill(1);
  const exits = new Map<string, boolean>();
  const exitFor = (ret: string | undefined) => {
    let v = exits.get(ret ?? '');
    if (v === undefined) exits.set(ret ?? '', (v = atExit(ret)));
    return v;
  };
  const after: After = (from, t) => {
    if (isExit(flow, t)) return exitFor(returnKey(nodes[from], 0));
    const n = nodes[t];
    if (n.zeroTrip || failed(n) || writesHandle(n, target) || n.frees?.some((o) => originSite(o) === target.site)) return true;
    return good[t] === 1;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let i = nodes.length - 1; i >= 0; i--) {
      if (isExit(flow, i) || good[i] === 0) continue;
      // A node without successors is a branch the call's constant arguments rule out (flow.ts): no path goes on from it.
      if (!nodes[i].succ.every((t) => after(i, t))) { good[i] = 0; changed = true; }
    }
  }
  return after;
}

const memo = new WeakMap<CallerWalk['flowOf'], Map<string, boolean>>();

/**
 * Every call of `fn` (all known), returning by the statement `ret` (any: undefined), is followed in its caller by the
 * address write, or returns to a caller where it is, and no caller wrote the address before the call.
 */
function inCallers(walk: AddressWalk, fn: FunctionFacts, target: Target, levels: number, ret: string | undefined): boolean {
  const { index, flowOf } = walk;
  if (levels <= 0 || !index || !flowOf) return false;
  let seen = memo.get(flowOf);
  if (!seen) memo.set(flowOf, (seen = new Map()));
  const key = `${fn.file}|${fn.name}|${target.site}|${target.deviceKey}|${levels}|${ret ?? ''}`;
  const hit = seen.get(key);
  if (hit !== undefined) return hit;
  seen.set(key, false); // a recursive call chain is not told
  const callers = onlyCallers(index, fn);
  const told = callers !== undefined && callers.length > 0 && callers.every((caller) => {
    const flow = flowOf(caller);
    if (callSites(flow, fn.name).some((at) => writtenBefore(flow, at, target))) return false;
    const exits = returnExits(flow, fn.name, ret);
    if (exits.length === 0) return false;
    const after = table(walk, flow, target, levels - 1);
    return exits.every((t) => after(-1, t));
  });
  seen.set(key, told);
  return told;
}

/**
 * Where control goes in the caller when the call of `name` returns by the statement `ret`: from that return statement
 * inlined (the flow links it only to the branches its value can take, flow.ts linkByResult), through the call's own
 * nodes, to the first nodes outside it; every exit of the call when `ret` is not known or the call is not inlined.
 */
function returnExits(flow: FunctionFlow, name: string, ret: string | undefined): number[] {
  const starts = ret === undefined ? [] : flow.nodes.flatMap((n, id) => (callSiteOf(n, name) !== undefined && returnKey(n, 1) === ret ? [id] : []));
  if (starts.length === 0) return callExits(flow, name);
  const out = new Set<number>();
  const seen = new Set<number>(starts);
  const work = [...starts];
  while (work.length) {
    const id = work.pop()!;
    const site = callSiteOf(flow.nodes[id], name);
    for (const t of flow.nodes[id].succ) {
      if (callSiteOf(flow.nodes[t], name) !== site) out.add(t);
      else if (!seen.has(t)) { seen.add(t); work.push(t); }
    }
  }
  return [...out];
}
