// Whether a bulk copy or a register write is followed, on every path, by an MMIO write ordered after earlier stores:
// then that later write is what tells the device to act, and the earlier one only moves data or configures registers.
import type { FlowNode, FunctionFlow } from '../analysis/flow';
import { FLOW_EXIT } from '../analysis/flow';
import type { Mask } from './arch-mask';
import type { OrderKind } from './arch';
import { mmioAccessDir, orderMasks, originSite } from './ordering';
import { reachable, targetsPassing } from './pending';

/**
 * Architectures on which every path from `fromId` to the function's exit reaches an MMIO write that is ordered after the
 * stores made before `fromId`: a write whose accessor orders earlier stores (writel), or any write after a barrier that
 * does (wmb(); writel_relaxed()). Greatest fixpoint of a backward "must" analysis with two states per node: before and
 * after an ordering point. A path that returns first (the trigger may be in the caller) does not count, unless it
 * returns an error code (`return -EINVAL`: the caller is told nothing was queued, lpfc_sli4_wq_put()). Without a
 * scope (after a bulk copy) a call left opaque whose callee writes the device (`FlowNode.handsOver`, the calls the
 * doorbell rule already lets consume earlier stores) is such a write: after wmb(), qla82xx_start_iocbs()'s
 * qla82xx_wr_32() three calls below qla2x00_start_sp() writes the producer index the FX00 IOCB copy waits for.
 */
export function orderedTriggerFollows(flow: FunctionFlow, fromId: number, kind: OrderKind, mask: Mask, scope?: TriggerScope): Mask {
  const enter = triggerTable(flow, kind, mask, scope);
  let from = mask;
  for (const t of flow.nodes[fromId].succ) from &= enter(t, 0);
  return flow.nodes[fromId].succ.length ? from : 0;
}

/**
 * Narrows what counts as the trigger (for a register write, not a bulk copy): only a write to the same device (one
 * mapping in common, or the same base expression when neither resolves to a mapping); a path that first waits for the
 * device (a completion, an event, a delay, a register poll loop) is not triggered, since the device was already at
 * work; a normal return is triggered on `atExit` (what the callers do after the call, when all callers are known).
 */
export interface TriggerScope {
  device: ReadonlySet<string>;
  atExit: Mask;
  /** Whether a call left opaque (`callee` as called from `file`) waits for the device itself (a helper that polls). */
  waitsIn?: (callee: string, file: string) => boolean;
}

export type Enter = (t: number, s: 0 | 1) => Mask;
const tables = new WeakMap<FunctionFlow, Map<string, Enter>>();

/** The fixpoint, computed once per flow, order kind, mask and scope (it does not depend on where the copy is). */
export function triggerTable(flow: FunctionFlow, kind: OrderKind, mask: Mask, scope?: TriggerScope): Enter {
  let perFlow = tables.get(flow);
  if (!perFlow) tables.set(flow, (perFlow = new Map()));
  const key = `${kind}|${mask}${scope ? `|${[...scope.device].sort().join(',')}|${scope.atExit}` : ''}`;
  let enter = perFlow.get(key);
  if (!enter) perFlow.set(key, (enter = solve(flow, kind, mask, scope)));
  return enter;
}

function solve(flow: FunctionFlow, kind: OrderKind, mask: Mask, scope?: TriggerScope): Enter {
  const { nodes } = flow;
  const n = nodes.length;
  const atExit = scope ? scope.atExit & mask : 0;
  const waits = scope ? waitNodes(flow, scope.waitsIn) : new Set<number>();
  // good[s][i]: architectures on which every path from node i's exit, in state s (0 unordered, 1 ordered), is triggered.
  const good = [new Uint8Array(n).fill(mask), new Uint8Array(n).fill(mask)];
  good[0][FLOW_EXIT] = atExit;
  good[1][FLOW_EXIT] = atExit;
  /** What holds when control enters node t in state s: the node's own event may trigger or order. */
  const enterOn = (t: number, s: 0 | 1): Mask => {
    if (t === FLOW_EXIT) return atExit;
    if (nodes[t].zeroTrip) return mask; // a counting loop's zero-trip exit is not taken
    const e = nodes[t].event;
    if (e?.kind === 'return' && e.result === 'negative') return mask;
    if (waits.has(t)) return 0;
    const write = (mmioAccessDir(nodes[t]) === 'write' && (!scope || onDevice(nodes[t], scope.device))) || (!scope && nodes[t].handsOver === true);
    const [orders] = orderMasks(nodes[t], kind);
    const triggered = write ? (s === 1 ? mask : orders & mask) : 0;
    const ordered = orders & mask;
    return triggered | (good[1][t] & (ordered | (s === 1 ? mask : 0))) | (good[s][t] & ~ordered & mask);
  };
  /** On the targets a branch entry excludes (FlowNode.onlyOn) no path goes through it: vacuously triggered there. */
  const pass = targetsPassing(flow);
  const enter: Enter = (t, s) => (pass ? mask & ~pass[t] : 0) | enterOn(t, s);
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

/** Calls that wait for the device or for time to pass: what was written before them already started something. */
const WAIT_CALL = /^(?:wait_for_completion\w*|wait_event\w*|\w*_poll_timeout\w*|msleep\w*|ssleep|usleep_range\w*|fsleep|udelay|ndelay|mdelay)$/;

/**
 * Wait calls, calls left opaque that wait themselves (`waitsIn`), and MMIO reads inside a loop (a register poll; a loop
 * reading registers for another reason counts too).
 */
const waitMemo = new WeakMap<FunctionFlow, Set<number>>();

function waitNodes(flow: FunctionFlow, waitsIn: TriggerScope['waitsIn']): Set<number> {
  const hit = waitMemo.get(flow);
  if (hit) return hit;
  const out = new Set<number>();
  waitMemo.set(flow, out);
  flow.nodes.forEach((n, id) => {
    const e = n.event;
    if (e?.kind === 'call' && (WAIT_CALL.test(e.callee) || waitsIn?.(e.callee, flow.fn.file))) out.add(id);
    else if (mmioAccessDir(n) === 'read' && reachable(flow, id).has(id)) out.add(id);
  });
  return out;
}

/**
 * The device an MMIO access goes to: the mapping sites behind its address, or, when none is known, its base
 * expression (`vpu->dec_base` of `vpu->dec_base + reg`) as text, when that names a member (a bare `base` or `regs`
 * parameter means a different device in each helper). Empty when neither is there.
 */
export function deviceOf(n: FlowNode): Set<string> {
  const e = n.event;
  if (!mmioAccessDir(n)) return new Set();
  const maps = n.origins.filter((o) => o.kind === 'mapping').map(originSite);
  if (maps.length) return new Set(maps);
  if (n.origins.length || e?.kind !== 'access') return new Set();
  const base = registerBlock(e.addrText.replace(/\s+/g, '').replace(/^(?:\([\w*]+\))+/, '').split(/[+[]/)[0]);
  return /^[A-Za-z_][\w>.-]*(?:->|\.)\w+$/.test(base) ? new Set([`text:${base}`]) : new Set();
}

/**
 * A register of a register-block struct, `&priv->map->int_enable` (p54pci.h's `P54P_WRITE`), is on the device the block
 * pointer `priv->map` points to: the address without the `&` and the register's own member.
 */
function registerBlock(base: string): string {
  const m = /^&\(?([A-Za-z_][\w>.-]*?)->\w+\)?$/.exec(base);
  return m ? m[1] : base;
}

function onDevice(n: FlowNode, device: ReadonlySet<string>): boolean {
  for (const d of deviceOf(n)) if (device.has(d)) return true;
  return false;
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
