// x86_64 I/O memory model as Linux 6.1 implements it: TSO hardware, accessors that differ only in the compiler barrier.
import type { ArchProfile, BarrierFact, OrderFact } from './types';

const TSO: OrderFact = { level: 'yes', why: 'x86 is TSO: stores leave the CPU in program order, and this is a compiler barrier' };
const DRAIN: OrderFact = { level: 'yes', why: 'the fence drains the write-combining buffers (Intel SDM 11.3.1)' };
const compilerOnly = (instr: string, cite: string): BarrierFact => ({
  instr, compilerBarrier: true, provides: { 'store-mmiow': TSO }, cite,
  lacks: { 'wc-next': `${instr} emits no fence, so write-combining buffers are not drained`, 'mmiow-unlock': 'x86 needs nothing here' },
});
const noop = (instr: string, cite: string): BarrierFact => ({
  instr, compilerBarrier: false, provides: {}, cite,
  lacks: { 'store-mmiow': `${instr} is not even a compiler barrier on x86`, 'wc-next': `${instr} emits nothing on x86` },
});
const full = (instr: string, cite: string): BarrierFact => ({ instr, compilerBarrier: true, provides: { 'store-mmiow': TSO, 'wc-next': DRAIN }, cite });

const IO_H = 'arch/x86/include/asm/io.h:49-93';
const FENCE_CITE = 'dpdk lib/eal/include/rte_stdatomic.h (rte_atomic_thread_fence = __atomic_thread_fence); GCC gcc/config/i386/sync.md (mem_thread_fence: mfence for seq_cst, nothing otherwise); DPDK lib/eal/x86/include/rte_atomic.h uses rte_smp_mb() for seq_cst';
/** UC/UC- performs each access as issued: an aligned scalar access works (API misuse without effect); copies do not. */
const UC_PLAIN = { hazard: 'memcpy()/memset() choose their own access widths (rep movsb/movsq, byte or quadword, in any order) and uncached memory performs each as issued, not at the registers\' widths', cite: 'arch/x86/lib/memcpy_64.S:30-60; Documentation/driver-api/device-io.rst:62-66' };
const PORT_DRAIN: OrderFact = { level: 'hw', why: 'an I/O instruction (in/out) waits for buffered writes, write-combined ones included, to drain before it executes (Intel SDM Vol. 3A 8.2.5 and 11.3.1; the kernel API does not promise it)' };
const LOCKED: OrderFact = { level: 'yes', why: 'a LOCK-prefixed instruction drains the write-combining buffers (Intel SDM 11.3.1)' };
const UC_DRAIN: OrderFact = { level: 'hw', why: 'an uncached access evicts the write-combining buffers (Intel SDM 11.3.1; the kernel API does not promise it)' };

export const x86_64: ArchProfile = {
  arch: 'x86_64',
  barriers: {
    mb: full('mfence', 'arch/x86/include/asm/barrier.h:22'),
    wmb: full('sfence', 'arch/x86/include/asm/barrier.h:24'),
    rmb: { ...compilerOnly('lfence', 'arch/x86/include/asm/barrier.h:23'), instr: 'lfence' },
    dma_mb: full('mfence', 'include/asm-generic/barrier.h:72-74'),
    dma_wmb: compilerOnly('barrier() (compiler only)', 'arch/x86/include/asm/barrier.h:55'),
    dma_rmb: compilerOnly('barrier() (compiler only)', 'arch/x86/include/asm/barrier.h:54'),
    smp_wmb: compilerOnly('barrier() (compiler only)', 'arch/x86/include/asm/barrier.h:60'),
    smp_rmb: compilerOnly('barrier() (compiler only)', 'arch/x86/include/asm/barrier.h:59'),
    smp_mb: full('lock; addl $0,-4(%rsp)', 'arch/x86/include/asm/barrier.h:57'),
    smp_mb__before_atomic: compilerOnly('barrier() (compiler only)', 'arch/x86/include/asm/barrier.h:84-85'),
    smp_mb__after_atomic: compilerOnly('barrier() (compiler only)', 'arch/x86/include/asm/barrier.h:84-85'),
    barrier: compilerOnly('compiler barrier', 'include/linux/compiler.h:80'),
    slow_down_io: compilerOnly(
      'io_delay: a pv_ops call with a "memory" clobber (CONFIG_PARAVIRT) or a call of the out-of-line native_io_delay()',
      'arch/x86/include/asm/io.h:234-256; arch/x86/include/asm/paravirt.h:53-60; arch/x86/kernel/io_delay.c:38-62',
    ),
    io_stop_wc: noop('nothing (generic no-op)', 'include/asm-generic/barrier.h:288-297'),
    mmiowb: noop('nothing (x86 does not select ARCH_HAS_MMIOWB)', 'include/asm-generic/mmiowb.h:1-65'),
    udma_to_device_barrier: compilerOnly('compiler barrier (rdma-core)', 'rdma-core util/udma_barrier.h'),
    udma_from_device_barrier: compilerOnly('lfence (rdma-core)', 'rdma-core util/udma_barrier.h'),
    udma_ordering_write_barrier: compilerOnly('compiler barrier (rdma-core)', 'rdma-core util/udma_barrier.h'),
    mmio_flush_writes: full('sfence (rdma-core)', 'rdma-core util/udma_barrier.h'),
    mmio_wc_start: full('sfence (rdma-core)', 'rdma-core util/udma_barrier.h (mmio_wc_start() is #defined to mmio_flush_writes())'),
    mmio_wc_spinlock: { ...full('the lock\'s locked instruction (rdma-core: "for x86 the serialization within the spin lock is enough")', 'rdma-core util/udma_barrier.h: mmio_wc_spinlock() is pthread_spin_lock(), then mmio_wc_start() except on x86'), provides: { 'store-mmiow': TSO, 'wc-next': LOCKED } },
    rte_mb: full('mfence (DPDK)', 'dpdk lib/eal/x86/include/rte_atomic.h'),
    rte_wmb: full('sfence (DPDK)', 'dpdk lib/eal/x86/include/rte_atomic.h'),
    rte_rmb: compilerOnly('lfence (DPDK)', 'dpdk lib/eal/x86/include/rte_atomic.h'),
    rte_io_wmb: compilerOnly('compiler barrier (DPDK)', 'dpdk lib/eal/x86/include/rte_atomic.h'),
    rte_io_rmb: compilerOnly('compiler barrier (DPDK)', 'dpdk lib/eal/x86/include/rte_atomic.h'),
    rte_io_mb: full('mfence (DPDK)', 'dpdk lib/eal/x86/include/rte_atomic.h'),
    rte_smp_wmb: compilerOnly('compiler barrier (DPDK)', 'dpdk lib/eal/x86/include/rte_atomic.h'),
    rte_smp_rmb: compilerOnly('compiler barrier (DPDK)', 'dpdk lib/eal/x86/include/rte_atomic.h'),
    rte_smp_mb: full('lock addl (DPDK)', 'dpdk lib/eal/x86/include/rte_atomic.h'),
    rte_cio_wmb: compilerOnly('compiler barrier (DPDK)', 'dpdk lib/eal/x86/include/rte_atomic.h'),
    rte_compiler_barrier: compilerOnly('compiler barrier (DPDK)', 'dpdk lib/eal/include/generic/rte_atomic.h'),
    thread_fence_acquire: compilerOnly('compiler barrier', FENCE_CITE),
    thread_fence_release: compilerOnly('compiler barrier', FENCE_CITE),
    thread_fence_acq_rel: compilerOnly('compiler barrier', FENCE_CITE),
    thread_fence_seq_cst: full('mfence (GCC) or lock addl (DPDK: rte_smp_mb())', FENCE_CITE),
  },
  accessors: {
    ordered: {
      read: { instr: 'mov with a "memory" clobber', compilerBarrier: true, provides: { 'store-mmiow': TSO, 'wc-next': UC_DRAIN }, trackedForUnlock: false, cite: IO_H },
      write: { instr: 'mov with a "memory" clobber', compilerBarrier: true, provides: { 'store-mmiow': TSO, 'wc-next': UC_DRAIN }, trackedForUnlock: false, cite: IO_H },
    },
    relaxed: {
      read: { instr: 'mov without a "memory" clobber', compilerBarrier: false, provides: { 'wc-next': UC_DRAIN }, trackedForUnlock: false, cite: IO_H },
      write: { instr: 'mov without a "memory" clobber', compilerBarrier: false, provides: { 'wc-next': UC_DRAIN }, trackedForUnlock: false, cite: IO_H },
    },
    raw: {
      read: { instr: 'mov without a "memory" clobber', compilerBarrier: false, provides: { 'wc-next': UC_DRAIN }, trackedForUnlock: false, cite: IO_H },
      write: { instr: 'mov without a "memory" clobber', compilerBarrier: false, provides: { 'wc-next': UC_DRAIN }, trackedForUnlock: false, cite: IO_H },
    },
    string: {
      read: { instr: '__raw_readl loop (out of line, lib/iomap.c)', compilerBarrier: true, provides: { 'store-mmiow': TSO, 'wc-next': UC_DRAIN }, trackedForUnlock: false, cite: 'lib/iomap.c:326-357' },
      write: { instr: '__raw_writel loop (out of line, lib/iomap.c)', compilerBarrier: true, provides: { 'store-mmiow': TSO, 'wc-next': UC_DRAIN }, trackedForUnlock: false, cite: 'lib/iomap.c:372-398' },
    },
    toio: {
      read: { instr: 'rep movs (out of line)', compilerBarrier: true, provides: { 'store-mmiow': TSO, 'wc-next': UC_DRAIN }, trackedForUnlock: false, cite: 'arch/x86/lib/iomem.c:6-126' },
      write: { instr: 'rep movs (out of line)', compilerBarrier: true, provides: { 'store-mmiow': TSO, 'wc-next': UC_DRAIN }, trackedForUnlock: false, cite: 'arch/x86/lib/iomem.c:6-126' },
    },
    copy: {
      read: { instr: '__raw_readl loop (out of line)', compilerBarrier: true, provides: { 'store-mmiow': TSO }, trackedForUnlock: false, cite: 'lib/iomap_copy.c:53-62' },
      write: { instr: 'rep movsl / __raw_writeq loop (out of line)', compilerBarrier: true, provides: { 'store-mmiow': TSO }, trackedForUnlock: false, cite: 'arch/x86/lib/iomap_copy_64.S:11-15; lib/iomap_copy.c:63-77' },
    },
    volatile: {
      read: { instr: 'a plain volatile load (mov)', compilerBarrier: false, provides: { 'wc-next': UC_DRAIN }, trackedForUnlock: false, cite: 'dpdk lib/eal/include/generic/rte_io.h; rdma-core util/mmio.h' },
      write: { instr: 'a plain volatile store (mov)', compilerBarrier: false, provides: { 'wc-next': UC_DRAIN }, trackedForUnlock: false, cite: 'dpdk lib/eal/include/generic/rte_io.h; rdma-core util/mmio.h' },
    },
    port: {
      read: { instr: 'in without a "memory" clobber', compilerBarrier: false, provides: { 'wc-next': PORT_DRAIN }, trackedForUnlock: false, volatileAsm: true, cite: 'arch/x86/include/asm/shared/io.h:7-32' },
      write: { instr: 'out without a "memory" clobber', compilerBarrier: false, provides: { 'wc-next': PORT_DRAIN }, trackedForUnlock: false, volatileAsm: true, cite: 'arch/x86/include/asm/shared/io.h:7-32' },
    },
  },
  mappings: {
    ioremap: { memType: 'UC-', writeCombining: false, plainAccess: UC_PLAIN, note: 'kept UC- so an MTRR WC range still applies', cite: 'arch/x86/mm/ioremap.c:338-353' },
    ioremap_uc: { memType: 'UC', writeCombining: false, plainAccess: UC_PLAIN, cite: 'arch/x86/mm/ioremap.c:355-386' },
    ioremap_wc: { memType: 'WC', writeCombining: true, note: 'UC- when PAT is off (nopat or no PAT): WC then only through an MTRR', cite: 'arch/x86/mm/ioremap.c:388-403; arch/x86/mm/pat/memtype.c:277-327' },
    ioremap_wt: { memType: 'WT', writeCombining: false, cite: 'arch/x86/mm/ioremap.c:405-420' },
    ioremap_np: { memType: 'none', writeCombining: false, returnsNull: true, cite: 'include/asm-generic/io.h:1144-1159' },
    ioremap_cache: { memType: 'WB', writeCombining: false, cite: 'arch/x86/mm/ioremap.c:429-434' },
    memremap_wb: { memType: 'WB (direct map if RAM)', writeCombining: false, cite: 'kernel/iomem.c:15-41, 86-98' },
    memremap_wt: { memType: 'WT', writeCombining: false, cite: 'kernel/iomem.c:112-113' },
    memremap_wc: { memType: 'WC', writeCombining: true, cite: 'kernel/iomem.c:115-116' },
    pgprot_noncached: { memType: 'UC-', writeCombining: false, plainAccess: UC_PLAIN, cite: 'arch/x86/include/asm/pgtable.h:12-16' },
    pgprot_writecombine: { memType: 'WC (PAT)', writeCombining: true, cite: 'arch/x86/mm/pat/memtype.c:1157-1162' },
    pgprot_device: { memType: 'UC-', writeCombining: false, plainAccess: UC_PLAIN, cite: 'include/linux/pgtable.h:994-996' },
    sysfs_resource_wc: { memType: 'WC (PAT; without PAT the kernel makes no resourceN_wc file)', writeCombining: true, cite: 'drivers/pci/mmap.c:33-34; drivers/pci/pci-sysfs.c:1284-1286; arch/x86/include/asm/pci.h:97' },
    ioport: { memType: 'port I/O', writeCombining: false, cite: 'lib/iomap.c:52-62' },
  },
  unlock: { instr: 'plain release store (not a locked instruction)', provides: { 'mmiow-unlock': { level: 'yes', why: 'uncached stores are not reordered with the later store that releases the lock' } }, lacks: { 'wc-next': 'the release is a plain store, not a locked instruction, so it does not drain write-combining buffers' }, cite: 'arch/x86/include/asm/qspinlock.h:39-47' },
  lock: {
    instr: 'LOCK cmpxchg (queued_spin_lock: atomic_try_cmpxchg_acquire)',
    provides: {
      'wc-next': { level: 'hw', why: 'taking the spinlock is a LOCK-prefixed cmpxchg, and a locked instruction drains the write-combining buffers (Intel SDM 11.3.1; the kernel API does not promise it)' },
      'store-mmiow': { level: 'yes', why: 'x86 is TSO, and taking the lock is a call to an out-of-line function (x86 selects no ARCH_INLINE_SPIN_LOCK*), so the compiler cannot move earlier stores after it' },
    },
    cite: 'include/asm-generic/qspinlock.h:107-114; arch/x86/include/asm/cmpxchg.h:222; kernel/Kconfig.locks:120-134; kernel/locking/spinlock.c:151-181',
  },
  wcReadAfterWrite: { why: 'a load from WC memory is neither serialising nor uncached, so it does not evict the write-combining buffers and may be performed before their contents reach the device', cite: 'Intel SDM Vol. 3A 11.3.1 (not in tree); io-semantics.md §d' },
  addressDependency: { why: 'TSO: loads are performed in program order, and the compiler cannot issue a load before the value its address is computed from is known', cite: 'tools/memory-model/Documentation/explanation.txt:1062-1069; Documentation/memory-barriers.txt:227-240; arch/x86/include/asm/barrier.h:54 (__dma_rmb is barrier(): the hardware keeps loads in order)' },
  opaqueCall: { provides: { 'store-mmiow': TSO } },
  outOfLineCopies: {
    calls: ['memcpy', 'memset'],
    why: 'x86_64 has its own out-of-line memcpy()/memset() (__HAVE_ARCH_MEMCPY/MEMSET); a size known only at run time makes the compiler call them (with FORTIFY_SOURCE too: __underlying_memcpy/memset are the builtins)',
    cite: 'arch/x86/include/asm/string_64.h:10-34; include/linux/fortify-string.h:56-59',
  },
  tso: true,
  scalarCopy: {
    maxBytes: 8,
    why: 'GCC 12 folds memcpy() of a constant 1, 2, 4 or 8 bytes into one load and one store of that width (gimple_fold_builtin_memory_op; checked with the kernel flags, -O2 and -Os, KASAN-instrumented files too); the kernel keeps the memcpy builtin (no -ffreestanding on x86_64: arch/x86/Makefile:111-112 is the 32-bit branch; only -fno-builtin-wcslen, Makefile:1096). Not in a file KASAN leaves uninstrumented (memcpy is then __memcpy) nor in a KASAN build with FORTIFY_SOURCE (the renamed __underlying_memcpy)',
    cite: 'arch/x86/Makefile:111-112; Makefile:1096; arch/x86/include/asm/string_64.h:17-24, 87-97; include/linux/fortify-string.h:33-59',
  },
};
