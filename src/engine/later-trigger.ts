// Whether a bulk copy into device memory is followed, on every path, by an MMIO write ordered after earlier stores:
// then that later write is what tells the device to act, and the copy only moves data (a command or WQE image).
import type { FunctionFlow } from '../analysis/flow';
import { FLOW_EXIT } from '../analysis/flow';
import type { Mask } from './arch-mask';
import type { OrderKind } from './arch';
import { orderMasks } from './ordering';
import { reachable } from './pending';

/**
 * Architectures on which every path from `fromId` to the function's exit reaches an MMIO write that is ordered after the
 * stores made before `fromId`: a write whose accessor orders earlier stores (writel), or any write after a barrier that
 * does (wmb(); writel_relaxed()). Greatest fixpoint of a backward "must" analysis with two states per node: before and
 * after an ordering point. A path that returns first (the trigger may be in the caller) does not count, unless it
 * returns an error code (`return -EINVAL`: the caller is told nothing was queued, lpfc_sli4_wq_put()).
 */
export function orderedTriggerFollows(flow: FunctionFlow, fromId: number, kind: OrderKind, mask: Mask): Mask {
  const enter = triggerTable(flow, kind, mask);
  let from = mask;
  for (const t of flow.nodes[fromId].succ) from &= enter(t, 0);
  return flow.nodes[fromId].succ.length ? from : 0;
}

type Enter = (t: number, s: 0 | 1) => Mask;
const tables = new WeakMap<FunctionFlow, Map<string, Enter>>();

/** The fixpoint, computed once per flow, order kind and mask (it does not depend on where the copy is). */
function triggerTable(flow: FunctionFlow, kind: OrderKind, mask: Mask): Enter {
  let perFlow = tables.get(flow);
  if (!perFlow) tables.set(flow, (perFlow = new Map()));
  const key = `${kind}|${mask}`;
  let enter = perFlow.get(key);
  if (!enter) perFlow.set(key, (enter = solve(flow, kind, mask)));
  return enter;
}

function solve(flow: FunctionFlow, kind: OrderKind, mask: Mask): Enter {
  const { nodes } = flow;
  const n = nodes.length;
  // good[s][i]: architectures on which every path from node i's exit, in state s (0 unordered, 1 ordered), is triggered.
  const good = [new Uint8Array(n).fill(mask), new Uint8Array(n).fill(mask)];
  good[0][FLOW_EXIT] = 0;
  good[1][FLOW_EXIT] = 0;
  /** What holds when control enters node t in state s: the node's own event may trigger or order. */
  const enter: Enter = (t, s) => {
    if (t === FLOW_EXIT) return 0;
    if (nodes[t].zeroTrip) return mask; // a counting loop's zero-trip exit is not taken
    const e = nodes[t].event;
    if (e?.kind === 'return' && e.result === 'negative') return mask;
    const write = e?.kind === 'access' && e.dir === 'write';
    const [orders] = orderMasks(nodes[t], kind);
    const triggered = write ? (s === 1 ? mask : orders & mask) : 0;
    const ordered = orders & mask;
    return triggered | (good[1][t] & (ordered | (s === 1 ? mask : 0))) | (good[s][t] & ~ordered & mask);
  };
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
  return enter;
}

/**
 * A register write that copies memory into the device word by word: it sits in a loop, its value is read through a
 * pointer, and the value and the register address step with the same counter (`__raw_writeq(*(u64 *)(tmp + i),
 * q->dpp_regaddr + i)` in lpfc_sli4_wq_put(), drivers/scsi/lpfc/lpfc_sli.c:296-306): a hand-written memcpy_toio().
 */
export function copiesInLoop(flow: FunctionFlow, id: number): boolean {
  const e = flow.nodes[id].event;
  if (e?.kind !== 'access' || e.dir !== 'write' || !e.valueText || !/^\s*\*|\[/.test(e.valueText)) return false;
  const steps = [...e.addrText.matchAll(/(?:\+|\[)\s*(?:\d+\s*\*\s*)?([A-Za-z_]\w*)/g)].map((m) => m[1]);
  const value = e.valueText;
  return steps.some((v) => new RegExp(`\\b${v}\\b`).test(value)) && reachable(flow, id).has(id);
}
