// Types of the per-architecture I/O memory model data (Linux 6.1): what each accessor, barrier and mapping does.
import type { AccessFamily } from '../../analysis/facts';

export const ARCHES = ['x86_64', 'arm64', 'powerpc64', 'riscv64'] as const;
export type Arch = (typeof ARCHES)[number];

/**
 * Orderings the rules ask about:
 * - store-mmiow: a store to normal (DMA-visible) memory before a later MMIO write;
 * - wc-next: stores through a write-combining mapping before a later access elsewhere (or an unlock);
 * - mmiow-unlock: an MMIO write inside a spin-locked section before the unlock's hand-off to the next owner;
 * - dma-st-st: a store to coherent DMA memory before a later one (descriptor fields before the ownership word);
 * - ld-ld: a load of a device-written status word in coherent memory before later loads of the descriptor;
 * - mmior-ld: a (relaxed) MMIO read of a completion register before later loads of coherent DMA memory.
 */
export type OrderKind = 'store-mmiow' | 'wc-next' | 'mmiow-unlock' | 'dma-st-st' | 'ld-ld' | 'mmior-ld';

/** yes: the kernel's implementation guarantees it; hw: hardware happens to do it, the API does not promise it. */
export type Level = 'yes' | 'hw';

export interface OrderFact { level: Level; why: string }

export interface BarrierFact {
  instr: string;
  provides: Partial<Record<OrderKind, OrderFact>>;
  /** Why it does not provide an ordering a rule may ask for (used in messages). */
  lacks?: Partial<Record<OrderKind, string>>;
  compilerBarrier: boolean;
  cite: string;
}

export interface AccessorFact {
  instr: string;
  compilerBarrier: boolean;
  /** Orderings this access provides for what came before it (as the later access, or standing between). */
  provides: Partial<Record<OrderKind, OrderFact>>;
  /** Marks an mmiowb pending so spin_unlock orders it (powerpc64, riscv64). */
  trackedForUnlock: boolean;
  /**
   * Orderings the accessor's own trailing barrier gives its own stores against everything after it (powerpc64
   * memcpy_toio/memset_io and writesX end with sync): a write-combined copy made with it needs no wmb() after it.
   */
  drainsOwn?: Partial<Record<OrderKind, OrderFact>>;
  /**
   * An `asm volatile` without a "memory" clobber: the compiler may move plain stores across it but keeps it in order
   * with volatile accesses (x86 port I/O; GCC schedules volatile asm as touching all memory against volatile refs).
   */
  volatileAsm?: boolean;
  cite: string;
}

export interface MappingFact {
  memType: string;
  writeCombining: boolean;
  /** Set when the call returns NULL on this architecture. */
  returnsNull?: boolean;
  note?: string;
  /**
   * Why memcpy()/memset() (bulk copies, with their unaligned, paired, wide or dcbz/DC ZVA accesses) through this memory
   * type go wrong; absent where the memory type takes them (Normal-NC and Normal-WB on arm64, x86 WC and WB).
   * `scalar`: what goes wrong with one plain scalar access the compiler keeps as a single access; absent where such an
   * access is taken as it is (x86 UC/UC-, WC and cacheable types: API misuse without effect).
   */
  plainAccess?: { hazard: string; cite: string; scalar?: ScalarHazard };
  cite: string;
}

/**
 * `multi-byte`: every access wider than a byte goes wrong (byte order), except to a member declared big-endian
 * (`__be16/32/64`: a big-endian register, which a big-endian plain access reads as in_be32() would); `unaligned`: only an access that may be unaligned
 * (a member of a packed struct). `hazard` completes "the N-byte load/store ...".
 */
export interface ScalarHazard {
  when: 'multi-byte' | 'unaligned'; hazard: string; cite: string;
  /**
   * Set when a driver built for this architecture alone (kbuild narrowing) is taken to be written for hardware in this
   * architecture's byte order (SoC registers and firmware tables in native order): no byte-order hazard there.
   */
  nativeWhenOnlyArch?: string;
}

/** Lock acquisition: what taking a spinlock orders for stores made before it. */
export interface LockFact { instr: string; provides: Partial<Record<OrderKind, OrderFact>>; cite: string }

export interface UnlockFact {
  instr: string;
  provides: Partial<Record<OrderKind, OrderFact>>;
  /** Why the hand-off does not give an ordering a rule may ask for (used in messages). */
  lacks?: Partial<Record<OrderKind, string>>;
  cite: string;
}

export interface ArchProfile {
  arch: Arch;
  barriers: Record<string, BarrierFact>;
  accessors: Record<AccessFamily, { read: AccessorFact; write: AccessorFact }>;
  mappings: Record<string, MappingFact>;
  unlock: UnlockFact;
  lock: LockFact;
  /**
   * The hardware keeps stores in order and loads in order (x86 TSO): what remains unordered is compiler reordering,
   * and the compiler does not reorder volatile accesses among themselves.
   */
  tso?: boolean;
  /**
   * Why a read through this architecture's write-combining memory type is not ordered after write-combined stores still
   * pending in the same window (the read may reach the device first), with the source of the fact.
   */
  wcReadAfterWrite: { why: string; cite: string };
  /**
   * A load whose address is computed from an earlier load's value (`p = d->tag; x = pool[p].status`) is performed
   * after it, by the CPU and the compiler alike: present on every architecture Linux 6.1 runs (only DEC Alpha needed
   * READ_ONCE()'s barrier for it). `missing-dma-rmb` reads a record reached so as ordered after the entry it came from.
   */
  addressDependency?: { why: string; cite: string };
  /** A call the analysis could not see into: a compiler barrier (x86 relies on that for ordering). */
  opaqueCall: { provides: Partial<Record<OrderKind, OrderFact>> };
  /**
   * Copy calls compiled as a call of the out-of-line function when their size is known only at run time: their stores
   * are complete when the call returns, ordered against what follows as `opaqueCall` says.
   */
  outOfLineCopies?: { calls: readonly string[]; why: string; cite: string };
  /**
   * A memcpy() of a constant size that is a power of two up to `maxBytes`, between a scalar local and a pointer,
   * compiles to one load and one store of that width (GCC folds it into a scalar move when the target takes an
   * unaligned access of that width on ordinary memory): through a pointer whose C type aligns it for that width, it is
   * one naturally aligned scalar access. Absent where GCC splits it (riscv64 builds with -mstrict-align).
   */
  scalarCopy?: { maxBytes: number; why: string; cite: string };
}
