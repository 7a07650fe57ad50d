// Which locks may be held when control reaches each flow node (lock/unlock events paired by their argument's text).
import type { FunctionFlow } from '../analysis/flow';

const cache = new WeakMap<FunctionFlow, Set<string>[]>();

/** held[id]: the lock keys some path may hold on entry to node id (taken in this flow and not yet released). */
export function heldLocks(flow: FunctionFlow): Set<string>[] {
  const hit = cache.get(flow);
  if (hit) return hit;
  const held = flow.nodes.map(() => new Set<string>());
  // Every node once, then only those whose entry set grew (sets only grow, so this terminates).
  const work = flow.nodes.map((_, i) => i).reverse();
  const queued = new Uint8Array(flow.nodes.length).fill(1);
  while (work.length) {
    const id = work.pop()!;
    queued[id] = 0;
    const out = new Set(held[id]);
    const e = flow.nodes[id].event;
    if (e?.kind === 'lock' && e.lock) out.add(e.lock);
    if (e?.kind === 'unlock' && e.lock) out.delete(e.lock);
    for (const s of flow.nodes[id].succ) {
      const before = held[s].size;
      for (const k of out) held[s].add(k);
      if (held[s].size !== before && !queued[s]) { queued[s] = 1; work.push(s); }
    }
  }
  cache.set(flow, held);
  return held;
}
