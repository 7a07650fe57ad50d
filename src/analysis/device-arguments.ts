// Helpers that store through a pointer parameter (a descriptor-fill helper: `d->addr = ...`), and whether a call hands
// such a parameter device memory: then the call is inlined, so the stores count where the caller rings.
import type { FunctionFacts, Origin, PExpr } from './facts';
import type { Ctx, ProjectIndex } from './project-index';

/** Helpers this small are inlined for their parameter stores (a fill helper, not a whole transmit routine). */
const MAX_HELPER_CHARS = 1200;

/** Memory a device reads or that is device memory: DMA buffers and I/O mappings (not memremap'ed or P2PDMA memory). */
function isDeviceMemory(o: Origin): boolean {
  return o.kind === 'dma-coherent' || o.kind === 'dma-mapped' || (o.kind === 'mapping' && !o.memKind.startsWith('memremap'));
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

/** The text assigns, increments or decrements the name itself. */
function reassigned(text: string, name: string): boolean {
  return new RegExp(`(?:\\+\\+|--)\\s*\\b${name}\\b|\\b${name}\\s*(?:\\+\\+|--|[-+*/|&^]?=(?!=))`).test(text);
}

export class DeviceArguments {
  private readonly memo = new Map<FunctionFacts, ReadonlySet<number>>();

  constructor(private readonly index: ProjectIndex) {}

  /**
   * The positions of `fn`'s parameters that its own body stores through and never moves (`r++` would make the caller's
   * argument stand for another entry); none for large functions.
   */
  storedThroughParams(fn: FunctionFacts): ReadonlySet<number> {
    let hit = this.memo.get(fn);
    if (hit) return hit;
    hit = new Set<number>();
    this.memo.set(fn, hit);
    if (fn.isMacro || fn.params.length === 0 || (fn.source?.text.length ?? 0) > MAX_HELPER_CHARS) return hit;
    const position = new Map(fn.params.map((p, i) => [p.name, i]));
    const locals = this.index.bodyOf(fn).locals;
    for (const { event: e } of this.index.bodyOf(fn).cfg.nodes) {
      if (e?.kind !== 'store') continue;
      const root = rootVar(e.base);
      const at = root !== undefined && !(root in locals) && !reassigned(fn.source?.text ?? '', root) ? position.get(root) : undefined;
      if (at !== undefined) (hit as Set<number>).add(at);
    }
    return hit;
  }

  /** A call of `callee` that passes device memory (resolved in the caller's `ctx`) to a parameter the callee stores through. */
  passesDeviceMemory(callee: FunctionFacts, args: readonly PExpr[], ctx: Ctx): boolean {
    for (const at of this.storedThroughParams(callee)) {
      if (args[at] && this.index.resolve(args[at], ctx).some(isDeviceMemory)) return true;
    }
    return false;
  }
}
