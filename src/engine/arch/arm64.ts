// arm64 I/O memory model as Linux 6.1 implements it: dmb/dsb barriers, Device-nGnRE and Normal-NC mappings.
import type { AccessorFact, ArchProfile, BarrierFact, OrderFact, ScalarHazard } from './types';

const DSB: OrderFact = { level: 'yes', why: 'dsb completes all earlier memory accesses, of every memory type' };
const DMB_OSH: OrderFact = { level: 'yes', why: 'dmb oshst orders earlier stores (normal and Device) before later stores in the outer-shareable domain, which includes the device; the portable API only promises this between coherent-memory stores' };
const bar = (instr: string, cite: string, provides: BarrierFact['provides'], lacks: BarrierFact['lacks'] = {}): BarrierFact => ({ instr, compilerBarrier: true, provides, lacks, cite });
const INNER = 'an inner-shareable barrier (ish) does not order accesses to the device, which lies in the outer-shareable domain';
const LOADS = 'orders loads only';
const BARRIER_H = 'arch/arm64/include/asm/barrier.h';
const FENCE_CITE = 'dpdk lib/eal/include/rte_stdatomic.h (rte_atomic_thread_fence = __atomic_thread_fence); GCC gcc/config/aarch64/atomics.md (mem_thread_fence: dmb ishld for acquire, dmb ish otherwise)';

const plain = (instr: string, cite: string): AccessorFact => ({ instr, compilerBarrier: false, provides: {}, trackedForUnlock: false, cite });
const RELEASE: OrderFact = { level: 'yes', why: 'spin_unlock is a store-release (stlr), ordered after earlier writes' };

/** Device memory takes an aligned scalar access as it is (the access size is preserved) and faults on unaligned ones. */
const DEVICE_PLAIN = {
  hazard: 'Device memory faults on unaligned accesses, and memcpy/memset use unaligned, paired or DC ZVA accesses', cite: 'arch/arm64/include/asm/pgtable.h:570-577',
  scalar: { when: 'unaligned', hazard: 'may be unaligned (a member of a packed struct), and Device memory requires strict alignment: an unaligned access takes an alignment fault', cite: 'arch/arm64/include/asm/pgtable.h:570-577' } as ScalarHazard,
};

export const arm64: ArchProfile = {
  arch: 'arm64',
  barriers: {
    mb: bar('dsb sy', `${BARRIER_H}:57`, { 'store-mmiow': DSB, 'wc-next': DSB, 'mmiow-unlock': DSB }),
    wmb: bar('dsb st', `${BARRIER_H}:59`, { 'store-mmiow': DSB, 'wc-next': DSB, 'mmiow-unlock': DSB }),
    rmb: bar('dsb ld', `${BARRIER_H}:58`, {}, { 'store-mmiow': LOADS, 'wc-next': LOADS }),
    dma_mb: bar('dmb osh', `${BARRIER_H}:61`, { 'store-mmiow': DMB_OSH, 'wc-next': DMB_OSH, 'mmiow-unlock': DMB_OSH }),
    dma_wmb: bar('dmb oshst', `${BARRIER_H}:63`, { 'store-mmiow': DMB_OSH, 'wc-next': DMB_OSH, 'mmiow-unlock': DMB_OSH }),
    dma_rmb: bar('dmb oshld', `${BARRIER_H}:62`, {}, { 'store-mmiow': LOADS, 'wc-next': LOADS }),
    __iowmb: bar('dmb oshst', 'arch/arm64/include/asm/io.h:93-118', { 'store-mmiow': DMB_OSH, 'wc-next': DMB_OSH }),
    __iormb: bar('dmb oshld', 'arch/arm64/include/asm/io.h:93-118', {}, { 'store-mmiow': LOADS }),
    __iomb: bar('dmb osh', 'arch/arm64/include/asm/io.h:93-118', { 'store-mmiow': DMB_OSH, 'wc-next': DMB_OSH }),
    smp_mb: bar('dmb ish', `${BARRIER_H}:120`, {}, { 'store-mmiow': INNER, 'wc-next': INNER }),
    smp_wmb: bar('dmb ishst', `${BARRIER_H}:122`, {}, { 'store-mmiow': INNER, 'wc-next': INNER }),
    smp_rmb: bar('dmb ishld', `${BARRIER_H}:121`, {}, { 'store-mmiow': INNER, 'wc-next': INNER }),
    smp_mb__before_atomic: bar('dmb ish', `${BARRIER_H}:120`, {}, { 'store-mmiow': INNER }),
    smp_mb__after_atomic: bar('dmb ish', `${BARRIER_H}:120`, {}, { 'store-mmiow': INNER }),
    barrier: bar('compiler barrier only', 'include/linux/compiler.h:80', {}, { 'store-mmiow': 'emits no instruction', 'wc-next': 'emits no instruction' }),
    io_stop_wc: bar('dgh (stop gathering; not an ordering barrier)', `${BARRIER_H}:33-39, 65`, {}, { 'wc-next': 'dgh only stops merging; it orders nothing', 'store-mmiow': 'dgh orders nothing' }),
    mmiowb: bar('nothing (arm64 does not select ARCH_HAS_MMIOWB)', 'include/asm-generic/mmiowb.h:1-65', {}, { 'store-mmiow': 'emits nothing on arm64' }),
    udma_to_device_barrier: bar('dmb oshst (rdma-core)', 'rdma-core util/udma_barrier.h', { 'store-mmiow': DMB_OSH }),
    udma_from_device_barrier: bar('dmb oshld (rdma-core)', 'rdma-core util/udma_barrier.h', {}),
    udma_ordering_write_barrier: bar('dmb oshst (rdma-core)', 'rdma-core util/udma_barrier.h', { 'store-mmiow': DMB_OSH }),
    mmio_flush_writes: bar('dsb st (rdma-core)', 'rdma-core util/udma_barrier.h', { 'store-mmiow': DSB, 'wc-next': DSB }),
    mmio_wc_start: bar('dsb st (rdma-core)', 'rdma-core util/udma_barrier.h (mmio_wc_start() is #defined to mmio_flush_writes())', { 'store-mmiow': DSB, 'wc-next': DSB }),
    mmio_wc_spinlock: bar('dsb st after taking the lock (rdma-core)', 'rdma-core util/udma_barrier.h: mmio_wc_spinlock() is pthread_spin_lock(), then mmio_wc_start() except on x86', { 'store-mmiow': DSB, 'wc-next': DSB }),
    rte_mb: bar('dsb sy (DPDK)', 'dpdk lib/eal/arm/include/rte_atomic_64.h', { 'store-mmiow': DSB, 'wc-next': DSB }),
    rte_wmb: bar('dsb st (DPDK)', 'dpdk lib/eal/arm/include/rte_atomic_64.h', { 'store-mmiow': DSB, 'wc-next': DSB }),
    rte_rmb: bar('dsb ld (DPDK)', 'dpdk lib/eal/arm/include/rte_atomic_64.h', {}),
    rte_io_wmb: bar('dmb oshst (DPDK)', 'dpdk lib/eal/arm/include/rte_atomic_64.h', { 'store-mmiow': DMB_OSH, 'wc-next': DMB_OSH }),
    rte_io_rmb: bar('dmb oshld (DPDK)', 'dpdk lib/eal/arm/include/rte_atomic_64.h', {}),
    rte_io_mb: bar('dmb osh (DPDK)', 'dpdk lib/eal/arm/include/rte_atomic_64.h', { 'store-mmiow': DMB_OSH, 'wc-next': DMB_OSH }),
    rte_cio_wmb: bar('dmb oshst (DPDK)', 'dpdk lib/eal/arm/include/rte_atomic_64.h', { 'store-mmiow': DMB_OSH }),
    rte_smp_wmb: bar('dmb ishst (DPDK)', 'dpdk lib/eal/arm/include/rte_atomic_64.h', {}, { 'store-mmiow': INNER }),
    rte_smp_rmb: bar('dmb ishld (DPDK)', 'dpdk lib/eal/arm/include/rte_atomic_64.h', {}),
    rte_smp_mb: bar('dmb ish (DPDK)', 'dpdk lib/eal/arm/include/rte_atomic_64.h', {}, { 'store-mmiow': INNER }),
    rte_compiler_barrier: bar('compiler barrier (DPDK)', 'dpdk lib/eal/include/generic/rte_atomic.h', {}),
    thread_fence_acquire: bar('dmb ishld', FENCE_CITE, {}, { 'store-mmiow': INNER, 'wc-next': INNER }),
    thread_fence_release: bar('dmb ish', FENCE_CITE, {}, { 'store-mmiow': INNER, 'wc-next': INNER }),
    thread_fence_acq_rel: bar('dmb ish', FENCE_CITE, {}, { 'store-mmiow': INNER, 'wc-next': INNER }),
    thread_fence_seq_cst: bar('dmb ish', FENCE_CITE, {}, { 'store-mmiow': INNER, 'wc-next': INNER }),
  },
  accessors: {
    ordered: {
      read: { instr: 'ldr; dmb oshld; control dependency', compilerBarrier: true, provides: {}, trackedForUnlock: false, cite: 'include/asm-generic/io.h:221-236; arch/arm64/include/asm/io.h:93-118' },
      write: { instr: 'dmb oshst; str', compilerBarrier: true, provides: { 'store-mmiow': DMB_OSH, 'wc-next': DMB_OSH }, trackedForUnlock: false, cite: 'include/asm-generic/io.h:285-297; arch/arm64/include/asm/io.h:93-118' },
    },
    relaxed: { read: plain('ldr', 'include/asm-generic/io.h:350-363'), write: plain('str', 'include/asm-generic/io.h:404-414') },
    raw: { read: plain('ldr', 'arch/arm64/include/asm/io.h:24-91'), write: plain('str', 'arch/arm64/include/asm/io.h:24-91') },
    string: { read: plain('ldr loop (readsX)', 'include/asm-generic/io.h:432-558'), write: plain('str loop (writesX)', 'include/asm-generic/io.h:432-558') },
    toio: { read: plain('__raw byte/quad loads, no barrier', 'arch/arm64/kernel/io.c:15-96'), write: plain('__raw byte/quad stores, no barrier', 'arch/arm64/kernel/io.c:15-96') },
    copy: { read: plain('__raw_readl loop', 'lib/iomap_copy.c:53-62'), write: plain('__raw_writel/__raw_writeq loop', 'lib/iomap_copy.c:19-29, 63-77') },
    volatile: { read: plain('a plain volatile load (ldrb/ldrh/ldr)', 'dpdk lib/eal/include/generic/rte_io.h; rdma-core util/mmio.h'), write: plain('a plain volatile store (strb/strh/str)', 'dpdk lib/eal/include/generic/rte_io.h; rdma-core util/mmio.h') },
    port: {
      read: { instr: 'ldr via PCI_IOBASE; dmb oshld', compilerBarrier: true, provides: {}, trackedForUnlock: false, cite: 'include/asm-generic/io.h:568-641' },
      write: { instr: 'dmb oshst; str via PCI_IOBASE', compilerBarrier: true, provides: { 'store-mmiow': DMB_OSH, 'wc-next': DMB_OSH }, trackedForUnlock: false, cite: 'include/asm-generic/io.h:568-641' },
    },
  },
  mappings: {
    ioremap: { memType: 'Device-nGnRE', writeCombining: false, plainAccess: DEVICE_PLAIN, cite: 'arch/arm64/include/asm/io.h:145; mm/ioremap.c:14-49' },
    ioremap_uc: { memType: 'none', writeCombining: false, returnsNull: true, cite: 'include/asm-generic/io.h:1129-1142' },
    ioremap_wc: { memType: 'Normal-NC', writeCombining: true, cite: 'arch/arm64/include/asm/io.h:147-148' },
    ioremap_wt: { memType: 'Device-nGnRE (= ioremap)', writeCombining: false, plainAccess: DEVICE_PLAIN, cite: 'include/asm-generic/io.h:1125-1127' },
    ioremap_np: { memType: 'Device-nGnRnE', writeCombining: false, plainAccess: DEVICE_PLAIN, cite: 'arch/arm64/include/asm/io.h:149-150' },
    ioremap_cache: { memType: 'Normal-WB (linear map if RAM)', writeCombining: false, cite: 'arch/arm64/include/asm/io.h:165-172' },
    memremap_wb: { memType: 'Normal-WB', writeCombining: false, cite: 'kernel/iomem.c:15-41' },
    memremap_wt: { memType: 'Device-nGnRE (ioremap_wt = ioremap)', writeCombining: false, plainAccess: DEVICE_PLAIN, cite: 'kernel/iomem.c:112-113' },
    memremap_wc: { memType: 'Normal-NC', writeCombining: true, cite: 'kernel/iomem.c:115-116' },
    pgprot_noncached: { memType: 'Device-nGnRnE', writeCombining: false, plainAccess: DEVICE_PLAIN, cite: 'arch/arm64/include/asm/pgtable.h:561-562' },
    pgprot_writecombine: { memType: 'Normal-NC', writeCombining: true, cite: 'arch/arm64/include/asm/pgtable.h:563-564' },
    pgprot_device: { memType: 'Device-nGnRE', writeCombining: false, plainAccess: DEVICE_PLAIN, cite: 'arch/arm64/include/asm/pgtable.h:565-566' },
    sysfs_resource_wc: { memType: 'Normal-NC', writeCombining: true, cite: 'drivers/pci/mmap.c:33-34; arch/arm64/include/asm/pgtable.h:563-564' },
    ioport: { memType: 'Device-nGnRE (PCI I/O window)', writeCombining: false, plainAccess: DEVICE_PLAIN, cite: 'drivers/pci/pci.c:4234-4235' },
  },
  unlock: { instr: 'store-release (stlr)', provides: { 'mmiow-unlock': RELEASE, 'wc-next': { level: 'yes', why: 'the store-release orders earlier Normal-NC stores before the lock is released' } }, cite: 'include/asm-generic/qspinlock.h; arch/arm64 does not select ARCH_HAS_MMIOWB' },
  lock: { instr: 'ldaxr/stxr or casa (acquire)', provides: {}, cite: 'include/asm-generic/qspinlock.h:107-114; arch/arm64/include/asm/atomic_lse.h' },
  wcReadAfterWrite: { why: 'Normal-NC accesses to different addresses are not ordered with each other, and a load of an address just stored may be satisfied from the store buffer without a device access', cite: 'arch/arm64/include/asm/io.h:147-148 (MT_NORMAL_NC); Arm ARM B2.3 (not in tree)' },
  addressDependency: { why: 'the Arm architecture orders a load after an earlier load its address depends on (dependency-ordered-before), without a barrier', cite: 'tools/memory-model/Documentation/explanation.txt:1062-1069; Documentation/memory-barriers.txt:227-240; Arm ARM B2.3.3 (not in tree)' },
  opaqueCall: { provides: {} },
  scalarCopy: {
    maxBytes: 8,
    why: 'GCC 12 folds memcpy() of a constant 1, 2, 4 or 8 bytes into one load and one store of that width (gimple_fold_builtin_memory_op; checked with the kernel flags, -O2 and -Os, KASAN-instrumented files too); the kernel keeps the memcpy builtin (arm64 adds -mgeneral-regs-only, no -mstrict-align: arch/arm64/Makefile:39; aarch64 GCC takes unaligned integer accesses). Not in a file KASAN leaves uninstrumented nor in a KASAN build with FORTIFY_SOURCE',
    cite: 'arch/arm64/Makefile:39; Makefile:1096; arch/arm64/include/asm/string.h:50-62; include/linux/fortify-string.h:33-59',
  },
};
