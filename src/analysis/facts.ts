// The facts the analysis extracts from C: symbolic pointer expressions, events in control-flow order, per-file indexes.

import type { CallGuard } from './call-guards';
import type { ValueUses } from './value-uses';

export interface Position { line: number; character: number }
/** 0-based, as in LSP. */
export interface Span { start: Position; end: Position }

/** True when position `a` comes strictly before `b`. */
export function positionBefore(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** True when `inner` lies inside `outer` (ends included). */
export function spanWithin(inner: Span, outer: Span): boolean {
  return !positionBefore(inner.start, outer.start) && !positionBefore(outer.end, inner.end);
}

/** True when the two spans start at the same position. */
export function sameStart(a: Span, b: Span): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character;
}

/** Where a pointer's memory comes from: a mapping call, a DMA allocation, or a buffer handed to dma_map_*. */
export type Origin =
  /**
   * `guards`: functions whose call is the condition of an `if` the mapping call sits in; `arches`: where the mapping
   * call can run at all (set by the project index when a guard returns 0 on some targets; absent: everywhere).
   */
  | { kind: 'mapping'; api: string; memKind: string; file: string; span: Span; guards?: string[]; arches?: readonly import('./kbuild').KbuildArch[] }
  | { kind: 'dma-coherent'; api: string; file: string; span: Span }
  | { kind: 'dma-mapped'; api: string; file: string; span: Span }
  | { kind: 'p2pdma'; api: string; file: string; span: Span }
  /**
   * A value, not memory: the DMA address the device uses for the memory of a `dma-coherent` or `dma-mapped` origin
   * with the same span (the `&handle` argument of dma_alloc_coherent(), the result of dma_map_single()).
   */
  | { kind: 'dma-handle'; api: string; file: string; span: Span }
  /** A CPU physical address of a device resource: pci_resource_start(), `pdev->resource[i].start`, `res->start`. */
  | { kind: 'bar-address'; api: string; bus: 'pci' | 'platform'; file: string; span: Span; base?: string }
  /** A PCI bus address: pci_bus_address() (CPU address minus the host-bridge window offset). */
  | { kind: 'bus-address'; api: string; file: string; span: Span }
  /** A `struct resource *` of a device: `&pdev->resource[i]`, pci_resource_n(), platform_get_resource(). */
  | { kind: 'device-resource'; api: string; bus: 'pci' | 'platform'; file: string; span: Span; base?: string };

/** A pointer-valued expression kept symbolic until every file of the project is indexed. */
/** A subscript of a member (`p->arr[i]`): the member's base pointer, its name, and the member's text (`p->arr`). */
export interface MemberSubscript { base: PExpr; field: string; text: string }

export type PExpr =
  | { k: 'origin'; origin: Origin }
  | { k: 'var'; name: string }
  | { k: 'member'; base: PExpr; field: string }
  | { k: 'cast'; type?: string; inner: PExpr }
  | { k: 'index'; base: PExpr }
  | { k: 'addr'; of: PExpr }
  | { k: 'deref'; of: PExpr }
  | { k: 'call'; fn: string; args: PExpr[] }
  /** What `fn` stores through its pointer parameter `param` (`*ptr = devm_ioremap(...)`): the value of a member whose
   * address a call passes there (`request_and_map(pdev, "csr", &res, &mdev->csr)`). */
  | { k: 'stored'; fn: string; param: number; args: PExpr[] }
  | { k: 'union'; parts: PExpr[] }
  /** Some bits of a value (`h & 0xffffffff`, `h >> 32`): a DMA address's halves, written to a device in two words; no pointer. */
  | { k: 'bits'; of: PExpr }
  | { k: 'unknown' };

/** `volatile`: userspace accessors that are plain volatile loads/stores (DPDK rte_*_relaxed, rdma-core mmio_*). */
export type AccessFamily = 'ordered' | 'relaxed' | 'raw' | 'string' | 'toio' | 'copy' | 'port' | 'volatile';

export type Event =
  | { kind: 'access'; api: string; dir: 'read' | 'write'; family: AccessFamily; addr: PExpr; addrText: string; value?: PExpr; valueText?: string; span: Span }
  /** `asm`: written as inline asm (`asm volatile("sfence" ::: "memory")`); `api` is the kernel barrier it equals. */
  /** `written`: the call as written when `api` is not its name (a thread fence keyed by its memory order). */
  | { kind: 'barrier'; api: string; span: Span; asm?: boolean; written?: string }
  /**
   * A read through a pointer. `inCondition`: it decides a branch, directly or through the local it is assigned to;
   * `returned`: it is the function's result (a gate when the call itself is tested). `element`: a subscript of a
   * member (`p->arr[i]`), read by the flow as a load of member `arr` of `*p` when the member is an array. `truth`:
   * the value is used only as a truth value (a condition, an operand of `!`, `&&`, `||`, compared `== 0` / `!= 0`).
   * `uses`: otherwise, when its value (directly or through a local) is used only in equality tests, whole member
   * stores, truth tests and log arguments (value-uses.ts). `scalarCopy`: a memcpy() moving one scalar of this many
   * bytes through a pointer whose type aligns it for that width (scalar-copy.ts; on stores too). `written`: set by the
   * flow when it reads an element as its array member, the expression as written (`p->arr[i]`), for messages.
   */
  | { kind: 'load'; base: PExpr; field?: string; text: string; inCondition: boolean; into?: string; returned?: boolean; volatile?: boolean; viaCall?: string; bytes?: number; element?: MemberSubscript; written?: string; truth?: true; uses?: ValueUses; scalarCopy?: number; span: Span }
  /**
   * `viaCall`: a memcpy/memset/WRITE_ONCE writing through its first argument (targetText is that pointer). `bytes` (on
   * loads too): the access width when the text says it (a cast or a sized pointer local); members' come from the index.
   * `sizeAtRunTime`: a memcpy/memset whose size reads a variable or member (copy-size.ts). `sourceThroughPointer`: a
   * copy whose source is reached through a pointer member (`cmd->cmnd`, copy-size.ts). `op`: a compound assignment's
   * operator (`&=`; `valueText` is then its right operand, not the value stored). `element`: as on loads, a subscript
   * of a member (`regs->data[i] = v`), written by the flow as a store to member `data` of `*regs` when it is an array,
   * keeping the target as written in `written`.
   */
  | { kind: 'store'; base: PExpr; targetText: string; element?: MemberSubscript; written?: string; value?: PExpr; valueText?: string; op?: string; volatile?: boolean; viaCall?: string; sizeAtRunTime?: boolean; sourceThroughPointer?: boolean; bytes?: number; scalarCopy?: number; span: Span }
  /** lock: the lock argument's text, spaces removed (pairs an unlock with its acquisition). */
  | { kind: 'lock'; api: string; lock?: string; span: Span }
  | { kind: 'unlock'; api: string; lock?: string; span: Span }
  /**
   * `resultVar`: the call is `v = f(...)` and the next statement tests `v` (src/analysis/result-tests.ts). `member`: a
   * call through a function-pointer member (`udc->write_fn(...)`, `(*ops->reset)(...)`): `callee` is the member's text,
   * `base` the object holding it; the flow resolves it to the functions ever stored there (ProjectIndex.pointerTargets).
   * `guards`: lower bounds enclosing branches prove for variables it passes (`if (n > 16) f(n)`, call-guards.ts).
   */
  | { kind: 'call'; callee: string; args: PExpr[]; argTexts: string[]; resultUsed: boolean; inCondition?: boolean; resultVar?: string; member?: { base: PExpr; field: string }; guards?: CallGuard[]; span: Span }
  | { kind: 'mapping'; api: string; memKind: string; span: Span; guards?: string[] }
  /**
   * `result`: what the returned value is known to be (`return 0`, `return -EIO`, `return err` inside `if (err)`);
   * `tested`: the value is a variable and `result` what a condition just tested says of it (`if (err) return err;`).
   */
  | { kind: 'return'; result?: import('./result-tests').ResultKind; tested?: true; span: Span };

/**
 * `assume`: the node starts a branch taken only when `cond` (C text naming a parameter) evaluates to `holds`; inlining
 * with constant arguments prunes branches that cannot be taken. `zeroTrip`: the exit a counting `for` loop takes when
 * its body never runs (the path analysis does not take it).
 */
export interface CfgNode {
  event?: Event; succ: number[]; assume?: { cond: string; holds: boolean }; zeroTrip?: boolean;
  /** A write of a tracked variable (Cfg.tracked): the value it stores as a const-cond.ts binding, undefined if unknown. */
  def?: { name: string; value?: string; expr?: PExpr };
  /** Entry of a block a loop macro repeats with no back edge in the graph: what tracked variables held is unknown. */
  havoc?: true;
  /** Entry of a branch only these targets take (`#ifdef CONFIG_ARM64`, `if (IS_ENABLED(CONFIG_X86))`). */
  onlyOn?: import('./kbuild').KbuildArch[];
}

/**
 * Per-function control-flow graph over events: node 0 is the entry, node 1 the exit. `tracked`: the variables some
 * branch condition tests, whose every write is a `def` node (tracked-values.ts).
 */
export interface Cfg { nodes: CfgNode[]; tracked?: string[] }

export const CFG_ENTRY = 0;
export const CFG_EXIT = 1;

export interface VarInfo { type?: string; values: PExpr[]; volatile?: boolean }

/** The type name given to a global's anonymous struct (`static struct { ... } table[N];`): its first variable and file. */
export function anonymousStructName(variable: string, path: string): string {
  return `anon_${variable}_in_${path.slice(path.lastIndexOf('/') + 1).replace(/\W/g, '_')}`;
}

export function isAnonymousStructName(type: string): boolean {
  return type.startsWith('anon_');
}

export interface MemberAssign { base: PExpr; field: string; value: PExpr }

/** What one walk of a function body yields: its control-flow graph and flow-insensitive variable facts. */
export interface BodyFacts {
  cfg: Cfg;
  locals: Record<string, VarInfo>;
  memberAssigns: MemberAssign[];
  returns: PExpr[];
}

/** The text of a function kept for parsing it on demand, with where it starts in its file. */
export interface LazySource { text: string; row: number; col: number }

/** A member whose address a call argument takes, with the call's name and the argument's position. */
export interface AddressedField { field: string; callee: string; arg: number }

export interface FunctionFacts {
  name: string;
  file: string;
  span: Span;
  nameSpan: Span;
  /** `bytes`: the width of a plain scalar parameter (`int n`: 4), when the type says; `pointer`: declared `T *name`. */
  params: { name: string; type?: string; bytes?: number; pointer?: true }[];
  /** Names this function calls (known without parsing its body again). */
  calls: string[];
  /** Fields assigned in this function (`x->f = ...`): a lazy function is parsed when such a member is resolved. */
  writtenFields: string[];
  /**
   * Members whose address the function passes to a call (`request_and_map(pdev, "csr", &res, &mdev->csr)`): a lazy
   * function is parsed for such a member too when the callee stores through a pointer parameter (out-parameters.ts).
   */
  addressedFields?: AddressedField[];
  /** True when the body calls I/O vocabulary itself (accessors, barriers, locks, mappings, DMA allocation). */
  directIo: boolean;
  /** The body's facts: extracted at once for I/O functions, on demand (from `source`) for the others. */
  body?: BodyFacts;
  /** The function's text (a slice of the file's), for extraction on demand and cheap textual tests. */
  source?: LazySource;
  /** True for function-like macros summarised as functions. */
  isMacro?: boolean;
  /** A macro taking `...` (its `params` leave it out). */
  variadic?: boolean;
}

export interface MacroFacts { name: string; params: string[]; body: string; file: string; span: Span }

/**
 * `dma`: declared dma_addr_t (a scalar or an array of them): its values are DMA addresses. `bytes`: the width of the
 * declared scalar type (of an element for an array, of the target for a pointer); `array`: an array member, which
 * used as a value is its address, not a load; `packed`: a member of a packed struct (may be unaligned); `be`: declared
 * `__be16/32/64` (a big-endian register or word); `volatile`: the member itself is volatile-qualified (its loads and
 * stores are volatile accesses). `pointer` and `cpu` also hold for a member whose type is a typedef of a pointer
 * (`volatile PIPS_STATUS p_status_tail`): the project index adds them once it knows every file's typedefs. `order`: a
 * scalar wider than a byte declared in a device's byte order (`fixed`: `__le32`, `__be16`) or the CPU's (`host`: `u32`).
 */
export interface MemberShape { cpu?: true; dma?: true; unit?: string; bytes?: number; array?: true; pointer?: true; packed?: true; be?: true; volatile?: true; order?: 'fixed' | 'host' }

export interface FileFacts {
  path: string;
  functions: FunctionFacts[];
  /** struct name -> field -> field's struct/typedef name (pointer depth ignored). */
  structs: Record<string, Record<string, string | undefined>>;
  /** typedef alias -> struct name. */
  typedefs: Record<string, string>;
  /** Every typedef alias of the file -> whether its declarator makes a pointer (`*PIPS_STATUS`, `(*handler_t)(...)`). */
  typedefPointers?: Record<string, boolean>;
  globals: Record<string, VarInfo>;
  macros: Record<string, MacroFacts>;
  /** Number of ERROR nodes in the parse: syntax errors are data, not failures. */
  syntaxErrors: number;
  /** Names of struct fields declared as pointers: only these can carry a mapping or DMA memory between functions. */
  pointerFields?: string[];
  /**
   * struct name -> field -> what its declaration says about who writes it: `cpu` for pointer and dma_addr_t members
   * (a device writes neither a kernel virtual pointer nor a CPU-endian DMA handle), `unit` for a bitfield's storage unit.
   */
  memberShapes?: Record<string, Record<string, MemberShape>>;
  /** Local headers included with `#include "..."` (base names): files sharing one belong to the same driver. */
  includes?: string[];
  /**
   * The file's `static` functions named outside function bodies (ops tables, `module_init()`, macro bodies): they may
   * be called through a pointer, so the calls the index sees are not all of their calls.
   */
  valueRefs?: string[];
  /**
   * Names (with a lower-case letter) the text outside function bodies and function-like macro definitions names: table
   * values, object-like defines, `module_init(fn)`. A header's `static` helper named there is used (dead-helpers.ts).
   */
  namedOutside?: string[];
  /**
   * Members set outside function bodies (static tables: `.m = fn`): field -> the function names (`name@T` when the
   * table shows the member is struct T's), or `member-functions.ts` UNKNOWN_VALUE for any other value. Calls through
   * such members resolve to those functions.
   */
  memberInits?: Record<string, string[]>;
  /** Types of tables the file initialises without designators (`{ f, g }`): their members' functions are not known. */
  positionalInits?: string[];
  /** Functions the file hands to the kernel as probe/remove/PM/module init-exit entries (`lifecycle-entries.ts`). */
  lifecycleEntries?: string[];
  /** 0-based line -> rule ids silenced there by a `fabric-lens-ignore <rule-id>: reason` comment. */
  suppressions?: Record<number, string[]>;
  /** Lines only some of the four targets compile (`#ifdef CONFIG_X86`, ...): src/analysis/preproc-conditions.ts. */
  archRegions?: import('./preproc-conditions').ArchRegion[];
  /** PCI-fabric facts (device-id tables, drivers, P2P checks, DMA masks, WC mappings): src/analysis/fabric-facts.ts. */
  fabric?: import('./fabric-facts').FabricFacts;
}
