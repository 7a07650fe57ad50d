// Path analysis over a flow graph: which earlier events reach a later one on some path, per architecture, with nothing
// in between that orders them. Loops are handled by iterating to a fixpoint (masks only grow); counting loops are taken
// to run at least once.
import type { FlowNode, FunctionFlow } from '../analysis/flow';
import { FLOW_ENTRY } from '../analysis/flow';
import { maskOf, type Mask } from './arch-mask';
import { pathFeasibility } from './path-values';

export interface PendingSpec {
  /** Architectures on which this node starts an obligation. */
  source(node: FlowNode, id: number): Mask;
  /** Architectures on which this node discharges every pending obligation. */
  kill(node: FlowNode, id: number): Mask;
  /** Architectures on which this node is a sink that reports still-pending obligations. */
  sink(node: FlowNode, id: number): Mask;
  /** Sinks observe without discharging (a "which facts hold here" query rather than an obligation). */
  sinksObserve?: boolean;
  /**
   * Obligations do not travel around a loop's back edge: a source and a sink are paired only within one iteration
   * (for descriptor rules, whose keys are texts like `np->cur_rx` that name another descriptor on the next turn).
   */
  perIteration?: boolean;
  /**
   * Architectures on which this node discharges the obligation of one source only (a read-back from the device the
   * source wrote); `mayKillSome` says which nodes can, so the others are never asked.
   */
  killFor?(node: FlowNode, id: number, source: FlowNode): Mask;
  mayKillSome?(node: FlowNode, id: number): boolean;
  /**
   * Architectures on which this sink is no sink for one source: it neither reports nor discharges it (the device cannot
   * reach that source's memory yet, address-later.ts), so a later sink may. Asked only for sources pending at a sink.
   */
  passFor?(node: FlowNode, id: number, source: FlowNode): Mask;
}

/** sink node id -> (source node id -> architectures on which the source reaches it unordered). */
export type PendingHits = Map<number, Map<number, Mask>>;

/**
 * Forward dataflow with one byte per (node, source): the architectures on which that source is still unordered
 * when control leaves the node. Masks only grow, so the iteration terminates; the result is the least fixpoint, the
 * same in whatever order nodes are visited. The bytes are merged four at a time (one 32-bit word per four sources)
 * and nodes are visited in sweeps of increasing id (mostly program order) until nothing changes.
 */
export function runPending(flow: FunctionFlow, spec: PendingSpec): PendingHits {
  const { nodes } = flow;
  const sources: number[] = [];
  const srcMask: number[] = [];
  nodes.forEach((n, i) => { const m = spec.source(n, i); if (m) { sources.push(i); srcMask.push(m); } });
  if (sources.length === 0) return new Map();
  const reaching = targetsReaching(flow);
  if (reaching) sources.forEach((id, j) => { srcMask[j] &= reaching[id]; });
  const solve = solver(flow, spec, sources, srcMask);
  const first = solve(undefined);
  // Blocking only removes: the branches its paths cannot take are worked out for the sources that reached a sink.
  const hitting = new Set([...first.values()].flatMap((perSink) => [...perSink.keys()]));
  if (hitting.size === 0) return first;
  const before = srcMask.slice();
  const blockedAt = blockedEntries(flow, sources, srcMask, hitting);
  return blockedAt || srcMask.some((m, j) => m !== before[j]) ? solve(blockedAt) : first;
}

/** The fixpoint of runPending for given sources, with some sources kept out of some nodes (path-values.ts). */
function solver(flow: FunctionFlow, spec: PendingSpec, sources: readonly number[], srcMask: readonly number[]): (blockedAt: Map<number, number[]> | undefined) => PendingHits {
  const { nodes } = flow;
  const k = sources.length;
  const words = (k + 3) >> 2;
  const slot = new Int32Array(nodes.length).fill(-1);
  sources.forEach((id, j) => { slot[id] = j; });
  const kill = Uint8Array.from(nodes, (n, i) => spec.kill(n, i));
  const sink = Uint8Array.from(nodes, (n, i) => spec.sink(n, i));
  const partial = spec.killFor && spec.mayKillSome ? Uint8Array.from(nodes, (n, i) => (spec.mayKillSome!(n, i) ? 1 : 0)) : undefined;
  const partialKill = new Map<number, number>();
  const killOf = (id: number, j: number): number => {
    const key = id * k + j;
    let m = partialKill.get(key);
    if (m === undefined) partialKill.set(key, (m = spec.killFor!(nodes[id], id, nodes[sources[j]])));
    return m;
  };
  const passes = new Map<number, number>();
  const passOf = (id: number, j: number): number => {
    if (!spec.passFor) return 0;
    const key = id * k + j;
    let m = passes.get(key);
    if (m === undefined) passes.set(key, (m = spec.passFor(nodes[id], id, nodes[sources[j]])));
    return m;
  };
  const back = spec.perIteration ? backEdges(flow) : undefined;
  const only = targetsPassing(flow);
  return (blockedAt) => {
    const hits: PendingHits = new Map();
    const inState = new Uint32Array(nodes.length * words);
    const inBytes = new Uint8Array(inState.buffer);
    const out = new Uint32Array(words);
    const outBytes = new Uint8Array(out.buffer);
    const queued = new Uint8Array(nodes.length);
    for (const id of sources) queued[id] = 1;
    let again = true;
    while (again) {
      again = false;
      for (let id = 0; id < nodes.length; id++) {
        if (!queued[id]) continue;
        queued[id] = 0;
        const base = id * words;
        // A sink reports what reaches it and then discharges it: only the first unordered sink on a path is reported.
        // A counting loop's zero-trip exit is not taken: what was pending before the loop must survive one iteration.
        const discharge = nodes[id].zeroTrip ? 0xff : kill[id] | (spec.sinksObserve ? 0 : sink[id]);
        const keep = ~((discharge * 0x01010101) >>> 0);
        for (let w = 0; w < words; w++) out[w] = inState[base + w] & keep;
        // A branch only some targets compile or take carries only their obligations (CfgNode.onlyOn).
        if (only && only[id] !== 0xff) { const through = (only[id] * 0x01010101) >>> 0; for (let w = 0; w < words; w++) out[w] &= through; }
        if (spec.passFor && sink[id] && !spec.sinksObserve && !nodes[id].zeroTrip) {
          for (let j = 0; j < k; j++) { const at = inBytes[base * 4 + j]; if (at & sink[id]) outBytes[j] |= at & sink[id] & passOf(id, j) & ~kill[id]; }
        }
        if (partial?.[id]) for (let j = 0; j < k; j++) if (outBytes[j]) outBytes[j] &= ~killOf(id, j);
        const own = slot[id];
        if (own >= 0) outBytes[own] |= srcMask[own];
        for (const s of nodes[id].succ) {
          if (back?.has(id * nodes.length + s)) continue;
          const sb = s * words;
          const into = blockedAt?.has(s) ? without(out, blockedAt.get(s)!) : out;
          let changed = false;
          for (let w = 0; w < words; w++) {
            const merged = inState[sb + w] | into[w];
            if (merged !== inState[sb + w]) { inState[sb + w] = merged; changed = true; }
          }
          if (changed && !queued[s]) { queued[s] = 1; if (s <= id) again = true; }
        }
      }
    }
    for (let id = 0; id < nodes.length; id++) {
      if (!sink[id]) continue;
      for (let j = 0; j < k; j++) {
        let hit = inBytes[id * words * 4 + j] & sink[id];
        if (hit && spec.passFor) hit &= ~passOf(id, j);
        if (!hit) continue;
        const perSink = hits.get(id) ?? new Map<number, Mask>();
        perSink.set(sources[j], hit);
        hits.set(id, perSink);
      }
    }
    return hits;
  };
}

const passMemo = new WeakMap<FunctionFlow, Uint8Array | null>();
const reachMemo = new WeakMap<FunctionFlow, Uint8Array | null>();

/**
 * Per node, the targets a path may pass it on: those its branch entry names (FlowNode.onlyOn), else all (0xff).
 * Null when the flow has no such entry. Memoised per flow (every rule and mask of a function asks).
 */
export function targetsPassing(flow: FunctionFlow): Uint8Array | null {
  let masks = passMemo.get(flow);
  if (masks === undefined) {
    const { nodes } = flow;
    masks = nodes.some((n) => n.onlyOn) ? Uint8Array.from(nodes, (n) => (n.onlyOn ? maskOf(n.onlyOn) : 0xff)) : null;
    passMemo.set(flow, masks);
  }
  return masks;
}

/**
 * Per node, the targets on which some path from the entry reaches it: those of the branches only some targets take
 * (FlowNode.onlyOn) on the way. Null when the flow has no such branch. Memoised per flow.
 */
export function targetsReaching(flow: FunctionFlow): Uint8Array | null {
  const cached = reachMemo.get(flow);
  if (cached !== undefined) return cached;
  const pass = targetsPassing(flow);
  const at = pass && new Uint8Array(flow.nodes.length);
  if (pass && at) {
    at[FLOW_ENTRY] = 0xff;
    const work = [FLOW_ENTRY];
    while (work.length) {
      const id = work.pop()!;
      const out = at[id] & pass[id];
      for (const s of flow.nodes[id].succ) if ((at[s] | out) !== at[s]) { at[s] |= out; work.push(s); }
    }
    for (let id = 0; id < at.length; id++) at[id] &= pass[id];
  }
  reachMemo.set(flow, at);
  return at;
}

/** The targets on which some path reaches node `id` (all when the flow has no architecture-only branch). */
export function reachMask(flow: FunctionFlow, id: number): Mask {
  return targetsReaching(flow)?.[id] ?? 0xff;
}

/**
 * Node -> the sources (slots) a path cannot carry into it: a branch their paths cannot take (path-values.ts). A source
 * no path from the entry reaches starts nothing (its mask is cleared).
 */
function blockedEntries(flow: FunctionFlow, sources: readonly number[], srcMask: number[], only: ReadonlySet<number>): Map<number, number[]> | undefined {
  const feasibility = pathFeasibility(flow);
  if (!feasibility) return undefined;
  const out = new Map<number, number[]>();
  sources.forEach((id, j) => {
    if (!only.has(id)) return;
    const blocked = feasibility.blockedFrom(id);
    if (blocked === null) { srcMask[j] = 0; return; }
    for (const b of blocked) { const list = out.get(b) ?? []; list.push(j); out.set(b, list); }
  });
  return out.size ? out : undefined;
}

/** A copy of the packed source bytes with the given slots cleared. */
function without(words: Uint32Array, slots: readonly number[]): Uint32Array {
  const copy = words.slice();
  const bytes = new Uint8Array(copy.buffer);
  for (const j of slots) bytes[j] = 0;
  return copy;
}

/** Edges (`from * n + to`) that close a loop: from a node to one still on the depth-first stack from the entry. */
export function backEdges(flow: FunctionFlow): Set<number> {
  const { nodes } = flow;
  const n = nodes.length;
  const state = new Uint8Array(n); // 0 unseen, 1 on stack, 2 done
  const out = new Set<number>();
  const stack: [number, number][] = [[0, 0]];
  state[0] = 1;
  while (stack.length) {
    const top = stack[stack.length - 1];
    const [id, i] = top;
    if (i >= nodes[id].succ.length) { state[id] = 2; stack.pop(); continue; }
    top[1]++;
    const s = nodes[id].succ[i];
    if (state[s] === 1) out.add(id * n + s);
    else if (state[s] === 0) { state[s] = 1; stack.push([s, 0]); }
  }
  return out;
}

/** Nodes on some path from `from` to `to` (exclusive): used to name the barriers that stood between and did not help. */
export function nodesBetween(flow: FunctionFlow, from: number, to: number): number[] {
  const fwd = reachable(flow, from);
  const bwd = reachable(flow, to, true);
  return [...fwd].filter((n) => bwd.has(n) && n !== from && n !== to);
}

/**
 * Nodes reachable from `start` (exclusive unless on a cycle), forwards, or backwards (the nodes that reach it) with
 * `back`, on paths that do not pass node `avoid`.
 */
export function reachable(flow: FunctionFlow, start: number, back = false, avoid = -1): Set<number> {
  const edges = back ? predecessors(flow) : flow.nodes.map((n) => n.succ);
  const seen = new Set<number>();
  const stack = edges[start].filter((s) => s !== avoid);
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const s of edges[n]) if (s !== avoid) stack.push(s);
  }
  return seen;
}

const predCache = new WeakMap<FunctionFlow, number[][]>();

/** Each node's predecessors (computed once per flow). */
export function predecessors(flow: FunctionFlow): number[][] {
  let preds = predCache.get(flow);
  if (!preds) {
    preds = flow.nodes.map(() => []);
    flow.nodes.forEach((n, i) => n.succ.forEach((s) => preds![s].push(i)));
    predCache.set(flow, preds);
  }
  return preds;
}

/** Whether `target` is reachable from the flow's entry without passing a node `blocks` holds. */
export function reachableAvoiding(flow: FunctionFlow, target: number, blocks: (n: FlowNode, id: number) => boolean): boolean {
  const seen = new Set<number>([FLOW_ENTRY]);
  const work = [FLOW_ENTRY];
  while (work.length) {
    const id = work.pop()!;
    if (id === target) return true;
    for (const s of flow.nodes[id].succ) {
      if (seen.has(s) || (s !== target && blocks(flow.nodes[s], s))) continue;
      seen.add(s);
      work.push(s);
    }
  }
  return false;
}
