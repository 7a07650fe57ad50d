// The C vocabulary of device I/O as data: which calls map memory, access MMIO, act as barriers, lock, allocate DMA memory.
// It names API families only; what each does on an architecture lives in src/engine/arch.
import type { AccessFamily } from './facts';

export interface AccessorInfo { dir: 'read' | 'write'; family: AccessFamily; addrArg: number }
export interface MappingInfo { memKind: string; flagsArg?: number }

const WIDTHS = ['b', 'w', 'l', 'q'];
const BITS = ['8', '16', '32', '64'];

function buildAccessors(): Map<string, AccessorInfo> {
  const m = new Map<string, AccessorInfo>();
  const add = (name: string, dir: 'read' | 'write', family: AccessFamily, addrArg: number) => m.set(name, { dir, family, addrArg });
  for (const x of WIDTHS) {
    add(`read${x}`, 'read', 'ordered', 0); add(`write${x}`, 'write', 'ordered', 1);
    add(`read${x}_relaxed`, 'read', 'relaxed', 0); add(`write${x}_relaxed`, 'write', 'relaxed', 1);
    add(`__raw_read${x}`, 'read', 'raw', 0); add(`__raw_write${x}`, 'write', 'raw', 1);
    add(`reads${x}`, 'read', 'string', 0); add(`writes${x}`, 'write', 'string', 0);
    add(`read${x}_be`, 'read', 'ordered', 0); add(`write${x}_be`, 'write', 'ordered', 1);
    add(`__raw_write${x}_be`, 'write', 'raw', 1);
  }
  for (const n of BITS) {
    add(`ioread${n}`, 'read', 'ordered', 0); add(`iowrite${n}`, 'write', 'ordered', 1);
    add(`ioread${n}be`, 'read', 'ordered', 0); add(`iowrite${n}be`, 'write', 'ordered', 1);
    add(`ioread${n}_rep`, 'read', 'string', 0); add(`iowrite${n}_rep`, 'write', 'string', 0);
  }
  for (const x of ['b', 'w', 'l']) {
    add(`in${x}`, 'read', 'port', 0); add(`out${x}`, 'write', 'port', 1);
    add(`in${x}_p`, 'read', 'port', 0); add(`out${x}_p`, 'write', 'port', 1);
    add(`ins${x}`, 'read', 'port', 0); add(`outs${x}`, 'write', 'port', 0);
  }
  for (const order of ['lo_hi', 'hi_lo']) {
    add(`${order}_readq`, 'read', 'ordered', 0); add(`${order}_writeq`, 'write', 'ordered', 1);
    add(`${order}_readq_relaxed`, 'read', 'relaxed', 0); add(`${order}_writeq_relaxed`, 'write', 'relaxed', 1);
    add(`ioread64_${order}`, 'read', 'ordered', 0); add(`iowrite64_${order}`, 'write', 'ordered', 1);
    add(`ioread64be_${order}`, 'read', 'ordered', 0); add(`iowrite64be_${order}`, 'write', 'ordered', 1);
  }
  add('memcpy_toio', 'write', 'toio', 0); add('memset_io', 'write', 'toio', 0); add('memcpy_fromio', 'read', 'toio', 1);
  add('__iowrite32_copy', 'write', 'copy', 0); add('__iowrite64_copy', 'write', 'copy', 0);
  add('__ioread32_copy', 'read', 'copy', 1); add('iosubmit_cmds512', 'write', 'copy', 0);
  // rdma-core (util/mmio.h): plain volatile accesses, no barrier of their own.
  for (const n of BITS) {
    add(`mmio_write${n}`, 'write', 'volatile', 0); add(`mmio_write${n}_be`, 'write', 'volatile', 0);
    add(`mmio_read${n}`, 'read', 'volatile', 0); add(`mmio_read${n}_be`, 'read', 'volatile', 0);
  }
  add('mmio_memcpy_x64', 'write', 'copy', 0);
  // SPDK (include/spdk/mmio.h): plain volatile accesses, no barrier of their own.
  for (const n of ['1', '2', '4', '8']) { add(`spdk_mmio_write_${n}`, 'write', 'volatile', 0); add(`spdk_mmio_read_${n}`, 'read', 'volatile', 0); }
  // DPDK (rte_io.h): rte_writeN = rte_io_wmb + relaxed write; rte_readN = relaxed read + rte_io_rmb.
  for (const n of BITS) {
    add(`rte_write${n}`, 'write', 'ordered', 1); add(`rte_write${n}_relaxed`, 'write', 'volatile', 1);
    add(`rte_write${n}_wc`, 'write', 'ordered', 1); add(`rte_write${n}_wc_relaxed`, 'write', 'volatile', 1);
    add(`rte_read${n}`, 'read', 'ordered', 0); add(`rte_read${n}_relaxed`, 'read', 'volatile', 0);
  }
  return m;
}

export const ACCESSORS: ReadonlyMap<string, AccessorInfo> = buildAccessors();

/** The ordered accessor a relaxed one is the form of, where the vocabulary has it: writel_relaxed -> writel, rte_write32_relaxed -> rte_write32. */
export function orderedFormOf(api: string): string | undefined {
  const ordered = api.endsWith('_relaxed') ? api.slice(0, -'_relaxed'.length) : undefined;
  return ordered && ACCESSORS.get(ordered)?.family === 'ordered' ? ordered : undefined;
}

/**
 * Calls whose definition runs a barrier-like call after them, and its name (the architecture profiles say what it
 * orders, if anything): `outb_p()`/`inb_p()` are `outb()`/`inb()` followed by `slow_down_io()`
 * (arch/x86/include/asm/io.h:250-262; the generic ones are the plain accessors); rdma-core's `mmio_wc_spinlock()` is
 * `pthread_spin_lock()` then `mmio_wc_start()`, except on x86, where the lock's serialisation is the fence
 * (util/udma_barrier.h).
 */
export const TRAILING_BARRIERS: ReadonlyMap<string, string> = new Map([
  ...['b', 'w', 'l'].flatMap((x): [string, string][] => [[`out${x}_p`, 'slow_down_io'], [`in${x}_p`, 'slow_down_io']]),
  ['mmio_wc_spinlock', 'mmio_wc_spinlock'],
]);

/**
 * Inline-asm fences drivers write by hand (hfi1/qib `flush_wc()` is `asm volatile("sfence" ::: "memory")`), as the
 * kernel barrier each architecture defines with that instruction (Linux 6.1): x86 arch/x86/include/asm/barrier.h:15-20,
 * arm64 arch/arm64/include/asm/barrier.h:46-55, powerpc arch/powerpc/include/asm/barrier.h:37-39 and 63-70 (dma_* =
 * __lwsync), riscv arch/riscv/include/asm/barrier.h:23-29. Keys are the template, lower-case, whitespace collapsed.
 */
export const ASM_BARRIERS: ReadonlyMap<string, string> = new Map([
  ['sfence', 'wmb'], ['mfence', 'mb'], ['lfence', 'rmb'],
  ['dsb sy', 'mb'], ['dsb ld', 'rmb'], ['dsb st', 'wmb'], ['dmb osh', 'dma_mb'], ['dmb oshld', 'dma_rmb'], ['dmb oshst', 'dma_wmb'],
  ['sync', 'mb'], ['lwsync', 'dma_wmb'], ['eieio', 'dma_wmb'],
  ['fence iorw,iorw', 'mb'], ['fence ir,ir', 'rmb'], ['fence ow,ow', 'wmb'],
]);

/** The kernel barrier an inline-asm template stands for, if it is one of ASM_BARRIERS. */
export function asmBarrier(template: string): string | undefined {
  return ASM_BARRIERS.get(template.replace(/^"|"$/g, '').replace(/\\n|\\t|;/g, ' ').trim().replace(/\s+/g, ' ').replace(/\s*,\s*/g, ',').toLowerCase());
}

/**
 * SPDK's barriers and the kernel barrier each one is, instruction for instruction, on our four (SPDK
 * include/spdk/barrier.h: x86 sfence/lfence/mfence, compiler barriers for the smp_ read and write ones, `lock addl`;
 * arm64 dsb st/ld/sy, dmb ishst/ishld/ish; powerpc64 sync, lwsync; riscv64 fence ow,ow / ir,ir / iorw,iorw, w,w / r,r
 * / rw,rw), so the engine gives them the kernel barrier's facts.
 */
export const SPDK_BARRIER_ALIASES: Readonly<Record<string, string>> = {
  spdk_wmb: 'wmb', spdk_rmb: 'rmb', spdk_mb: 'mb', spdk_smp_wmb: 'smp_wmb', spdk_smp_rmb: 'smp_rmb', spdk_smp_mb: 'smp_mb',
  spdk_compiler_barrier: 'barrier',
};

export const BARRIERS: ReadonlySet<string> = new Set([
  'mb', 'rmb', 'wmb', 'dma_mb', 'dma_rmb', 'dma_wmb', 'smp_mb', 'smp_rmb', 'smp_wmb',
  'smp_mb__before_atomic', 'smp_mb__after_atomic', 'smp_mb__after_spinlock', 'io_stop_wc', 'barrier', 'mmiowb',
  '__iowmb', '__iormb', '__iomb', 'iobarrier_rw', 'iobarrier_r', 'iobarrier_w',
  // rdma-core util/udma_barrier.h
  'udma_to_device_barrier', 'udma_from_device_barrier', 'udma_ordering_write_barrier', 'mmio_flush_writes',
  'mmio_wc_start', 'mmio_ordered_writes_hack',
  // DPDK rte_atomic.h / rte_io.h
  'rte_mb', 'rte_wmb', 'rte_rmb', 'rte_io_mb', 'rte_io_wmb', 'rte_io_rmb', 'rte_smp_mb', 'rte_smp_wmb', 'rte_smp_rmb',
  'rte_cio_wmb', 'rte_cio_rmb', 'rte_compiler_barrier',
  // x86's I/O delay after the _p port accessors (TRAILING_BARRIERS)
  'slow_down_io',
  // SPDK include/spdk/barrier.h: the kernel's instructions under SPDK's names (SPDK_BARRIER_ALIASES)
  ...Object.keys(SPDK_BARRIER_ALIASES),
]);

/**
 * Thread fences whose instruction depends on their memory-order argument: DPDK's `rte_atomic_thread_fence()` (which
 * replaces rte_smp_*mb() since DPDK 23.11; lib/eal/include/rte_stdatomic.h, x86: lib/eal/x86/include/rte_atomic.h),
 * the GCC builtin and C11's `atomic_thread_fence()`. Each becomes the barrier `thread_fence_<order>` of the profiles;
 * a relaxed fence, or an order the text does not name, stays a call.
 */
export const THREAD_FENCES: ReadonlySet<string> = new Set(['rte_atomic_thread_fence', '__atomic_thread_fence', 'atomic_thread_fence']);
export const FENCE_ORDERS = ['acquire', 'release', 'acq_rel', 'seq_cst'] as const;

/** The barrier key of a thread fence's memory-order argument (`rte_memory_order_acquire`, `__ATOMIC_ACQUIRE`, `memory_order_acquire`). */
export function fenceBarrier(order: string | undefined): string | undefined {
  const m = /^(?:rte_memory_order_|memory_order_|__ATOMIC_)(\w+)$/.exec(order?.replace(/\s/g, '') ?? '');
  const name = m?.[1].toLowerCase().replace(/^consume$/, 'acquire');
  return name && (FENCE_ORDERS as readonly string[]).includes(name) ? `thread_fence_${name}` : undefined;
}

/**
 * Spinlock acquisitions: include/linux/spinlock.h:215-300, :349-419; the xarray's lock is a spinlock taken and
 * released through these macros (include/linux/xarray.h:532-549, xas_*: :1390-1399); rdma-core's mmio_wc_spinlock; the
 * POSIX spinlocks userspace providers take around their doorbells (rdma-core providers/efa, mlx5 mlx5_spin_lock()).
 */
export const LOCKS: ReadonlySet<string> = new Set([
  'spin_lock', 'spin_lock_irq', 'spin_lock_irqsave', 'spin_lock_bh', 'spin_lock_nested', 'spin_lock_nest_lock',
  'spin_lock_irqsave_nested', 'spin_trylock', 'spin_trylock_bh', 'spin_trylock_irq', 'spin_trylock_irqsave',
  'raw_spin_lock', 'raw_spin_lock_irq', 'raw_spin_lock_irqsave', 'raw_spin_lock_bh', 'raw_spin_lock_nested',
  'raw_spin_lock_nest_lock', 'raw_spin_lock_irqsave_nested', 'raw_spin_trylock', 'raw_spin_trylock_bh',
  'raw_spin_trylock_irq', 'raw_spin_trylock_irqsave',
  'xa_lock', 'xa_lock_bh', 'xa_lock_irq', 'xa_lock_irqsave', 'xa_lock_nested', 'xa_lock_bh_nested', 'xa_lock_irq_nested',
  'xa_lock_irqsave_nested', 'xas_lock', 'xas_lock_bh', 'xas_lock_irq', 'xas_lock_irqsave',
  'mmio_wc_spinlock', 'pthread_spin_lock', 'pthread_spin_trylock',
]);

/**
 * Their releases, which carry the mmiowb hand-off on powerpc64 and riscv64 (include/asm-generic/mmiowb.h).
 * pthread_spin_unlock() is a release store (glibc nptl/pthread_spin_unlock.c, atomic_store_release(): a plain store
 * on x86_64, stlr on arm64, lwsync then a store on powerpc64, fence rw,w then a store on riscv64), the kernel's
 * unlock less the mmiowb hand-off, which orders only kernel accessors: no userspace MMIO write is tracked for it.
 */
export const UNLOCKS: ReadonlySet<string> = new Set([
  'spin_unlock', 'spin_unlock_irq', 'spin_unlock_irqrestore', 'spin_unlock_bh',
  'raw_spin_unlock', 'raw_spin_unlock_irq', 'raw_spin_unlock_irqrestore', 'raw_spin_unlock_bh',
  'xa_unlock', 'xa_unlock_bh', 'xa_unlock_irq', 'xa_unlock_irqrestore', 'xas_unlock', 'xas_unlock_bh', 'xas_unlock_irq',
  'xas_unlock_irqrestore',
  'mmio_wc_spinunlock', 'pthread_spin_unlock',
]);

/** Calls whose result is a pointer to device memory, with the mapping kind the architecture data knows. */
export const MAPPINGS: ReadonlyMap<string, MappingInfo> = new Map<string, MappingInfo>([
  ['ioremap', { memKind: 'ioremap' }], ['ioremap_wc', { memKind: 'ioremap_wc' }], ['ioremap_uc', { memKind: 'ioremap_uc' }],
  ['ioremap_np', { memKind: 'ioremap_np' }], ['ioremap_wt', { memKind: 'ioremap_wt' }], ['ioremap_cache', { memKind: 'ioremap_cache' }],
  ['ioremap_nocache', { memKind: 'ioremap' }],
  ['devm_ioremap', { memKind: 'ioremap' }], ['devm_ioremap_wc', { memKind: 'ioremap_wc' }], ['devm_ioremap_uc', { memKind: 'ioremap_uc' }],
  ['devm_ioremap_np', { memKind: 'ioremap_np' }], ['devm_ioremap_resource', { memKind: 'ioremap' }],
  ['devm_ioremap_resource_wc', { memKind: 'ioremap_wc' }], ['devm_platform_ioremap_resource', { memKind: 'ioremap' }],
  ['devm_platform_ioremap_resource_byname', { memKind: 'ioremap' }], ['devm_platform_get_and_ioremap_resource', { memKind: 'ioremap' }],
  ['devm_of_iomap', { memKind: 'ioremap' }], ['of_iomap', { memKind: 'ioremap' }],
  ['pci_iomap', { memKind: 'ioremap' }], ['pci_iomap_range', { memKind: 'ioremap' }], ['pcim_iomap', { memKind: 'ioremap' }],
  ['pci_iomap_wc', { memKind: 'ioremap_wc' }], ['pci_iomap_wc_range', { memKind: 'ioremap_wc' }],
  ['pci_ioremap_bar', { memKind: 'ioremap' }], ['pci_ioremap_wc_bar', { memKind: 'ioremap_wc' }],
  ['io_mapping_map_wc', { memKind: 'ioremap_wc' }], ['io_mapping_map_atomic_wc', { memKind: 'ioremap_wc' }],
  ['io_mapping_map_local_wc', { memKind: 'ioremap_wc' }],
  ['memremap', { memKind: 'memremap', flagsArg: 2 }], ['devm_memremap', { memKind: 'memremap', flagsArg: 3 }],
  ['ioport_map', { memKind: 'ioport' }],
]);

/** pgprot_* helpers assigned to vma->vm_page_prot before remap_pfn_range/io_remap_pfn_range. */
export const PGPROTS: ReadonlySet<string> = new Set(['pgprot_noncached', 'pgprot_writecombine', 'pgprot_device', 'pgprot_dmacoherent']);

/** Calls that return CPU pointers to memory the device reads and writes coherently. */
export const DMA_ALLOCS: ReadonlySet<string> = new Set([
  // DPDK: hugepage memory whose IOVA (rte_malloc_virt2iova) is handed to the device
  'rte_malloc', 'rte_zmalloc', 'rte_calloc', 'rte_malloc_socket', 'rte_zmalloc_socket', 'rte_calloc_socket',
  'dma_alloc_coherent', 'dmam_alloc_coherent', 'dma_alloc_attrs', 'dmam_alloc_attrs', 'dma_zalloc_coherent',
  'dma_pool_alloc', 'dma_pool_zalloc', 'pci_alloc_consistent', 'pci_zalloc_consistent', 'dma_alloc_wc',
]);

/**
 * The argument through which a DMA allocation returns the memory's DMA address (`&handle`): include/linux/dma-mapping.h
 * dma_alloc_coherent(dev, size, dma_handle, gfp), dma_alloc_attrs(), dma_alloc_wc(); include/linux/dmapool.h
 * dma_pool_alloc(pool, mem_flags, handle); include/linux/pci-dma-compat.h pci_alloc_consistent(hwdev, size, dma_handle).
 */
export const DMA_ALLOC_HANDLE_ARG: ReadonlyMap<string, number> = new Map([
  ['dma_alloc_coherent', 2], ['dmam_alloc_coherent', 2], ['dma_alloc_attrs', 2], ['dmam_alloc_attrs', 2], ['dma_zalloc_coherent', 2],
  ['dma_pool_alloc', 2], ['dma_pool_zalloc', 2], ['pci_alloc_consistent', 2], ['pci_zalloc_consistent', 2], ['dma_alloc_wc', 2],
]);

/**
 * Frees of DMA memory and the argument index of the CPU address they take back: include/linux/dma-mapping.h
 * dma_free_coherent(dev, size, cpu_addr, dma_handle), dma_free_attrs(), dma_free_wc(); include/linux/dmapool.h
 * dma_pool_free(pool, vaddr, addr); include/linux/pci-dma-compat.h pci_free_consistent(hwdev, size, vaddr, dma_handle).
 */
export const DMA_FREE_VADDR_ARG: ReadonlyMap<string, number> = new Map([
  ['dma_free_coherent', 2], ['dmam_free_coherent', 2], ['dma_free_attrs', 2], ['dma_free_wc', 2], ['dma_pool_free', 1], ['pci_free_consistent', 2],
]);

/**
 * Calls that tear a mapping down and the argument index of the pointer they take: iounmap(addr), pci_iounmap(dev, addr),
 * devm_iounmap(dev, addr), memunmap(addr), io_mapping_unmap*(vaddr) (include/asm-generic/io.h, include/linux/io.h,
 * include/linux/io-mapping.h).
 */
export const UNMAP_POINTER_ARG: ReadonlyMap<string, number> = new Map([
  ['iounmap', 0], ['pci_iounmap', 1], ['devm_iounmap', 1], ['memunmap', 0],
  ['io_mapping_unmap', 0], ['io_mapping_unmap_atomic', 0], ['io_mapping_unmap_local', 0],
]);

/** Calls whose result is their first argument's value in another width or byte order: a DMA address stays one. */
export const VALUE_CARRYING_CALLS = /^(?:lower_32_bits|upper_32_bits|cpu_to_le(?:16|32|64)|cpu_to_be(?:16|32|64)|__cpu_to_le(?:32|64))$/;

/** dma_map_* calls and the argument index of the CPU buffer they hand to the device. */
export const DMA_MAPS: ReadonlyMap<string, number> = new Map([
  ['dma_map_single', 1], ['dma_map_single_attrs', 1], ['pci_map_single', 1],
]);

/**
 * Userspace calls that keep memory usable for device DMA, and the argument index of that memory: rdma-core providers
 * allocate every queue, completion ring and doorbell-record page they register with the HCA (create-QP/CQ/SRQ
 * commands) and call `ibv_dontfork_range(buf, size)` on it (libibverbs/verbs.h; libibverbs/memory.c: madvise
 * MADV_DONTFORK, so a fork's copy-on-write never moves pages the device reads; providers/mlx5/buf.c mlx5_alloc_buf(),
 * providers/mlx4/buf.c mlx4_alloc_buf(), providers/hns/hns_roce_u_buf.c hns_roce_alloc_buf(), providers/bnxt_re/
 * memory.c bnxt_re_alloc_aligned()). The memory, and a member holding it (`buf->buf`), is DMA-visible from then on.
 */
export const DMA_PINS: ReadonlyMap<string, number> = new Map([
  ['ibv_dontfork_range', 0],
  // The device address of a buffer, taken to program the device with it: SPDK include/spdk/env.h spdk_vtophys(buf,
  // &size); DPDK lib/eal/include/rte_memory.h rte_mem_virt2iova(), rte_mem_virt2phy(), rte_malloc.h rte_malloc_virt2iova().
  ['spdk_vtophys', 0], ['rte_mem_virt2iova', 0], ['rte_mem_virt2phy', 0], ['rte_malloc_virt2iova', 0],
]);

/**
 * Userspace providers map device pages with `mmap()` of their uverbs command fd; the kernel driver picks the page
 * protection by the command or key the offset carries (user-mmap.ts reads it), Linux 6.1:
 * - mlx5 commands (include/uapi/rdma/mlx5-abi.h:480-489, rdma-core providers/mlx5 `set_command(cmd, &offset)`):
 *   drivers/infiniband/hw/mlx5/main.c:2165-2172 uar_mmap(): WC_PAGE, ALLOC_WC and REGULAR_PAGE ("best effort to get
 *   WC") get pgprot_writecombine, NC_PAGE pgprot_noncached;
 * - efa response keys (rdma-core providers/efa/verbs.c passes `resp->..._mmap_key` as the offset):
 *   drivers/infiniband/hw/efa/efa_verbs.c:512-517 the LLQ descriptor ring is EFA_MMAP_IO_WC, :499-503, :526-530 and
 *   :1038-1043 the doorbells EFA_MMAP_IO_NC; __efa_mmap() :1891-1901 maps them pgprot_noncached / pgprot_writecombine.
 */
type UserMmapKind = 'pgprot_writecombine' | 'pgprot_noncached' | 'pgprot_device' | 'sysfs_resource_wc';
const userPages = (kind: UserMmapKind, names: string[]): [string, { memKind: UserMmapKind }][] => names.map((n) => [n, { memKind: kind }]);
export const USER_MMAP_PAGES: ReadonlyMap<string, { memKind: UserMmapKind }> = new Map([
  ...userPages('pgprot_writecombine', ['MLX5_IB_MMAP_WC_PAGE', 'MLX5_IB_MMAP_ALLOC_WC', 'MLX5_IB_MMAP_REGULAR_PAGE', 'llq_desc_mmap_key']),
  ...userPages('pgprot_noncached', ['MLX5_IB_MMAP_NC_PAGE', 'sq_db_mmap_key', 'rq_db_mmap_key', 'db_mmap_key']),
]);

/** Userspace's mapping calls: what they map is read from their fd and offset (user-mmap.ts). */
export const USER_MAPPING_CALLS: ReadonlySet<string> = new Set(['mmap', 'mmap64']);

/**
 * Userspace maps a PCI BAR with `mmap()` of a file it opened, the kernel choosing the protection by the file
 * (user-mmap.ts reads the path `open()` was given, a literal or a buffer a printf-family call filled), Linux 6.1:
 * - sysfs `/sys/bus/pci/devices/<bdf>/resourceN_wc` (drivers/pci/pci-sysfs.c:1229-1232, pci_mmap_resource_wc): made
 *   only for a prefetchable BAR, and only where arch_can_pci_mmap_wc() (:1284-1286: x86 with PAT, arm64, powerpc64;
 *   riscv64 has none, include/linux/pci.h:2006), mapped pgprot_writecombine (drivers/pci/mmap.c:33-34);
 * - sysfs `resourceN` (pci_mmap_resource_uc): pgprot_device (drivers/pci/mmap.c:35-36).
 * The order matters: a `_wc` path must not also count as `resourceN`.
 */
export const BAR_FILES: readonly { path: RegExp; memKind: UserMmapKind }[] = [
  { path: /\/resource(?:%[a-z]{0,2}[diux]|\d+)_wc(?!\w)/, memKind: 'sysfs_resource_wc' },
  { path: /\/resource(?:%[a-z]{0,2}[diux]|\d+)(?!\w)/, memKind: 'pgprot_device' },
];

/**
 * A vfio-pci device region: the offset `VFIO_DEVICE_GET_REGION_INFO` returns in `struct vfio_region_info`
 * (include/uapi/linux/vfio.h), mapped pgprot_noncached (drivers/vfio/pci/vfio_pci_core.c:1781).
 */
export const VFIO_REGION_INFO = { struct: 'vfio_region_info', member: 'offset', memKind: 'pgprot_noncached' as UserMmapKind };

/**
 * A userspace driver's DMA memory through vfio: `ioctl(container, VFIO_IOMMU_MAP_DMA, &map)` pins the pages of
 * `map.vaddr` and maps them for the device at `map.iova` (include/uapi/linux/vfio.h:1217-1241, struct
 * vfio_iommu_type1_dma_map; drivers/vfio/vfio_iommu_type1.c:1638 vfio_dma_do_map() -> :1538 vfio_pin_map_dma() ->
 * :670 vfio_pin_pages_remote()): the buffer the member is given is DMA-visible from then on. Request -> member.
 */
export const VFIO_DMA_MAPS: ReadonlyMap<string, string> = new Map([['VFIO_IOMMU_MAP_DMA', 'vaddr']]);

/** P2PDMA memory is ordinary (struct-page backed) memory: plain accesses are fine (p2pdma.rst:122-124). */
export const P2PDMA_ALLOCS: ReadonlySet<string> = new Set(['pci_alloc_p2pmem', 'pci_p2pmem_alloc_sgl']);

/**
 * Calls that hand work to another agent at once, so memory stored before them is that agent's to read from then on:
 * dma_async_issue_pending() starts the transfers queued on a DMA engine, whose driver orders them before its own
 * doorbell (include/linux/dmaengine.h:1418-1421); an SMC/HVC enters the secure firmware or hypervisor on the same CPU,
 * which sees the CPU's earlier stores in program order (include/linux/arm-smccc.h:337, 363, 368-372, 494, 510, 540).
 */
export const HAND_OVER_CALLS: ReadonlySet<string> = new Set([
  'dma_async_issue_pending',
  '__arm_smccc_smc', '__arm_smccc_hvc', 'arm_smccc_smc', 'arm_smccc_hvc', 'arm_smccc_smc_quirk',
  'arm_smccc_1_1_smc', 'arm_smccc_1_1_hvc', 'arm_smccc_1_1_invoke',
]);

/** Calls that write memory through their first argument like a store. */
/**
 * Macros and operators whose operands are never evaluated (only their types or sizes are used): nothing inside them is a
 * load or a store. include/linux/array_size.h (ARRAY_SIZE in kernel.h in 6.1), compiler_types.h (__same_type),
 * stddef.h (sizeof_field, offsetof), build_bug.h (BUILD_BUG_ON*).
 */
export const UNEVALUATED_CALLS = /^(?:ARRAY_SIZE|typeof|__typeof__|__typeof|typeof_member|offsetof|offsetofend|__same_type|sizeof_field|FIELD_SIZEOF|BUILD_BUG_ON\w*|static_assert|_Static_assert|__must_be_array|__alignof__|_Alignof|alignof)$/;

export const STORE_CALLS: ReadonlyMap<string, number> = new Map([
  ['memcpy', 0], ['memset', 0], ['memmove', 0], ['WRITE_ONCE', 0],
]);

/** Calls whose result is the CPU physical address of a device resource (§e.1: not what a device must be programmed with). */
export const BAR_ADDRESS_CALLS: ReadonlyMap<string, 'pci' | 'platform'> = new Map([
  ['pci_resource_start', 'pci'], ['pci_resource_end', 'pci'],
]);

/** Calls whose result is a PCI bus address (pci_bus_address() = pcibios_resource_to_bus(), include/linux/pci.h:1534-1540). */
export const BUS_ADDRESS_CALLS: ReadonlySet<string> = new Set(['pci_bus_address']);

/** Calls returning a device's `struct resource *`. */
export const DEVICE_RESOURCE_CALLS: ReadonlyMap<string, 'pci' | 'platform'> = new Map([
  ['pci_resource_n', 'pci'], ['platform_get_resource', 'platform'], ['platform_get_resource_byname', 'platform'],
  ['platform_get_mem_or_io', 'platform'],
]);

/** The widths byte-order conversions come in. */
const SWAPPED_BITS = ['16', '32', '64'];

/**
 * Conversions of a CPU value to a fixed byte order, with the width they convert: the kernel's (include/linux/byteorder/
 * generic.h:134-142 for the network-order names), glibc's <endian.h> (string/endian.h: __uint*_identity() and
 * __bswap_*() inlines) and DPDK's rte_byteorder.h. A value one makes is stored in that order on either CPU byte order.
 */
export const FIXED_ORDER_CONVERSIONS: ReadonlyMap<string, number> = new Map([
  ...SWAPPED_BITS.flatMap((w) => ['cpu_to_le', 'cpu_to_be', '__cpu_to_le', '__cpu_to_be', 'htole', 'htobe', 'rte_cpu_to_le_', 'rte_cpu_to_be_']
    .map((p): [string, number] => [`${p}${w}`, Number(w)])),
  ['htonl', 32], ['htons', 16],
]);

/** Inline helpers and macros that compute values only: calling them is no compiler barrier (unlike an opaque call). */
export const PURE_CALLS: ReadonlySet<string> = new Set([
  ...FIXED_ORDER_CONVERSIONS.keys(), 'ntohl', 'ntohs',
  ...SWAPPED_BITS.flatMap((w) => [`le${w}_to_cpu`, `be${w}_to_cpu`, `le${w}toh`, `be${w}toh`, `rte_le_to_cpu_${w}`, `rte_be_to_cpu_${w}`, `rte_bswap${w}`]),
  'cpu_to_le16p', 'cpu_to_le32p', 'le16_to_cpup', 'le32_to_cpup', 'swab16', 'swab32', 'swab64',
  'lower_32_bits', 'upper_32_bits', 'min', 'max', 'min_t', 'max_t', 'clamp', 'clamp_t', 'BIT', 'BIT_ULL', 'GENMASK',
  'GENMASK_ULL', 'FIELD_PREP', 'FIELD_GET', 'ALIGN', 'ALIGN_DOWN', 'DIV_ROUND_UP', 'likely', 'unlikely', 'READ_ONCE',
  'container_of', 'offsetof', 'ARRAY_SIZE', 'dma_unmap_addr', 'dma_unmap_len', 'dma_unmap_addr_set', 'dma_unmap_len_set',
  'netdev_priv', 'pci_get_drvdata', 'dev_get_drvdata', 'platform_get_drvdata', 'skb_headlen', 'skb_shinfo',
  'skb_frag_size', 'skb_frag_off', 'sizeof', 'typeof', 'round_up', 'round_down', 'roundup', 'rounddown', 'abs',
  'test_bit', 'is_power_of_2', 'ilog2', 'order_base_2', 'hweight32', 'hweight64', 'fls', 'ffs', '__ffs', '__fls',
]);

/**
 * Library calls that store a mapping through a pointer parameter, by parameter index: SPDK include/spdk/env.h
 * spdk_pci_device_map_bar(dev, bar, &mapped_addr, &phys_addr, &size), whose DPDK env hands back the EAL's
 * `mem_resource[bar].addr` (lib/env_dpdk/pci.c), a vfio-pci mapping (pgprot_noncached, vfio_pci_core.c:1781).
 */
export const KNOWN_OUT_PARAM_ORIGINS: ReadonlyMap<string, { param: number; api: string; memKind: string }> = new Map([
  ['spdk_pci_device_map_bar', { param: 2, api: 'spdk_pci_device_map_bar', memKind: 'pgprot_noncached' }],
]);

/** Members of library structs known to hold device-visible memory (userspace: no allocation call to see). */
export const KNOWN_MEMBER_ORIGINS: ReadonlyMap<string, { kind: 'dma-coherent' | 'mapping'; api: string; memKind?: string }> = new Map([
  // DPDK rte_memzone_reserve*() / rte_eth_dma_zone_reserve(): IOVA-contiguous memory for rings (lib/eal/include/rte_memzone.h)
  ['rte_memzone.addr', { kind: 'dma-coherent', api: 'rte_memzone_reserve' }],
  // DPDK PCI BARs mapped from vfio-pci/uio (uncached: vfio-pci mmap uses pgprot_noncached, drivers/vfio/pci/vfio_pci_core.c:1784)
  ['rte_mem_resource.addr', { kind: 'mapping', api: 'mem_resource[].addr', memKind: 'pgprot_noncached' }],
]);

/** Mapping kinds requested as write-combining (whether an architecture honours it is engine data). */
export function isWcKind(memKind: string): boolean {
  return memKind === 'ioremap_wc' || memKind === 'memremap_wc' || memKind === 'pgprot_writecombine' || memKind === 'sysfs_resource_wc';
}
