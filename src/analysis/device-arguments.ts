// Helpers that store through a pointer parameter (a descriptor-fill helper: `d->addr = ...`) or MMIO-write through one,
// and whether a call hands such a parameter device memory: then the call is inlined and its caller checked, so the
// stores count where the caller rings (a write-combining burst through the parameter, where the caller maps it).
import type { FunctionFacts, Origin, PExpr } from './facts';
import type { Ctx, ProjectIndex } from './project-index';
import { isWcKind } from './vocabulary';
import { isDeviceMemory } from './member-mentions';

/** Helpers this small are inlined for their parameter stores (a fill helper, not a whole transmit routine). */
const MAX_HELPER_CHARS = 1200;

function isWcMapping(o: Origin): boolean {
  return o.kind === 'mapping' && isWcKind(o.memKind);
}

/** The variable a pointer expression starts from (`d` of `d->ring[i].addr`, of `(u32 *)d + 1`). */
function rootVar(e: PExpr): string | undefined {
  switch (e.k) {
    case 'var': return e.name;
    case 'member': return rootVar(e.base);
    case 'cast': return rootVar(e.inner);
    case 'index': return rootVar(e.base);
    case 'deref': return rootVar(e.of);
    case 'addr': return rootVar(e.of);
    default: return undefined;
  }
}

/**
 * The memory a pointer argument points into: for `&p->m`, the struct `*p`, not what the member holds (SPDK's
 * `alloc_cmb(ctrlr, n, align, &pqpair->cmd_bus_addr)` stores a bus address into host memory, though the member's
 * value is computed from the BAR's address).
 */
function pointee(e: PExpr): PExpr {
  return e.k === 'addr' && e.of.k === 'member' ? e.of.base : e;
}

/** A helper small enough to be inlined for its parameter stores, with parameters to store through. */
function smallHelper(fn: FunctionFacts): boolean {
  return !fn.isMacro && fn.params.length > 0 && (fn.source?.text.length ?? 0) <= MAX_HELPER_CHARS;
}

/**
 * The text assigns, increments or decrements the name itself. A store through it (`*p = v`, `*(volatile u32 *)p = v`,
 * `*p += v`) moves nothing; `*p++ = v` does.
 */
function reassigned(text: string, name: string): boolean {
  return new RegExp(`(?:\\+\\+|--)\\s*\\b${name}\\b|\\b${name}\\s*(?:\\+\\+|--)|(?<![*)]\\s*)\\b${name}\\s*[-+*/|&^]?=(?!=)`).test(text);
}

/** A helper's parameters it stores through (plain stores), and those it writes device registers through (MMIO). */
interface ParamUse { stores: ReadonlySet<number>; writes: ReadonlySet<number> }
const NONE: ParamUse = { stores: new Set(), writes: new Set() };

export class DeviceArguments {
  private readonly memo = new Map<FunctionFacts, ParamUse>();

  constructor(private readonly index: ProjectIndex) {}

  /**
   * The positions of `fn`'s parameters that its own body stores or MMIO-writes through and never moves (`r++` would
   * make the caller's argument stand for another entry); none for large functions.
   */
  paramUse(fn: FunctionFacts): ParamUse {
    const hit = this.memo.get(fn);
    if (hit) return hit;
    this.memo.set(fn, NONE);
    if (!smallHelper(fn)) return NONE;
    const position = new Map(fn.params.map((p, i) => [p.name, i]));
    const locals = this.index.bodyOf(fn).locals;
    const param = (e: PExpr) => {
      const root = rootVar(e);
      return root !== undefined && !(root in locals) && !reassigned(fn.source?.text ?? '', root) ? position.get(root) : undefined;
    };
    const use = { stores: new Set<number>(), writes: new Set<number>() };
    for (const { event: e } of this.index.bodyOf(fn).cfg.nodes) {
      const at = e?.kind === 'store' ? param(e.base) : e?.kind === 'access' && e.dir === 'write' ? param(e.addr) : undefined;
      if (at !== undefined) (e!.kind === 'store' ? use.stores : use.writes).add(at);
    }
    this.memo.set(fn, use);
    return use;
  }

  /**
   * A call of `callee` that passes device memory (resolved in the caller's `ctx`) to a parameter the callee stores
   * through, or a write-combining mapping to one it MMIO-writes through (a burst only the caller can see is one).
   */
  passesDeviceMemory(callee: FunctionFacts, args: readonly PExpr[], ctx: Ctx): boolean {
    if (!smallHelper(callee)) return false;
    // The arguments first: most calls pass no device memory, and paramUse() extracts the helper's body.
    const origins = args.map((a) => this.index.resolve(pointee(a), ctx));
    if (!origins.some((os) => os.some((o) => isDeviceMemory(o) || isWcMapping(o)))) return false;
    const { stores, writes } = this.paramUse(callee);
    return [...stores].some((at) => origins[at]?.some(isDeviceMemory)) || [...writes].some((at) => origins[at]?.some(isWcMapping));
  }
}
