// riscv64 I/O memory model as Linux 6.1 implements it: fence-based accessors, relaxed forms untracked by mmiowb.
import type { AccessorFact, ArchProfile, BarrierFact, OrderFact, ScalarHazard } from './types';

const FENCE_OW: OrderFact = { level: 'yes', why: 'fence ow,ow orders earlier memory and I/O writes before later ones' };
const FENCE_IORW: OrderFact = { level: 'yes', why: 'fence iorw,iorw orders all earlier accesses before all later ones' };
const bar = (instr: string, cite: string, provides: BarrierFact['provides'], lacks: BarrierFact['lacks'] = {}): BarrierFact => ({ instr, compilerBarrier: true, provides, lacks, cite });
const NO_IO = (instr: string) => `${instr} has no I/O (o) in its sets, so it does not order MMIO`;
const BARRIER_H = 'arch/riscv/include/asm/barrier.h';
const MMIO_H = 'arch/riscv/include/asm/mmio.h';
const FENCE_CITE = 'dpdk lib/eal/include/rte_stdatomic.h (rte_atomic_thread_fence = __atomic_thread_fence); GCC gcc/config/riscv/sync.md (mem_thread_fence: fence r,rw / rw,w / fence.tso / rw,rw by order)';
const plain = (instr: string, cite: string): AccessorFact => ({ instr, compilerBarrier: false, provides: {}, trackedForUnlock: false, cite });
const FENCE_WO: OrderFact = { level: 'yes', why: 'writeX starts with fence w,o: earlier memory writes are ordered before the MMIO write' };

const IO_COPY = { hazard: 'the mapping is IO memory (no WC or cacheable type in 6.1), where the misaligned or wider-than-register accesses of memcpy()/memset() may fault', cite: 'include/asm-generic/io.h:1121-1123; kernel/iomem.c:7-13; arch/riscv/include/asm/pgtable-64.h:81-91' };
/** IO regions take aligned register-width accesses; a misaligned one may fault (the platform PMA decides). */
const IO_PLAIN = {
  hazard: 'I/O regions may fault on the misaligned or wider-than-register accesses of memcpy()/memset()', cite: 'arch/riscv/include/asm/pgtable-64.h:81-91 (IO: non-idempotent, strongly ordered; the platform PMA decides the rest)',
  scalar: { when: 'unaligned', hazard: 'may be misaligned (a member of a packed struct), and I/O regions may fault on misaligned accesses', cite: 'arch/riscv/include/asm/pgtable-64.h:81-91' } as ScalarHazard,
};
export const riscv64: ArchProfile = {
  arch: 'riscv64',
  barriers: {
    mb: bar('fence iorw,iorw', `${BARRIER_H}:22-25`, { 'store-mmiow': FENCE_IORW, 'wc-next': FENCE_IORW, 'mmiow-unlock': FENCE_IORW }),
    wmb: bar('fence ow,ow', `${BARRIER_H}:22-25`, { 'store-mmiow': FENCE_OW, 'wc-next': FENCE_OW, 'mmiow-unlock': FENCE_OW }),
    rmb: bar('fence ir,ir', `${BARRIER_H}:22-25`, {}, { 'store-mmiow': 'fence ir,ir orders reads only', 'wc-next': 'fence ir,ir orders reads only' }),
    dma_mb: bar('fence iorw,iorw (= mb)', 'include/asm-generic/barrier.h:72-82', { 'store-mmiow': FENCE_IORW, 'wc-next': FENCE_IORW, 'mmiow-unlock': FENCE_IORW }),
    dma_wmb: bar('fence ow,ow (= wmb)', 'include/asm-generic/barrier.h:72-82', { 'store-mmiow': FENCE_OW, 'wc-next': FENCE_OW, 'mmiow-unlock': FENCE_OW }),
    dma_rmb: bar('fence ir,ir (= rmb)', 'include/asm-generic/barrier.h:72-82', {}, { 'store-mmiow': 'orders reads only' }),
    smp_mb: bar('fence rw,rw', `${BARRIER_H}:27-30`, {}, { 'store-mmiow': NO_IO('fence rw,rw'), 'mmiow-unlock': NO_IO('fence rw,rw') }),
    smp_wmb: bar('fence w,w', `${BARRIER_H}:27-30`, {}, { 'store-mmiow': NO_IO('fence w,w'), 'mmiow-unlock': NO_IO('fence w,w') }),
    smp_rmb: bar('fence r,r', `${BARRIER_H}:27-30`, {}, { 'store-mmiow': NO_IO('fence r,r') }),
    smp_mb__before_atomic: bar('fence rw,rw', `${BARRIER_H}:27-30`, {}, { 'store-mmiow': NO_IO('fence rw,rw') }),
    smp_mb__after_atomic: bar('fence rw,rw', `${BARRIER_H}:27-30`, {}, { 'store-mmiow': NO_IO('fence rw,rw') }),
    smp_mb__after_spinlock: bar('fence iorw,iorw', `${BARRIER_H}:47-72`, { 'store-mmiow': FENCE_IORW, 'mmiow-unlock': FENCE_IORW }),
    barrier: bar('compiler barrier only', 'include/linux/compiler.h:80', {}, { 'store-mmiow': 'emits no instruction', 'mmiow-unlock': 'emits no instruction', 'wc-next': 'emits no instruction' }),
    io_stop_wc: bar('nothing (generic no-op)', 'include/asm-generic/barrier.h:288-297', {}, { 'wc-next': 'a no-op on riscv64' }),
    mmiowb: bar('fence o,w', 'arch/riscv/include/asm/mmiowb.h:1-13', { 'mmiow-unlock': { level: 'yes', why: 'fence o,w completes device writes before the lock store' } }),
    udma_to_device_barrier: bar('fence ow,ow (rdma-core)', 'rdma-core util/udma_barrier.h', { 'store-mmiow': FENCE_OW }),
    udma_from_device_barrier: bar('fence ir,ir (rdma-core)', 'rdma-core util/udma_barrier.h', {}),
    udma_ordering_write_barrier: bar('fence w,w (rdma-core)', 'rdma-core util/udma_barrier.h', {}),
    mmio_flush_writes: bar('fence ow,ow (rdma-core)', 'rdma-core util/udma_barrier.h', { 'store-mmiow': FENCE_OW, 'wc-next': FENCE_OW, 'mmiow-unlock': FENCE_OW }),
    mmio_wc_start: bar('fence ow,ow (rdma-core)', 'rdma-core util/udma_barrier.h (mmio_wc_start() is #defined to mmio_flush_writes())', { 'store-mmiow': FENCE_OW, 'wc-next': FENCE_OW, 'mmiow-unlock': FENCE_OW }),
    mmio_wc_spinlock: bar('fence ow,ow after taking the lock (rdma-core)', 'rdma-core util/udma_barrier.h: mmio_wc_spinlock() is pthread_spin_lock(), then mmio_wc_start() except on x86', { 'store-mmiow': FENCE_OW, 'wc-next': FENCE_OW, 'mmiow-unlock': FENCE_OW }),
    rte_mb: bar('fence iorw,iorw (DPDK)', 'dpdk lib/eal/riscv/include/rte_atomic.h', { 'store-mmiow': FENCE_IORW, 'wc-next': FENCE_IORW }),
    rte_wmb: bar('fence ow,ow (DPDK)', 'dpdk lib/eal/riscv/include/rte_atomic.h', { 'store-mmiow': FENCE_OW, 'wc-next': FENCE_OW }),
    rte_rmb: bar('fence ir,ir (DPDK)', 'dpdk lib/eal/riscv/include/rte_atomic.h', {}),
    rte_io_wmb: bar('fence ow,ow (DPDK)', 'dpdk lib/eal/riscv/include/rte_atomic.h', { 'store-mmiow': FENCE_OW, 'wc-next': FENCE_OW }),
    rte_io_rmb: bar('fence ir,ir (DPDK)', 'dpdk lib/eal/riscv/include/rte_atomic.h', {}),
    rte_io_mb: bar('fence iorw,iorw (DPDK)', 'dpdk lib/eal/riscv/include/rte_atomic.h', { 'store-mmiow': FENCE_IORW, 'wc-next': FENCE_IORW }),
    rte_cio_wmb: bar('fence ow,ow (DPDK)', 'dpdk lib/eal/riscv/include/rte_atomic.h', { 'store-mmiow': FENCE_OW }),
    rte_smp_wmb: bar('fence w,w (DPDK)', 'dpdk lib/eal/riscv/include/rte_atomic.h', {}, { 'store-mmiow': NO_IO('fence w,w') }),
    rte_smp_rmb: bar('fence r,r (DPDK)', 'dpdk lib/eal/riscv/include/rte_atomic.h', {}),
    rte_smp_mb: bar('fence rw,rw (DPDK)', 'dpdk lib/eal/riscv/include/rte_atomic.h', {}, { 'store-mmiow': NO_IO('fence rw,rw') }),
    rte_compiler_barrier: bar('compiler barrier (DPDK)', 'dpdk lib/eal/include/generic/rte_atomic.h', {}),
    thread_fence_acquire: bar('fence r,rw', FENCE_CITE, {}, { 'store-mmiow': NO_IO('fence r,rw') }),
    thread_fence_release: bar('fence rw,w', FENCE_CITE, {}, { 'store-mmiow': NO_IO('fence rw,w'), 'mmiow-unlock': NO_IO('fence rw,w') }),
    thread_fence_acq_rel: bar('fence.tso', FENCE_CITE, {}, { 'store-mmiow': NO_IO('fence.tso'), 'mmiow-unlock': NO_IO('fence.tso') }),
    thread_fence_seq_cst: bar('fence rw,rw', FENCE_CITE, {}, { 'store-mmiow': NO_IO('fence rw,rw'), 'mmiow-unlock': NO_IO('fence rw,rw') }),
  },
  accessors: {
    ordered: {
      read: { instr: 'lw; fence i,ir', compilerBarrier: true, provides: {}, trackedForUnlock: false, cite: `${MMIO_H}:127-149` },
      write: { instr: 'fence w,o; sw + mmiowb pending', compilerBarrier: true, provides: { 'store-mmiow': FENCE_WO, 'wc-next': FENCE_WO }, trackedForUnlock: true, cite: `${MMIO_H}:127-149` },
    },
    relaxed: { read: plain('lw (no fence)', `${MMIO_H}:100-125`), write: plain('sw (no fence, not mmiowb-tracked)', `${MMIO_H}:100-125`) },
    raw: { read: plain('lw', `${MMIO_H}:17-80`), write: plain('sw (not mmiowb-tracked)', `${MMIO_H}:17-80`) },
    string: {
      // readsX/writesX bracket a __raw loop with readX/writeX's own __io_br/__io_ar and __io_bw/__io_aw; ioreadX_rep and
      // iowriteX_rep are readsX/writesX (riscv does not select GENERIC_IOMAP). The `fence io,i ... fence o,io` pair is insX/outsX's.
      read: { instr: 'lw loop; fence i,ir', compilerBarrier: true, provides: {}, trackedForUnlock: false, cite: `arch/riscv/include/asm/io.h:61-76, 94-99; ${MMIO_H}:133-134; include/asm-generic/io.h:945-1001` },
      write: { instr: 'fence w,o; sw loop + mmiowb pending', compilerBarrier: true, provides: { 'store-mmiow': FENCE_WO, 'wc-next': FENCE_WO }, trackedForUnlock: true, cite: `arch/riscv/include/asm/io.h:78-92, 108-113; ${MMIO_H}:135-136; include/asm-generic/io.h:1003-1010` },
    },
    toio: { read: plain('plain memcpy (no fences)', 'include/asm-generic/io.h:1206-1256'), write: plain('plain memcpy (no fences, not mmiowb-tracked)', 'include/asm-generic/io.h:1206-1256') },
    copy: { read: plain('__raw_readl loop', 'lib/iomap_copy.c:53-62'), write: plain('__raw_writeq loop (not mmiowb-tracked)', 'lib/iomap_copy.c:63-77') },
    volatile: { read: plain('a plain volatile load (lb/lh/lw/ld)', 'dpdk lib/eal/include/generic/rte_io.h; rdma-core util/mmio.h'), write: plain('a plain volatile store (sb/sh/sw/sd)', 'dpdk lib/eal/include/generic/rte_io.h; rdma-core util/mmio.h') },
    port: {
      read: { instr: 'fence io,i; lw; fence i,ior', compilerBarrier: true, provides: {}, trackedForUnlock: false, cite: 'arch/riscv/include/asm/io.h:33-53' },
      write: { instr: 'fence iow,o; sw; fence o,io', compilerBarrier: true, provides: { 'store-mmiow': FENCE_WO, 'mmiow-unlock': { level: 'yes', why: 'outX ends with fence o,io' } }, trackedForUnlock: false, cite: 'arch/riscv/include/asm/io.h:33-53' },
    },
  },
  mappings: {
    ioremap: { memType: 'IO (Svpbmt) / platform PMA', writeCombining: false, plainAccess: IO_PLAIN, cite: 'arch/riscv/include/asm/pgtable.h:187-188' },
    ioremap_uc: { memType: 'none', writeCombining: false, returnsNull: true, cite: 'include/asm-generic/io.h:1129-1142' },
    ioremap_wc: { memType: 'IO (riscv 6.1 has no ioremap_wc: #define ioremap_wc ioremap)', writeCombining: false, plainAccess: IO_COPY, note: 'no write combining at all on riscv 6.1', cite: 'include/asm-generic/io.h:1121-1123' },
    ioremap_wt: { memType: 'IO (= ioremap)', writeCombining: false, plainAccess: IO_PLAIN, cite: 'include/asm-generic/io.h:1125-1127' },
    ioremap_np: { memType: 'none', writeCombining: false, returnsNull: true, cite: 'include/asm-generic/io.h:1144-1159' },
    ioremap_cache: { memType: 'IO (weak fallback = ioremap)', writeCombining: false, plainAccess: IO_COPY, cite: 'kernel/iomem.c:7-13' },
    memremap_wb: { memType: 'cacheable (ioremap_prot(_PAGE_KERNEL))', writeCombining: false, cite: 'arch/riscv/include/asm/io.h:138-141' },
    memremap_wt: { memType: 'IO (ioremap_wt = ioremap)', writeCombining: false, plainAccess: IO_PLAIN, cite: 'kernel/iomem.c:112-113' },
    memremap_wc: { memType: 'IO (ioremap_wc = ioremap)', writeCombining: false, plainAccess: IO_COPY, cite: 'kernel/iomem.c:115-116' },
    pgprot_noncached: { memType: 'IO (_PAGE_IO)', writeCombining: false, plainAccess: IO_PLAIN, cite: 'arch/riscv/include/asm/pgtable.h:536-545' },
    pgprot_writecombine: { memType: 'NC (Svpbmt, weakly ordered main memory)', writeCombining: true, cite: 'arch/riscv/include/asm/pgtable.h:547-556' },
    pgprot_device: { memType: 'IO (= pgprot_noncached)', writeCombining: false, plainAccess: IO_PLAIN, cite: 'include/linux/pgtable.h:994-996' },
    sysfs_resource_wc: { memType: 'none (riscv 6.1 makes no resourceN_wc file: arch_can_pci_mmap_wc() is 0)', writeCombining: false, returnsNull: true, cite: 'drivers/pci/pci-sysfs.c:1284-1286; include/linux/pci.h:2006' },
    ioport: { memType: 'IO', writeCombining: false, plainAccess: IO_PLAIN, cite: 'arch/riscv/include/asm/io.h:33-53' },
  },
  unlock: { instr: 'fence rw,w; store (+ fence o,w when an mmiowb is pending)', provides: { 'wc-next': { level: 'yes', why: 'NC memory is main memory, ordered by the release fence rw,w' } }, cite: 'include/asm-generic/spinlock.h:63-69; arch/riscv/include/asm/mmiowb.h:1-13' },
  lock: { instr: 'ticket lock: atomic_fetch_add (amoadd; fence rw,rw has no I/O set)', provides: {}, cite: 'include/asm-generic/spinlock.h:33-45; arch/riscv/include/asm/Kbuild:6' },
  wcReadAfterWrite: { why: 'NC memory (Svpbmt) is weakly ordered main-memory-like: a load may be performed before earlier stores to other addresses unless a fence stands between', cite: 'arch/riscv/include/asm/pgtable-64.h:81-91' },
  addressDependency: { why: 'RVWMO preserved program order rule 9: a load is ordered after an earlier load its address depends on', cite: 'tools/memory-model/Documentation/explanation.txt:1062-1069; Documentation/memory-barriers.txt:227-240; RISC-V unprivileged ISA, RVWMO PPO rule 9 (not in tree)' },
  opaqueCall: { provides: {} },
  // No scalarCopy: riscv64 builds with -mstrict-align (arch/riscv/Makefile:102-106), so GCC 12 moves a small memcpy()
  // byte by byte (lbu/sb) unless it can prove the pointer aligned, which a pointer read from memory never is.
};
