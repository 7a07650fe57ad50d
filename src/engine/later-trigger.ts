// Whether a bulk copy into device memory is followed, on every path, by an MMIO write ordered after earlier stores:
// then that later write is what tells the device to act, and the copy only moves data (a command or WQE image).
import type { FunctionFlow } from '../analysis/flow';
import { FLOW_EXIT } from '../analysis/flow';
import type { Mask } from './arch-mask';
import type { OrderKind } from './arch';
import { orderMasks } from './ordering';

/**
 * Architectures on which every path from `fromId` to the function's exit reaches an MMIO write that is ordered after the
 * stores made before `fromId`: a write whose accessor orders earlier stores (writel), or any write after a barrier that
 * does (wmb(); writel_relaxed()). Greatest fixpoint of a backward "must" analysis with two states per node: before and
 * after an ordering point. A path that returns first (the trigger may be in the caller) does not count.
 */
export function orderedTriggerFollows(flow: FunctionFlow, fromId: number, kind: OrderKind, mask: Mask): Mask {
  const { nodes } = flow;
  const n = nodes.length;
  // good[s][i]: architectures on which every path from node i's exit, in state s (0 unordered, 1 ordered), is triggered.
  const good = [new Uint8Array(n).fill(mask), new Uint8Array(n).fill(mask)];
  good[0][FLOW_EXIT] = 0;
  good[1][FLOW_EXIT] = 0;
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = n - 1; i >= 0; i--) {
      if (i === FLOW_EXIT) continue;
      for (const s of [0, 1] as const) {
        let all = mask;
        for (const t of nodes[i].succ) all &= enter(t, s);
        if (nodes[i].succ.length === 0) all = 0;
        if (all !== good[s][i]) { good[s][i] = all; changed = true; }
      }
    }
  }
  /** What holds when control enters node t in state s: the node's own event may trigger or order. */
  function enter(t: number, s: 0 | 1): Mask {
    if (t === FLOW_EXIT) return 0;
    if (nodes[t].zeroTrip) return mask; // a counting loop's zero-trip exit is not taken
    const e = nodes[t].event;
    const write = e?.kind === 'access' && e.dir === 'write';
    const [orders] = orderMasks(nodes[t], kind);
    const triggered = write ? (s === 1 ? mask : orders & mask) : 0;
    const ordered = orders & mask;
    return triggered | (good[1][t] & (ordered | (s === 1 ? mask : 0))) | (good[s][t] & ~ordered & mask);
  }
  let from = mask;
  for (const t of nodes[fromId].succ) from &= enter(t, 0);
  return nodes[fromId].succ.length ? from : 0;
}
