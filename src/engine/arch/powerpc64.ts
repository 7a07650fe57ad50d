// powerpc64 (Book3S-64) I/O memory model as Linux 6.1 implements it: sync-bracketed accessors, lwsync, mmiowb at unlock.
import type { AccessorFact, ArchProfile, BarrierFact, OrderFact, ScalarHazard } from './types';

const SYNC: OrderFact = { level: 'yes', why: 'sync orders all earlier storage accesses, cacheable and cache-inhibited' };
const LWSYNC = 'lwsync orders cacheable memory only; it does not order a cacheable store before a cache-inhibited MMIO store';
const bar = (instr: string, cite: string, provides: BarrierFact['provides'], lacks: BarrierFact['lacks'] = {}): BarrierFact => ({ instr, compilerBarrier: true, provides, lacks, cite });
const IO_H = 'arch/powerpc/include/asm/io.h';
const BARRIER_H = 'arch/powerpc/include/asm/barrier.h';
const FENCE_CITE = 'dpdk lib/eal/include/rte_stdatomic.h (rte_atomic_thread_fence = __atomic_thread_fence); GCC gcc/config/rs6000/sync.md (mem_thread_fence: lwsync, sync for seq_cst)';
const syncBar = (instr: string, cite: string) => bar(instr, cite, { 'store-mmiow': SYNC, 'wc-next': SYNC, 'mmiow-unlock': SYNC });
const lw = (instr: string, cite: string) => bar(instr, cite, {}, { 'store-mmiow': LWSYNC, 'wc-next': LWSYNC, 'mmiow-unlock': LWSYNC });

const ORDERED_WRITE: AccessorFact = { instr: 'sync; stw(brx) + mmiowb pending', compilerBarrier: true, provides: { 'store-mmiow': SYNC, 'wc-next': SYNC }, trackedForUnlock: true, cite: `${IO_H}:111-168, 559-583` };
const ORDERED_READ: AccessorFact = { instr: 'sync; lwz(brx); twi; isync', compilerBarrier: true, provides: { 'store-mmiow': SYNC, 'wc-next': SYNC }, trackedForUnlock: false, cite: `${IO_H}:100-229` };
const raw = (instr: string, cite: string): AccessorFact => ({ instr, compilerBarrier: false, provides: {}, trackedForUnlock: false, cite });

const CI_COPY = { hazard: 'cache-inhibited memory raises alignment interrupts for the unaligned accesses and dcbz that memcpy()/memset() use (the kernel emulates them with a warning)', cite: 'arch/powerpc/kernel/align.c:343-360; arch/powerpc/kernel/traps.c:1614-1633' };
/**
 * A multi-byte plain access on the big-endian kernel (the 6.1 default) is a big-endian lhz/lwz/ld (sth/stw/std): the
 * little-endian register arrives byte-swapped, where readw/readl/readq (writeX) use lhbrx/lwbrx (sthbrx/stwbrx, swab64).
 */
const BE_SCALAR: ScalarHazard = {
  when: 'multi-byte',
  hazard: 'is big-endian (the default kernel, arch/powerpc/platforms/Kconfig.cputype:580-582): a little-endian register or device table arrives byte-swapped, where readw()/readl()/readq() and writeX() swap it (lhbrx/lwbrx/sthbrx/stwbrx, swab64)',
  cite: `${IO_H}:174-183, 199-209, 577-578`,
  nativeWhenOnlyArch: 'a driver built for powerpc alone (Freescale/NXP SoC blocks, PS3 lv1 tables) addresses big-endian registers or native-order structures, which the plain access reads as in_be32() does',
};
const CI_PLAIN = { ...CI_COPY, scalar: BE_SCALAR };
export const powerpc64: ArchProfile = {
  arch: 'powerpc64',
  barriers: {
    mb: syncBar('sync', `${BARRIER_H}:38-40`),
    wmb: syncBar('sync', `${BARRIER_H}:38-40`),
    rmb: syncBar('sync', `${BARRIER_H}:38-40`),
    dma_mb: syncBar('sync', 'include/asm-generic/barrier.h:72-74'),
    dma_wmb: lw('lwsync', `${BARRIER_H}:43-44, 55`),
    dma_rmb: lw('lwsync', `${BARRIER_H}:54`),
    smp_mb: syncBar('sync', `${BARRIER_H}:59`),
    smp_wmb: lw('lwsync', `${BARRIER_H}:61`),
    smp_rmb: lw('lwsync', `${BARRIER_H}:60`),
    smp_mb__before_atomic: syncBar('sync', `${BARRIER_H}:59`),
    smp_mb__after_atomic: syncBar('sync', `${BARRIER_H}:59`),
    barrier: bar('compiler barrier only', 'include/linux/compiler.h:80', {}, { 'store-mmiow': 'emits no instruction', 'wc-next': 'emits no instruction', 'mmiow-unlock': 'emits no instruction' }),
    io_stop_wc: bar('nothing (generic no-op)', 'include/asm-generic/barrier.h:288-297', {}, { 'wc-next': 'a no-op on powerpc64' }),
    mmiowb: syncBar('sync', 'arch/powerpc/include/asm/mmiowb.h:5-16'),
    iobarrier_rw: bar('eieio', `${IO_H}:841-850`, {}, { 'store-mmiow': 'eieio orders two __raw MMIO accesses only, not cacheable stores', 'mmiow-unlock': 'eieio does not order against locks' }),
    iobarrier_w: bar('eieio', `${IO_H}:841-850`, {}, { 'store-mmiow': 'eieio orders two __raw MMIO accesses only, not cacheable stores', 'mmiow-unlock': 'eieio does not order against locks' }),
    udma_to_device_barrier: syncBar('sync (rdma-core)', 'rdma-core util/udma_barrier.h'),
    udma_from_device_barrier: lw('lwsync (rdma-core)', 'rdma-core util/udma_barrier.h'),
    udma_ordering_write_barrier: syncBar('sync (rdma-core)', 'rdma-core util/udma_barrier.h'),
    mmio_flush_writes: syncBar('sync (rdma-core)', 'rdma-core util/udma_barrier.h'),
    mmio_wc_start: syncBar('sync (rdma-core)', 'rdma-core util/udma_barrier.h (mmio_wc_start() is #defined to mmio_flush_writes())'),
    mmio_wc_spinlock: syncBar('sync after taking the lock (rdma-core)', 'rdma-core util/udma_barrier.h: mmio_wc_spinlock() is pthread_spin_lock(), then mmio_wc_start() except on x86'),
    rte_mb: syncBar('sync (DPDK)', 'dpdk lib/eal/ppc/include/rte_atomic.h'),
    rte_wmb: syncBar('sync (DPDK)', 'dpdk lib/eal/ppc/include/rte_atomic.h'),
    rte_rmb: syncBar('sync (DPDK)', 'dpdk lib/eal/ppc/include/rte_atomic.h'),
    rte_io_wmb: syncBar('sync (DPDK rte_wmb)', 'dpdk lib/eal/ppc/include/rte_atomic.h'),
    rte_io_rmb: syncBar('sync (DPDK rte_rmb)', 'dpdk lib/eal/ppc/include/rte_atomic.h'),
    rte_io_mb: syncBar('sync (DPDK rte_mb)', 'dpdk lib/eal/ppc/include/rte_atomic.h'),
    rte_cio_wmb: syncBar('sync (DPDK)', 'dpdk lib/eal/ppc/include/rte_atomic.h'),
    rte_smp_wmb: lw('lwsync (DPDK)', 'dpdk lib/eal/ppc/include/rte_atomic.h'),
    rte_smp_rmb: lw('lwsync (DPDK)', 'dpdk lib/eal/ppc/include/rte_atomic.h'),
    rte_smp_mb: syncBar('sync (DPDK)', 'dpdk lib/eal/ppc/include/rte_atomic.h'),
    rte_compiler_barrier: bar('compiler barrier (DPDK)', 'dpdk lib/eal/include/generic/rte_atomic.h', {}),
    thread_fence_acquire: lw('lwsync', FENCE_CITE),
    thread_fence_release: lw('lwsync', FENCE_CITE),
    thread_fence_acq_rel: lw('lwsync', FENCE_CITE),
    thread_fence_seq_cst: syncBar('sync', FENCE_CITE),
  },
  accessors: {
    ordered: { read: ORDERED_READ, write: ORDERED_WRITE },
    relaxed: {
      read: { ...ORDERED_READ, instr: 'readl (relaxed is #defined to the fully ordered form): sync; lwz(brx); twi; isync', cite: `${IO_H}:723-733` },
      write: { ...ORDERED_WRITE, instr: 'writel (relaxed is #defined to the fully ordered form): sync; stw(brx) + mmiowb pending', cite: `${IO_H}:723-733` },
    },
    raw: { read: raw('plain load, no sync', `${IO_H}:331-382`), write: raw('plain store, no sync, not mmiowb-tracked', `${IO_H}:331-382`) },
    string: {
      read: { instr: 'sync; lwz loop with eieio; twi; isync', compilerBarrier: true, provides: { 'store-mmiow': SYNC, 'wc-next': SYNC }, trackedForUnlock: false, cite: 'arch/powerpc/kernel/io.c:89-104' },
      write: { instr: 'sync; stw loop; sync', compilerBarrier: true, provides: { 'store-mmiow': SYNC, 'wc-next': SYNC, 'mmiow-unlock': SYNC }, drainsOwn: { 'wc-next': SYNC }, trackedForUnlock: false, cite: 'arch/powerpc/kernel/io.c:106-117' },
    },
    toio: {
      read: { instr: 'sync; loads with eieio', compilerBarrier: true, provides: { 'store-mmiow': SYNC, 'wc-next': SYNC }, trackedForUnlock: false, cite: 'arch/powerpc/kernel/io.c:150-179' },
      // memcpy_toio = _memcpy_toio and memset_io = _memset_io: both open and end with sync.
      write: { instr: 'sync; stores; sync', compilerBarrier: true, provides: { 'store-mmiow': SYNC, 'wc-next': SYNC, 'mmiow-unlock': SYNC }, drainsOwn: { 'wc-next': SYNC }, trackedForUnlock: false, cite: 'arch/powerpc/kernel/io.c:122-147 (_memset_io: sync at :130 and :146), 181-205 (_memcpy_toio: sync at :184 and :204); arch/powerpc/include/asm/io.h:621-624' },
    },
    copy: { read: raw('__raw_readl loop, no sync', 'lib/iomap_copy.c:53-62'), write: raw('__raw_writeq loop, no sync, not mmiowb-tracked', 'lib/iomap_copy.c:63-77') },
    volatile: { read: raw('a plain volatile load (lbz/lhz/lwz/ld, no sync)', 'dpdk lib/eal/include/generic/rte_io.h; rdma-core util/mmio.h'), write: raw('a plain volatile store (stb/sth/stw/std, no sync)', 'dpdk lib/eal/include/generic/rte_io.h; rdma-core util/mmio.h') },
    port: { read: ORDERED_READ, write: ORDERED_WRITE },
  },
  mappings: {
    ioremap: { memType: 'cache-inhibited, guarded (I=1, G=1)', writeCombining: false, plainAccess: CI_PLAIN, cite: 'arch/powerpc/mm/ioremap.c:12-21' },
    ioremap_uc: { memType: 'I=1, G=1 (= ioremap)', writeCombining: false, plainAccess: CI_PLAIN, cite: `${IO_H}:910` },
    ioremap_wc: { memType: 'cache-inhibited, not guarded (I=1, G=0: store gathering allowed)', writeCombining: true, plainAccess: CI_COPY, cite: 'arch/powerpc/mm/ioremap.c:23-32' },
    ioremap_wt: { memType: 'I=1, G=1 (= ioremap on PPC64)', writeCombining: false, plainAccess: CI_PLAIN, cite: `${IO_H}:904-907` },
    ioremap_np: { memType: 'none', writeCombining: false, returnsNull: true, cite: 'include/asm-generic/io.h:1144-1159' },
    ioremap_cache: { memType: 'cacheable (PAGE_KERNEL)', writeCombining: false, cite: `${IO_H}:911-912` },
    memremap_wb: { memType: 'cacheable', writeCombining: false, cite: 'kernel/iomem.c:15-41' },
    memremap_wt: { memType: 'I=1, G=1 (ioremap_wt = ioremap)', writeCombining: false, plainAccess: CI_PLAIN, cite: 'kernel/iomem.c:112-113' },
    memremap_wc: { memType: 'I=1, G=0', writeCombining: true, plainAccess: CI_COPY, cite: 'kernel/iomem.c:115-116' },
    pgprot_noncached: { memType: 'I=1, G=1 (_PAGE_NON_IDEMPOTENT)', writeCombining: false, plainAccess: CI_PLAIN, cite: 'arch/powerpc/include/asm/book3s/64/pgtable.h:839-844' },
    pgprot_writecombine: { memType: 'I=1, G=0 (_PAGE_TOLERANT)', writeCombining: true, plainAccess: CI_COPY, cite: 'arch/powerpc/include/asm/book3s/64/pgtable.h:859-863' },
    pgprot_device: { memType: 'I=1, G=1 (= pgprot_noncached)', writeCombining: false, plainAccess: CI_PLAIN, cite: 'include/linux/pgtable.h:994-996' },
    sysfs_resource_wc: { memType: 'I=1, G=0 (_PAGE_TOLERANT)', writeCombining: true, plainAccess: CI_COPY, cite: 'drivers/pci/mmap.c:33-34; arch/powerpc/include/asm/book3s/64/pgtable.h:859-863' },
    ioport: { memType: 'I=1, G=1', writeCombining: false, plainAccess: CI_PLAIN, cite: `${IO_H}:735-834` },
  },
  unlock: { instr: 'lwsync; store (+ sync when an mmiowb is pending)', provides: {}, lacks: { 'wc-next': 'the release is lwsync and a store, and lwsync orders only cacheable memory, not caching-inhibited stores (arch/powerpc/include/asm/barrier.h:14-37); in the kernel the sync of a pending mmiowb() follows only writeX()/iowriteX()' }, cite: 'arch/powerpc/include/asm/simple_spinlock.h:127-132; arch/powerpc/include/asm/mmiowb.h:5-16' },
  lock: { instr: 'lwarx/stwcx. loop; isync (acquire)', provides: {}, cite: 'arch/powerpc/include/asm/simple_spinlock.h:48-65, 113-130 (acquire barrier orders later accesses only)' },
  wcReadAfterWrite: { why: 'a load from non-guarded cache-inhibited memory (I=1, G=0) may be performed before earlier stores to other addresses unless a sync stands between', cite: 'arch/powerpc/mm/ioremap.c:23-32 (_PAGE_TOLERANT); Power ISA II 1.7.1 (not in tree)' },
  addressDependency: { why: 'Power orders a load after an earlier load its address depends on, without a barrier', cite: 'tools/memory-model/Documentation/explanation.txt:1062-1069; Documentation/memory-barriers.txt:227-240; Power ISA II 1.7.1 (not in tree)' },
  opaqueCall: { provides: {} },
  scalarCopy: {
    maxBytes: 8,
    why: 'GCC 12 folds memcpy() of a constant 1, 2, 4 or 8 bytes into one load and one store of that width (gimple_fold_builtin_memory_op; checked with the kernel flags, -O2 and -Os, KASAN-instrumented files too); the kernel keeps the memcpy builtin (the big-endian default, -mcpu=power4 and power9 alike: lhzx/lwzx/ldx; no -mstrict-align on BE, arch/powerpc/Makefile:77-79 only turns it off for LE). Not in a file KASAN leaves uninstrumented nor in a KASAN build with FORTIFY_SOURCE',
    cite: 'arch/powerpc/Makefile:77-79, 144; arch/powerpc/platforms/Kconfig.cputype:258; Makefile:1096; arch/powerpc/include/asm/string.h:36-46; include/linux/fortify-string.h:33-59',
  },
};
