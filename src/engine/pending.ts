// Path analysis over a flow graph: which earlier events reach a later one on some path, per architecture, with nothing
// in between that orders them. Loops are handled by iterating to a fixpoint (masks only grow).
import type { FlowNode, FunctionFlow } from '../analysis/flow';
import type { Mask } from './arch-mask';

export interface PendingSpec {
  /** Architectures on which this node starts an obligation. */
  source(node: FlowNode, id: number): Mask;
  /** Architectures on which this node discharges every pending obligation. */
  kill(node: FlowNode, id: number): Mask;
  /** Architectures on which this node is a sink that reports still-pending obligations. */
  sink(node: FlowNode, id: number): Mask;
}

/** sink node id -> (source node id -> architectures on which the source reaches it unordered). */
export type PendingHits = Map<number, Map<number, Mask>>;

export function runPending(flow: FunctionFlow, spec: PendingSpec): PendingHits {
  const { nodes } = flow;
  const states: (Map<number, Mask> | undefined)[] = new Array(nodes.length);
  const hits: PendingHits = new Map();
  const work: number[] = [0];
  states[0] = new Map();
  const queued = new Set<number>(work);
  let budget = nodes.length * 64;
  while (work.length > 0 && budget-- > 0) {
    const id = work.pop()!;
    queued.delete(id);
    const out = transfer(nodes[id], id, states[id]!, spec, hits);
    for (const s of nodes[id].succ) {
      if (merge(states, s, out) && !queued.has(s)) { work.push(s); queued.add(s); }
    }
  }
  return hits;
}

function transfer(node: FlowNode, id: number, state: Map<number, Mask>, spec: PendingSpec, hits: PendingHits): Map<number, Mask> {
  const sinkMask = spec.sink(node, id);
  if (sinkMask) {
    for (const [src, m] of state) {
      const hit = m & sinkMask;
      if (!hit) continue;
      const perSink = hits.get(id) ?? new Map<number, Mask>();
      perSink.set(src, (perSink.get(src) ?? 0) | hit);
      hits.set(id, perSink);
    }
  }
  const kill = spec.kill(node, id);
  const out = new Map<number, Mask>();
  for (const [src, m] of state) {
    const left = m & ~kill;
    if (left) out.set(src, left);
  }
  const src = spec.source(node, id);
  if (src) out.set(id, (out.get(id) ?? 0) | src);
  return out;
}

function merge(states: (Map<number, Mask> | undefined)[], target: number, incoming: Map<number, Mask>): boolean {
  let st = states[target];
  if (!st) { states[target] = new Map(incoming); return true; }
  let changed = false;
  for (const [src, m] of incoming) {
    const old = st.get(src) ?? 0;
    if ((old | m) !== old) { st.set(src, old | m); changed = true; }
  }
  return changed;
}

/** Nodes on some path from `from` to `to` (exclusive): used to name the barriers that stood between and did not help. */
export function nodesBetween(flow: FunctionFlow, from: number, to: number): number[] {
  const fwd = reach(flow.nodes.map((n) => n.succ), from);
  const preds: number[][] = flow.nodes.map(() => []);
  flow.nodes.forEach((n, i) => n.succ.forEach((s) => preds[s].push(i)));
  const bwd = reach(preds, to);
  return [...fwd].filter((n) => bwd.has(n) && n !== from && n !== to);
}

function reach(edges: number[][], start: number): Set<number> {
  const seen = new Set<number>();
  const stack = [...edges[start]];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...edges[n]);
  }
  return seen;
}
