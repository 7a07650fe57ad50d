// Orderings between accesses to coherent DMA memory (and an MMIO read before them), per architecture, as data:
// which barriers and accessors order descriptor stores before an ownership store, and a status read before later reads.
// Merged into the profiles by ./index.ts. Sources: Documentation/memory-barriers.txt:1907-1949 and the barrier headers.
import type { AccessFamily } from '../../analysis/facts';
import type { Arch, OrderFact, OrderKind } from './types';

type Kinds = Partial<Record<OrderKind, OrderFact>>;
export interface CoherentOrders {
  barriers: Record<string, Kinds>;
  /** Accessors: what the access orders for what came before it (reads: also whether a read orders itself before later loads). */
  accessors: Partial<Record<AccessFamily, { read?: Kinds; write?: Kinds }>>;
  opaqueCall: Kinds;
  /** Taking a spinlock (spin_lock*() as 6.1 implements it on the architecture). */
  lock: Kinds;
}

const y = (why: string): OrderFact => ({ level: 'yes', why });

const X86_CB = y('x86 is TSO: loads are not reordered with loads nor stores with stores; a compiler barrier is all that is needed');
const x86All: Kinds = { 'dma-st-st': X86_CB, 'ld-ld': X86_CB, 'mmior-ld': X86_CB };

const ARM_DMB_ST = y('dmb oshst orders earlier stores before later stores for the device (outer shareable)');
const ARM_DMB_LD = y('dmb oshld orders earlier loads before later loads and stores');
const ARM_DSB = y('dsb completes all earlier accesses');

const PPC_LW = y('lwsync orders cacheable loads and stores among themselves');
const PPC_SYNC = y('sync orders all storage accesses');
const PPC_LOCK = y("spin_lock()'s acquire barrier (PPC_ACQUIRE_BARRIER after lwarx/stwcx.) is an isync that Book3S-64 CPUs (CPU_FTR_LWSYNC) patch into lwsync at boot, and the queued slow path acquires with smp_rmb() (lwsync): lwsync orders cacheable loads and stores among themselves (arch/powerpc/include/asm/synch.h:56-60, arch/powerpc/include/asm/atomic.h:148-169, arch/powerpc/lib/feature-fixups.c:607-620)");

const RV_OW = y('fence ow,ow orders earlier writes before later writes');
const RV_IR = y('fence ir,ir orders earlier input and memory reads before later reads');
const RV_W = y('fence w,w orders memory writes (coherent DMA memory is main memory)');
const RV_R = y('fence r,r orders memory reads (coherent DMA memory is main memory)');
const RV_RW = y('fence rw,rw orders memory accesses');
const RV_TSO = y('fence.tso orders memory loads before later accesses and stores before later stores');
const RV_IORW = y('fence iorw,iorw orders all accesses');
const RV_AQRL = y('spin_lock() is the generic ticket lock, whose atomic_fetch_add() is amoadd.w.aqrl: release and acquire at once, so earlier memory accesses are ordered before later ones (RVWMO preserved program order rules 5-7; arch/riscv/include/asm/atomic.h:100-110, include/asm-generic/spinlock.h:33-36)');
const X86_LOCK = y('x86 is TSO, and taking the lock is a call to an out-of-line function (x86 selects no ARCH_INLINE_SPIN_LOCK*), so the compiler keeps earlier loads and stores before it (kernel/Kconfig.locks:120-134)');

export const COHERENT_ORDERS: Record<Arch, CoherentOrders> = {
  x86_64: {
    barriers: Object.fromEntries(['mb', 'wmb', 'rmb', 'dma_mb', 'dma_wmb', 'dma_rmb', 'smp_mb', 'smp_wmb', 'smp_rmb', 'barrier', 'smp_mb__before_atomic', 'smp_mb__after_atomic', 'udma_to_device_barrier', 'udma_from_device_barrier', 'udma_ordering_write_barrier', 'mmio_flush_writes', 'mmio_wc_start', 'mmio_wc_spinlock', 'rte_mb', 'rte_wmb', 'rte_rmb', 'rte_io_wmb', 'rte_io_rmb', 'rte_io_mb', 'rte_smp_wmb', 'rte_smp_rmb', 'rte_smp_mb', 'rte_cio_wmb', 'rte_cio_rmb', 'rte_compiler_barrier', 'thread_fence_acquire', 'thread_fence_release', 'thread_fence_acq_rel', 'thread_fence_seq_cst'].map((b) => [b, x86All])),
    accessors: { ordered: { read: x86All, write: x86All }, string: { read: x86All, write: x86All }, toio: { read: x86All, write: x86All }, copy: { read: x86All, write: x86All } },
    opaqueCall: x86All,
    lock: { 'dma-st-st': X86_LOCK, 'ld-ld': X86_LOCK, 'mmior-ld': X86_LOCK },
  },
  arm64: {
    barriers: {
      mb: { 'dma-st-st': ARM_DSB, 'ld-ld': ARM_DSB, 'mmior-ld': ARM_DSB },
      wmb: { 'dma-st-st': ARM_DSB },
      rmb: { 'ld-ld': ARM_DSB, 'mmior-ld': ARM_DSB },
      dma_mb: { 'dma-st-st': ARM_DMB_ST, 'ld-ld': ARM_DMB_LD, 'mmior-ld': ARM_DMB_LD },
      dma_wmb: { 'dma-st-st': ARM_DMB_ST },
      dma_rmb: { 'ld-ld': ARM_DMB_LD, 'mmior-ld': ARM_DMB_LD },
      __iowmb: { 'dma-st-st': ARM_DMB_ST },
      __iormb: { 'ld-ld': ARM_DMB_LD, 'mmior-ld': ARM_DMB_LD },
      __iomb: { 'dma-st-st': ARM_DMB_ST, 'ld-ld': ARM_DMB_LD, 'mmior-ld': ARM_DMB_LD },
      udma_to_device_barrier: { 'dma-st-st': ARM_DMB_ST },
      udma_ordering_write_barrier: { 'dma-st-st': ARM_DMB_ST },
      mmio_flush_writes: { 'dma-st-st': ARM_DSB },
      mmio_wc_start: { 'dma-st-st': ARM_DSB },
      mmio_wc_spinlock: { 'dma-st-st': ARM_DSB },
      udma_from_device_barrier: { 'ld-ld': ARM_DMB_LD, 'mmior-ld': ARM_DMB_LD },
      rte_mb: { 'dma-st-st': ARM_DSB, 'ld-ld': ARM_DSB, 'mmior-ld': ARM_DSB },
      rte_wmb: { 'dma-st-st': ARM_DSB },
      rte_rmb: { 'ld-ld': ARM_DSB, 'mmior-ld': ARM_DSB },
      rte_io_wmb: { 'dma-st-st': ARM_DMB_ST },
      rte_io_rmb: { 'ld-ld': ARM_DMB_LD, 'mmior-ld': ARM_DMB_LD },
      rte_io_mb: { 'dma-st-st': ARM_DMB_ST, 'ld-ld': ARM_DMB_LD, 'mmior-ld': ARM_DMB_LD },
      rte_cio_wmb: { 'dma-st-st': ARM_DMB_ST },
      rte_cio_rmb: { 'ld-ld': ARM_DMB_LD },
    },
    accessors: { ordered: { read: { 'ld-ld': ARM_DMB_LD, 'mmior-ld': ARM_DMB_LD }, write: { 'dma-st-st': ARM_DMB_ST } } },
    opaqueCall: {},
    // ldaxr/casa is an acquire: it orders later accesses after the lock, not an earlier status load before them.
    lock: {},
  },
  powerpc64: {
    barriers: {
      mb: { 'dma-st-st': PPC_SYNC, 'ld-ld': PPC_SYNC, 'mmior-ld': PPC_SYNC },
      wmb: { 'dma-st-st': PPC_SYNC, 'ld-ld': PPC_SYNC, 'mmior-ld': PPC_SYNC },
      rmb: { 'dma-st-st': PPC_SYNC, 'ld-ld': PPC_SYNC, 'mmior-ld': PPC_SYNC },
      dma_mb: { 'dma-st-st': PPC_SYNC, 'ld-ld': PPC_SYNC, 'mmior-ld': PPC_SYNC },
      dma_wmb: { 'dma-st-st': PPC_LW, 'ld-ld': PPC_LW },
      dma_rmb: { 'dma-st-st': PPC_LW, 'ld-ld': PPC_LW },
      smp_mb: { 'dma-st-st': PPC_SYNC, 'ld-ld': PPC_SYNC, 'mmior-ld': PPC_SYNC },
      smp_wmb: { 'dma-st-st': PPC_LW, 'ld-ld': PPC_LW },
      smp_rmb: { 'dma-st-st': PPC_LW, 'ld-ld': PPC_LW },
      udma_to_device_barrier: { 'dma-st-st': PPC_SYNC },
      udma_ordering_write_barrier: { 'dma-st-st': PPC_SYNC },
      mmio_flush_writes: { 'dma-st-st': PPC_SYNC },
      mmio_wc_start: { 'dma-st-st': PPC_SYNC },
      mmio_wc_spinlock: { 'dma-st-st': PPC_SYNC },
      udma_from_device_barrier: { 'ld-ld': PPC_LW },
      rte_mb: { 'dma-st-st': PPC_SYNC, 'ld-ld': PPC_SYNC, 'mmior-ld': PPC_SYNC },
      rte_wmb: { 'dma-st-st': PPC_SYNC },
      rte_rmb: { 'ld-ld': PPC_SYNC, 'mmior-ld': PPC_SYNC },
      rte_io_wmb: { 'dma-st-st': PPC_SYNC },
      rte_io_rmb: { 'ld-ld': PPC_SYNC, 'mmior-ld': PPC_SYNC },
      rte_smp_wmb: { 'dma-st-st': PPC_LW },
      rte_smp_rmb: { 'ld-ld': PPC_LW },
      thread_fence_acquire: { 'dma-st-st': PPC_LW, 'ld-ld': PPC_LW },
      thread_fence_release: { 'dma-st-st': PPC_LW, 'ld-ld': PPC_LW },
      thread_fence_acq_rel: { 'dma-st-st': PPC_LW, 'ld-ld': PPC_LW },
      thread_fence_seq_cst: { 'dma-st-st': PPC_SYNC, 'ld-ld': PPC_SYNC, 'mmior-ld': PPC_SYNC },
    },
    accessors: {
      ordered: { read: { 'dma-st-st': PPC_SYNC, 'ld-ld': PPC_SYNC, 'mmior-ld': PPC_SYNC }, write: { 'dma-st-st': PPC_SYNC, 'ld-ld': PPC_SYNC } },
      relaxed: { read: { 'dma-st-st': PPC_SYNC, 'ld-ld': PPC_SYNC, 'mmior-ld': PPC_SYNC }, write: { 'dma-st-st': PPC_SYNC, 'ld-ld': PPC_SYNC } },
    },
    opaqueCall: {},
    lock: { 'dma-st-st': PPC_LOCK, 'ld-ld': PPC_LOCK },
  },
  riscv64: {
    barriers: {
      mb: { 'dma-st-st': RV_IORW, 'ld-ld': RV_IORW, 'mmior-ld': RV_IORW },
      wmb: { 'dma-st-st': RV_OW },
      rmb: { 'ld-ld': RV_IR, 'mmior-ld': RV_IR },
      dma_mb: { 'dma-st-st': RV_IORW, 'ld-ld': RV_IORW, 'mmior-ld': RV_IORW },
      dma_wmb: { 'dma-st-st': RV_OW },
      dma_rmb: { 'ld-ld': RV_IR, 'mmior-ld': RV_IR },
      smp_mb: { 'dma-st-st': RV_RW, 'ld-ld': RV_RW },
      smp_wmb: { 'dma-st-st': RV_W },
      smp_rmb: { 'ld-ld': RV_R },
      udma_to_device_barrier: { 'dma-st-st': RV_OW },
      mmio_flush_writes: { 'dma-st-st': RV_OW },
      mmio_wc_start: { 'dma-st-st': RV_OW },
      mmio_wc_spinlock: { 'dma-st-st': RV_OW },
      udma_from_device_barrier: { 'ld-ld': RV_IR, 'mmior-ld': RV_IR },
      rte_mb: { 'dma-st-st': RV_IORW, 'ld-ld': RV_IORW, 'mmior-ld': RV_IORW },
      rte_wmb: { 'dma-st-st': RV_OW },
      rte_rmb: { 'ld-ld': RV_IR, 'mmior-ld': RV_IR },
      rte_io_wmb: { 'dma-st-st': RV_OW },
      rte_io_rmb: { 'ld-ld': RV_IR, 'mmior-ld': RV_IR },
      rte_smp_wmb: { 'dma-st-st': RV_W },
      rte_smp_rmb: { 'ld-ld': RV_R },
      thread_fence_acquire: { 'ld-ld': y('fence r,rw orders memory reads before later reads and writes') },
      thread_fence_release: { 'dma-st-st': y('fence rw,w orders memory reads and writes before later writes') },
      thread_fence_acq_rel: { 'dma-st-st': RV_TSO, 'ld-ld': RV_TSO },
      thread_fence_seq_cst: { 'dma-st-st': RV_RW, 'ld-ld': RV_RW },
    },
    accessors: { ordered: { read: { 'ld-ld': RV_IR, 'mmior-ld': RV_IR } } },
    opaqueCall: {},
    lock: { 'dma-st-st': RV_AQRL, 'ld-ld': RV_AQRL },
  },
};
