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

/**
 * Forward dataflow with one byte per (node, source): the architectures on which that source is still unordered
 * when control leaves the node. Masks only grow, so the iteration terminates; the result is the least fixpoint, the
 * same in whatever order nodes are visited. The bytes are merged four at a time (one 32-bit word per four sources)
 * and nodes are visited in sweeps of increasing id (mostly program order) until nothing changes.
 */
export function runPending(flow: FunctionFlow, spec: PendingSpec): PendingHits {
  const { nodes } = flow;
  const hits: PendingHits = new Map();
  const sources: number[] = [];
  const srcMask: number[] = [];
  nodes.forEach((n, i) => { const m = spec.source(n, i); if (m) { sources.push(i); srcMask.push(m); } });
  if (sources.length === 0) return hits;
  const k = sources.length;
  const words = (k + 3) >> 2;
  const slot = new Int32Array(nodes.length).fill(-1);
  sources.forEach((id, j) => { slot[id] = j; });
  const kill = Uint8Array.from(nodes, (n, i) => spec.kill(n, i));
  const sink = Uint8Array.from(nodes, (n, i) => spec.sink(n, i));
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
      const keep = ~(((kill[id] | sink[id]) * 0x01010101) >>> 0);
      for (let w = 0; w < words; w++) out[w] = inState[base + w] & keep;
      const own = slot[id];
      if (own >= 0) outBytes[own] |= srcMask[own];
      for (const s of nodes[id].succ) {
        const sb = s * words;
        let changed = false;
        for (let w = 0; w < words; w++) {
          const merged = inState[sb + w] | out[w];
          if (merged !== inState[sb + w]) { inState[sb + w] = merged; changed = true; }
        }
        if (changed && !queued[s]) { queued[s] = 1; if (s <= id) again = true; }
      }
    }
  }
  for (let id = 0; id < nodes.length; id++) {
    if (!sink[id]) continue;
    for (let j = 0; j < k; j++) {
      const hit = inBytes[id * words * 4 + j] & sink[id];
      if (!hit) continue;
      const perSink = hits.get(id) ?? new Map<number, Mask>();
      perSink.set(sources[j], hit);
      hits.set(id, perSink);
    }
  }
  return hits;
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
