// When a descriptor read is no hand-over gate because the descriptor is already the CPU's: on every path to it a
// read that decided a branch (a status word of the same descriptor, or any tested load of the same coherent ring,
// the fungible `info->sf_p` phase tag beside `rsp->flags`) was followed by a read barrier that orders later loads on
// the architecture (dma_rmb(); smp_rmb() not on arm64), with no such read of the ring since. Also across one call:
// a `static` helper every call of which its caller makes after such a test and barrier (the NVMe CQ loop: the phase
// test in nvme_cqe_pending(), dma_rmb(), then nvme_handle_cqe()).
import type { FlowNode, FunctionFlow } from '../analysis/flow';
import { ARCHES } from './arch';
import type { Mask } from './arch-mask';
import { isDmaVisible, orderMasks, originSite } from './ordering';
import { predecessors, reachable } from './pending';
import { callSiteOf, onlyCallers, type CallerWalk } from './caller-bound';

const ALL: Mask = (1 << ARCHES.length) - 1;
const KIND = 'ld-ld' as const;

/**
 * How a node bears on the descriptor: no hand-over read, a read that may start it, one that starts it anew, or the
 * gate asked about itself (a path through it again acquires nothing from it: a poll that failed and waited is no
 * hand-over, and a walk's next entry needs its own test).
 */
export const enum HandOver { None = 0, Start = 1, Reset = 2, Itself = 3 }

/** The mapping sites of a node's coherent/streaming DMA memory. */
export function dmaSites(n: FlowNode): Set<string> {
  return new Set(n.origins.filter(isDmaVisible).map(originSite));
}

/** A load deciding a branch that reads one of `sites`. */
export function testedRingRead(n: FlowNode, sites: ReadonlySet<string>): boolean {
  return !!n.gate && n.event?.kind === 'load' && n.origins.some((o) => isDmaVisible(o) && sites.has(originSite(o)));
}

/**
 * Tested reads of the ring of `at` (its mapping sites): through another pointer each may be another entry's hand-over
 * and starts anew; through `at`'s own pointer (`key`) it is the same entry, so it only starts one not yet acquired
 * (`if (rsp->ret == 0)` after the barrier is payload).
 */
export function ringReads(flow: FunctionFlow, at: number, key: (n: FlowNode) => string | undefined, sites = dmaSites(flow.nodes[at]), testedCall?: (n: FlowNode) => boolean): (id: number) => HandOver {
  const own = key(flow.nodes[at]);
  return (id) => {
    const n = flow.nodes[id];
    if (id === at) return HandOver.Itself;
    if (testedCall?.(n)) return HandOver.Reset;
    if (!testedRingRead(n, sites)) return HandOver.None;
    return own !== undefined && key(n) === own ? HandOver.Start : HandOver.Reset;
  };
}

/**
 * Architectures on which, on every path from the entry to node `at`, a hand-over read was followed by a read barrier
 * with no new hand-over read since. Per node and architecture, whether some path reaching it has had no hand-over
 * read (Z) and whether some path has one not yet fenced (W): the descriptor is acquired where neither holds.
 */
export function acquiredAt(flow: FunctionFlow, at: number, handOver: (id: number) => HandOver): Mask {
  const n = flow.nodes.length;
  const preds = predecessors(flow);
  const none = new Int32Array(n);
  const wait = new Int32Array(n);
  const seen = new Uint8Array(n);
  const kinds = flow.nodes.map((_, i) => handOver(i));
  const meet = (i: number): [Mask, Mask] => {
    if (i === 0) return [ALL, 0];
    let z = 0;
    let w = 0;
    for (const p of preds[i]) if (seen[p]) { z |= none[p]; w |= wait[p]; }
    return [z, w];
  };
  const step = (i: number, z: Mask, w: Mask): [Mask, Mask] => {
    if (flow.nodes[i].zeroTrip) return [0, 0]; // a counting loop runs at least once (pending.ts)
    if (kinds[i] === HandOver.Itself) return [ALL, 0];
    if (kinds[i] === HandOver.Reset) return [0, ALL];
    if (kinds[i] === HandOver.Start) return [0, w | z];
    return [z, w & ~orderMasks(flow.nodes[i], KIND)[1]];
  };
  for (let changed = true, rounds = 0; changed && rounds < 50; rounds++) {
    changed = false;
    for (let i = 0; i < n; i++) {
      const [z, w] = step(i, ...meet(i));
      if (!seen[i] || z !== none[i] || w !== wait[i]) { seen[i] = 1; none[i] = z; wait[i] = w; changed = true; }
    }
  }
  const [z, w] = meet(at);
  return ALL & ~z & ~w;
}

/**
 * Architectures on which every call of the function holding the gate `gate` is made after its caller acquired a
 * descriptor of the same ring (a tested read, then a read barrier, on every path to the gate's inlined copy, or to the
 * call when it is left opaque and the gate is on no cycle of the helper). `static` helpers whose calls are all known
 * (caller-bound.ts onlyCallers), one caller up.
 */
export function acquiredInCallers(walk: CallerWalk, flow: FunctionFlow, gate: number, key: (n: FlowNode) => string | undefined): Mask {
  const g = flow.nodes[gate];
  const sites = dmaSites(g);
  const callers = sites.size && g.event ? onlyCallers(walk.index, flow.fn) : undefined;
  if (!callers || callers.length === 0) return 0;
  const looped = reachable(flow, gate).has(gate);
  let mask = ALL;
  for (const caller of callers) {
    const outer = walk.flowOf(caller);
    const targets = callTargets(outer, flow.fn.name, g, looped);
    if (!targets) return 0;
    for (const t of targets) {
      const ring = new Set([...sites, ...dmaSites(outer.nodes[t])]);
      mask &= acquiredAt(outer, t, ringReads(outer, t, key, ring, (n) => testsRingInCall(walk, outer, n, ring)));
      if (!mask) return 0;
    }
  }
  return mask;
}

/**
 * A call left opaque whose result decides a branch, of a helper that returns or tests a read of the ring
 * (`while (nvme_cqe_pending(q))`: `return (READ_ONCE(hcqe->status) & 1) == q->cq_phase;`).
 */
function testsRingInCall(walk: CallerWalk, outer: FunctionFlow, n: FlowNode, ring: ReadonlySet<string>): boolean {
  const e = n.event;
  if (e?.kind !== 'call' || !e.inCondition) return false;
  const callee = walk.index.lookupFunction(e.callee, outer.fn.file);
  if (!callee || callee.isMacro) return false;
  return walk.flowOf(callee).nodes.some((m) => m.event?.kind === 'load' && (m.gate || (m.event.returned && m.chain.length === 0)) && m.origins.some((o) => isDmaVisible(o) && ring.has(originSite(o))));
}

/**
 * Per call of `name` in the caller's flow, the node to ask at: the gate's inlined copy (same event, one helper deeper),
 * or the call itself when it is opaque and the gate is not in a loop. Undefined when a call has neither (or none is seen).
 */
function callTargets(outer: FunctionFlow, name: string, g: FlowNode, looped: boolean): number[] | undefined {
  const bySite = new Map<string, number[]>();
  outer.nodes.forEach((n, id) => {
    const key = callSiteOf(n, name);
    if (key !== undefined) bySite.set(key, [...(bySite.get(key) ?? []), id]);
  });
  if (bySite.size === 0) return undefined;
  const out: number[] = [];
  for (const ids of bySite.values()) {
    const copies = ids.filter((id) => sameEvent(outer.nodes[id], g));
    const opaque = ids.find((id) => outer.nodes[id].chain.length === 0);
    if (copies.length) out.push(...copies);
    else if (opaque !== undefined && !looped) out.push(opaque);
    else return undefined;
  }
  return out;
}

/** `n` (in the caller) is the inlined copy of the helper's own node `g`. */
function sameEvent(n: FlowNode, g: FlowNode): boolean {
  const a = n.event?.span.start;
  const b = g.event?.span.start;
  const text = (e: FlowNode['event']) => (e?.kind === 'load' ? e.text : undefined);
  return !!a && !!b && a.line === b.line && a.character === b.character && text(n.event) === text(g.event) && n.chain.length === g.chain.length + 1 && n.chain.slice(1).join('/') === g.chain.join('/');
}
