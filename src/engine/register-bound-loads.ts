// Loads of ring entries in a loop bounded by a relaxed read of an index or count register (`prod =
// readl_relaxed(base + RX_PROD); while (cons != prod) { len = ring[cons].len; ... }`): the device writes the entries,
// then moves the register, but a relaxed read orders no later load, so without a read barrier after it the entries may
// be read before the register and come back stale (io-semantics §j.3; readl() ends with __io_ar(), a dma_rmb() on
// arm64, for exactly this: include/asm-generic/io.h:221-234, arch/arm64/include/asm/io.h:94-109). Part of missing-dma-rmb.
import type { FunctionFlow } from '../analysis/flow';
import type { Mask } from './arch-mask';
import { relaxedIndexReads } from './index-bound-read';
import { lineOf } from './describe';
import { orderMasks, volatilePairMask } from './ordering';
import { runPending } from './pending';

/** A register read bounding a loop, the first entry load it leaves unordered, and the architectures where it does. */
export interface RegisterBoundLoad { read: number; load: number; mask: Mask }

/**
 * One per relaxed register read: the earliest (by line) load among `entryLoads` it bounds that a path reaches from the
 * read with nothing between ordering an MMIO read before later loads ('mmior-ld': rmb(), dma_rmb(), an ordered read).
 */
export function registerBoundLoads(flow: FunctionFlow, entryLoads: readonly number[], mask: Mask): RegisterBoundLoad[] {
  const bounded = new Map<number, { loads: Set<number>; mask: Mask }>();
  for (const load of entryLoads) {
    for (const { read, mask: m } of relaxedIndexReads(flow, load, mask)) {
      const entry = bounded.get(read) ?? { loads: new Set<number>(), mask: 0 };
      entry.loads.add(load);
      entry.mask |= m;
      bounded.set(read, entry);
    }
  }
  const out: RegisterBoundLoad[] = [];
  for (const [read, { loads, mask: m }] of bounded) {
    const hits = runPending(flow, {
      source: (_n, id) => (id === read ? m : 0),
      kill: (n) => orderMasks(n, 'mmior-ld')[0] & m,
      sink: (_n, id) => (loads.has(id) ? m : 0),
    });
    // Two volatile loads (DPDK's rte_read32_relaxed(), then a `volatile` status member) stay in order on x86_64.
    const unordered = (load: number, from: Map<number, Mask>) => (from.get(read) ?? 0) & ~volatilePairMask(flow.nodes[read], flow.nodes[load]);
    const first = [...hits].map(([load, from]) => ({ load, mask: unordered(load, from) })).filter((h) => h.mask)
      .sort((a, b) => lineOf(flow.nodes[a.load]) - lineOf(flow.nodes[b.load]))[0];
    if (first) out.push({ read, ...first });
  }
  return out;
}

/**
 * Architectures on which a relaxed read bounding the loop around the load at `at` is followed, on every path to `at`,
 * by a barrier that orders it before later loads (`head = rte_read32_relaxed(reg); rte_io_rmb();`): the read is then
 * as good as an ordered one, so the entries up to the index are the CPU's (index-bound-read.ts boundByIndexRead()).
 */
export function fencedIndexReads(flow: FunctionFlow, at: number, mask: Mask): Mask {
  let out = 0;
  for (const { read, mask: m } of relaxedIndexReads(flow, at, mask)) {
    const hits = runPending(flow, {
      source: (_n, id) => (id === read ? m : 0),
      kill: (n) => orderMasks(n, 'mmior-ld')[0] & m,
      sink: (_n, id) => (id === at ? m : 0),
      sinksObserve: true,
    });
    out |= m & ~(hits.get(at)?.get(read) ?? 0);
  }
  return out;
}
