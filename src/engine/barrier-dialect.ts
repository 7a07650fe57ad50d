// Which spelling a finding's advice and quick fix give a barrier: the kernel's, rdma-core's, DPDK's, SPDK's or a
// userspace program's own, by the I/O vocabulary the function uses (a wmb() inserted into a DPDK PMD would not compile).
import type { FunctionFlow } from '../analysis/flow';

/**
 * `userspace`: a program that maps device memory itself (`mmap()` of a vfio region or a sysfs BAR file) with neither
 * library: it has no accessors, only volatile loads and stores, and defines its barriers under the kernel's names.
 */
export type Dialect = 'kernel' | 'rdma-core' | 'dpdk' | 'spdk' | 'userspace';

/** What the inserted barrier has to do. */
export type BarrierNeed = 'doorbell' | 'wc-flush' | 'dma-rmb' | 'dma-wmb' | 'unlock';

/**
 * Per need, the barrier each dialect writes (the engine's profiles give each one's instructions per architecture):
 * - rdma-core util/udma_barrier.h: udma_to_device_barrier() before a doorbell that starts DMA; udma_ordering_write_
 *   barrier() between stores to DMA memory; udma_from_device_barrier() after a device-written valid/owner bit;
 *   mmio_flush_writes() after write-combined stores (sfence on x86, dsb st on arm64, sync on powerpc64, fence ow,ow on
 *   riscv64), also before a lock is released;
 * - DPDK lib/eal/<arch>/include/rte_atomic.h: rte_io_wmb()/rte_io_rmb() order device-visible memory and MMIO (a
 *   compiler barrier on x86, dmb oshst/oshld on arm64, sync on powerpc64, fence orw,ow / fence ir,ir on riscv64);
 *   rte_wmb() is the one that drains write-combining buffers on x86 (sfence; rte_io_wmb() is a compiler barrier there);
 * - SPDK include/spdk/barrier.h: spdk_wmb() (the kernel's wmb() on all four: sfence, dsb st, sync, fence ow,ow) and
 *   spdk_rmb() (rmb()); SPDK has no DMA-only barriers, so spdk_wmb()/spdk_rmb() stand for them.
 */
const SPELLING: Record<BarrierNeed, Record<Dialect, string>> = {
  doorbell: { kernel: 'wmb', 'rdma-core': 'udma_to_device_barrier', dpdk: 'rte_io_wmb', spdk: 'spdk_wmb', userspace: 'wmb' },
  'wc-flush': { kernel: 'wmb', 'rdma-core': 'mmio_flush_writes', dpdk: 'rte_wmb', spdk: 'spdk_wmb', userspace: 'wmb' },
  'dma-rmb': { kernel: 'dma_rmb', 'rdma-core': 'udma_from_device_barrier', dpdk: 'rte_io_rmb', spdk: 'spdk_rmb', userspace: 'rmb' },
  'dma-wmb': { kernel: 'dma_wmb', 'rdma-core': 'udma_ordering_write_barrier', dpdk: 'rte_io_wmb', spdk: 'spdk_wmb', userspace: 'wmb' },
  unlock: { kernel: 'wmb', 'rdma-core': 'mmio_flush_writes', dpdk: 'rte_io_wmb', spdk: 'spdk_wmb', userspace: 'wmb' },
};

/**
 * rdma-core's names (util/mmio.h, util/udma_barrier.h, libibverbs' ibv_dontfork_range()) and DPDK's (rte_*, and the
 * EAL's `mem_resource[].addr` BAR mappings). Only vocabulary is read, the accessors, barriers and locks of the flow's
 * events and the APIs its memory came from: a plain call's name says nothing (TI's k3-udma driver has its own
 * udma_*() functions, nouveau its mmio_wr32()).
 */
const RDMA_CORE_API = /^(?:mmio_|udma_|ibv_)/;
const DPDK_API = /^(?:rte_|mem_resource)/;
const SPDK_API = /^spdk_/;
/** A mapping made by a userspace mmap() (user-mmap.ts): a program of its own, unless a library's names are there too. */
const USER_MAPPING_API = /^mmap(?:64)?$/;

const memo = new WeakMap<FunctionFlow, Dialect>();

/** The dialect of the I/O vocabulary in the function's flow (its inlined helpers included) and of its memory's origins. */
export function dialectOf(flow: FunctionFlow): Dialect {
  let d = memo.get(flow);
  if (d === undefined) {
    let library: Dialect | undefined;
    let userMapping = false;
    for (const name of namesIn(flow)) {
      if (RDMA_CORE_API.test(name)) { library = 'rdma-core'; break; }
      if (DPDK_API.test(name)) { library = 'dpdk'; break; }
      if (SPDK_API.test(name)) { library = 'spdk'; break; }
      userMapping ||= USER_MAPPING_API.test(name);
    }
    d = library ?? (userMapping ? 'userspace' : 'kernel');
    memo.set(flow, d);
  }
  return d;
}

function* namesIn(flow: FunctionFlow): Generator<string> {
  for (const n of flow.nodes) {
    const e = n.event;
    if (e && 'api' in e) yield e.api;
    for (const o of n.origins) yield o.api;
  }
}

/** The barrier's name (no parentheses) that does what `need` asks in this function's dialect. */
export function barrierName(flow: FunctionFlow, need: BarrierNeed): string {
  return SPELLING[need][dialectOf(flow)];
}

/** What else orders earlier stores before a doorbell, per dialect (rdma-core's mmio_write*() are all relaxed). */
const ORDERED_ACCESSOR_ADVICE: Record<Dialect, string> = {
  kernel: ', or use a doorbell accessor that orders earlier stores (writel/iowrite32)',
  'rdma-core': '',
  dpdk: ', or use rte_write32()/rte_write64(), which issue rte_io_wmb() before the write (lib/eal/include/generic/rte_io.h)',
  spdk: '',
  userspace: '',
};

/** The advice's second way to order a doorbell, in this function's dialect ('' where there is none). */
export function orderedAccessorAdvice(flow: FunctionFlow): string {
  return ORDERED_ACCESSOR_ADVICE[dialectOf(flow)];
}

/**
 * The accessors to use instead of a plain access to device memory, per dialect, with where they are documented: the
 * kernel's (Documentation/driver-api/device-io.rst:62-66), rdma-core's (util/mmio.h: fixed-width volatile stores, and
 * mmio_memcpy_x64() "strictly guarantees the order of TLP generation ... in ascending address order"), DPDK's
 * (lib/eal/include/generic/rte_io.h).
 */
const IO_ACCESSOR_ADVICE: Record<Dialect, { store: string; load: string; cite: string }> = {
  kernel: { store: 'writel()/memcpy_toio()/memset_io()', load: 'readl()/memcpy_fromio()', cite: 'Documentation/driver-api/device-io.rst:62-66' },
  'rdma-core': { store: 'mmio_write32()/mmio_write64()/mmio_memcpy_x64()', load: 'mmio_read32()/mmio_read64()', cite: 'rdma-core util/mmio.h' },
  dpdk: { store: 'rte_write32()/rte_write64()', load: 'rte_read32()/rte_read64()', cite: 'DPDK lib/eal/include/generic/rte_io.h' },
  spdk: { store: 'spdk_mmio_write_4()/spdk_mmio_write_8()', load: 'spdk_mmio_read_4()/spdk_mmio_read_8()', cite: 'SPDK include/spdk/mmio.h' },
  userspace: {
    store: 'volatile stores of the register\'s width with the value in the device\'s byte order (htole32()), a loop of aligned ones for a copy',
    load: 'volatile loads of the register\'s width, converted from the device\'s byte order (le32toh())',
    cite: 'what writel()/memcpy_toio() do, Documentation/driver-api/device-io.rst:62-66',
  },
};

/** "accessors (where they are documented)" for a plain store or load through device memory, in this function's dialect. */
export function ioAccessorAdvice(flow: FunctionFlow, dir: 'store' | 'load'): string {
  const advice = IO_ACCESSOR_ADVICE[dialectOf(flow)];
  return `${advice[dir]} (${advice.cite})`;
}
