// Rule: MMIO writes in a spin-locked section made with accessors the unlock hand-off does not track (powerpc64:
// __raw_*, __iowrite*_copy; riscv64 also *_relaxed and generic memcpy_toio) reaching spin_unlock without wmb()/mb().
import type { FlowNode } from '../../analysis/flow';
import { accessorFact, ARCHES, PROFILES } from '../arch';
import { mustAcrossTargets } from '../pointer-calls';
import { archesOf, maskWhere, type Mask } from '../arch-mask';
import { eventName, lineOf, sameInlinedCall, via } from '../describe';
import { insertLineBefore } from '../fixes';
import { isWc, orderMasks, originSite } from '../ordering';
import { runPending } from '../pending';
import type { Rule, RuleContext } from './rule';
import { barrierName, dialectOf } from '../barrier-dialect';

const KIND = 'mmiow-unlock' as const;

/**
 * An MMIO write the unlock's mmiowb() is not armed by. Not on an architecture where it goes through a write-combining
 * mapping: a write-combined store left unordered before an unlock is missing-wc-flush's finding, whose fix (wmb()
 * after the last such store) also orders every untracked write before it; one hazard, one report.
 */
function untrackedWrite(n: FlowNode, mask: Mask): Mask {
  const e = n.event;
  if (e?.kind !== 'access' || e.dir !== 'write' || e.family === 'port') return 0;
  return maskWhere(mask, (a) => {
    const f = accessorFact(a, e.family, e.dir);
    return !f.trackedForUnlock && !f.provides[KIND] && !PROFILES[a].unlock.provides[KIND] && !n.origins.some((o) => isWc(o, a));
  });
}

/**
 * Where a write is tracked for the unlock: it sets the per-CPU mmiowb pending flag (include/asm-generic/mmiowb.h:35-58);
 * a pointer call, where every function it can reach makes such a write on every path, after any unlock of its own
 * (which would run the mmiowb() and clear the flag).
 */
function trackedWrite(n: FlowNode, mask: Mask): Mask {
  const e = n.event;
  if (n.targets) return mustAcrossTargets(n, 'tracked-write', (t) => trackedWrite(t, ALL), (t) => (isUnlock(t) ? ALL : 0)) & mask;
  return e?.kind === 'access' && e.dir === 'write' ? maskWhere(mask, (a) => accessorFact(a, e.family, e.dir).trackedForUnlock) : 0;
}

const ALL: Mask = (1 << ARCHES.length) - 1;

/** Orders earlier MMIO writes before the unlock: a barrier, or a tracked write (mmiowb then runs at unlock). */
function orders(n: FlowNode, mask: Mask): Mask {
  return (orderMasks(n, KIND)[0] & mask) | trackedWrite(n, mask);
}

/**
 * A kernel unlock, whose hand-off runs the mmiowb() this rule is about (include/asm-generic/mmiowb.h). Not rdma-core's
 * mmio_wc_spinunlock(), which flushes first, nor a userspace pthread_spin_unlock(), which promises MMIO writes no
 * ordering at all: providers order them themselves where the device needs it (mmio_flush_writes(); for
 * write-combined pages missing-wc-flush asks).
 */
const isUnlock = (n: FlowNode) => n.event?.kind === 'unlock' && !/^(?:mmio_wc|pthread_)/.test(n.event.api);

/**
 * Untracked-write node -> architectures on which a tracked write since the lock, earlier on a path to it, has armed the
 * mmiowb() the unlock runs: its fence (powerpc64 sync, riscv64 fence o,w) orders every earlier MMIO write of the
 * section (janz-ican3.c:1747: an iowrite8 before the memcpy_toio under one lock).
 */
function armedWrites(ctx: RuleContext): Map<number, Mask> {
  const { flow, mask } = ctx;
  const hits = runPending(flow, {
    source: (n) => trackedWrite(n, mask),
    kill: (n) => (n.event?.kind === 'lock' || isUnlock(n) ? mask : 0),
    sink: (n) => untrackedWrite(n, mask),
    sinksObserve: true,
  });
  return new Map([...hits].map(([sink, srcs]) => [sink, [...srcs.values()].reduce((m, s) => m | s, 0)]));
}

/**
 * A read from the device the write went to (its mapping, or the same base address in the same function): the read
 * cannot complete before the posted write has reached the device, so the write is there before the unlock — the
 * read-back of Documentation/driver-api/io_ordering.rst:5-13, 34-51.
 */
function readsBack(n: FlowNode, src: FlowNode): boolean {
  const r = n.event;
  const w = src.event;
  if (r?.kind !== 'access' || r.dir !== 'read' || r.family === 'port' || w?.kind !== 'access') return false;
  const maps = new Set(src.origins.filter((o) => o.kind === 'mapping').map(originSite));
  if (maps.size) return n.origins.some((o) => o.kind === 'mapping' && maps.has(originSite(o)));
  return n.origins.length === 0 && n.chain.length === 0 && src.chain.length === 0 && addressBase(r.addrText) === addressBase(w.addrText);
}

/** `base + OFFSET`, `base + 4 * i`: the base pointer's text. */
function addressBase(text: string): string {
  return text.split('+')[0].replace(/[\s()]/g, '');
}

export const mmioUnorderedWithUnlock: Rule = {
  id: 'mmio-unordered-with-unlock',
  defaultSeverity: 'warning',
  summary: 'MMIO writes the spin_unlock hand-off does not order (untracked accessors on powerpc64/riscv64) with no wmb() before the unlock.',
  run(ctx) {
    const { flow, mask } = ctx;
    let armed: Map<number, Mask> | undefined;
    const hits = runPending(flow, {
      source: (n, id) => { const m = untrackedWrite(n, mask); return m && m & ~((armed ??= armedWrites(ctx)).get(id) ?? 0); },
      kill: (n) => (n.event?.kind === 'lock' ? mask : orders(n, mask)),
      sink: (n) => (isUnlock(n) ? mask : 0),
      mayKillSome: (n) => n.event?.kind === 'access' && n.event.dir === 'read',
      killFor: (n, _id, src) => (readsBack(n, src) ? mask : 0),
    });
    for (const [sinkId, sources] of hits) {
      const own = new Map([...sources].filter(([src]) => !sameInlinedCall(flow.nodes[src], flow.nodes[sinkId])));
      if (own.size) report(ctx, sinkId, own);
    }
  },
};

function report(ctx: RuleContext, sinkId: number, sources: Map<number, Mask>): void {
  const { flow } = ctx;
  const sink = flow.nodes[sinkId];
  const last = [...sources.keys()].map((id) => flow.nodes[id]).sort((a, b) => lineOf(b) - lineOf(a))[0];
  const arches = archesOf([...sources.values()].reduce((m, s) => m | s, 0));
  const e = last.event;
  const why = arches.map((a) => `on ${a} ${e?.kind === 'access' ? `${e.api} is ${accessorFact(a, e.family, e.dir).instr}` : ''} and spin_unlock is ${PROFILES[a].unlock.instr}`).join('; ');
  const wmb = barrierName(flow, 'unlock');
  const fix = insertLineBefore(flow.fn.file, sink, `${wmb}();`, ctx.lineText, `Insert ${wmb}() before the unlock`, true);
  ctx.report({
    file: flow.fn.file, span: sink.site, arches, fixes: fix ? [fix] : [],
    message: `${eventName(sink)} at line ${lineOf(sink)} may let the next lock owner's MMIO writes reach the device before ${eventName(last)}${via(last)} (line ${lineOf(last)}): ${why}; the mmiowb() the unlock runs is only armed by tracked accessors (writeX/iowriteX). Put ${wmb}() before the unlock${dialectOf(flow) === 'kernel' ? ' or use writel()' : ''} (include/asm-generic/mmiowb.h:1-65).`,
    related: [{ file: flow.fn.file, span: last.site, message: 'MMIO write not tracked for the unlock hand-off' }],
  });
}
