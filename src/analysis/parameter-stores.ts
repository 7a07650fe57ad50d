// Functions that store a parameter into a struct member, or pass one to such a function: what their callers pass
// decides that member's origins (origin-resolution.ts follows such a parameter to the calls, STORE_CALLER_LEVELS up).
import type { BodyFacts, FunctionFacts, PExpr } from './facts';
import type { FunctionTable } from './function-lookup';

/** How many callers up a member store's value is followed when it is the storing function's parameter. */
export const STORE_CALLER_LEVELS = 2;

export class ParameterStores {
  /** Per function, per number of levels -> the answer (dropped whenever the functions change). */
  private readonly memo = new Map<FunctionFacts, Map<number, boolean>>();

  constructor(private readonly functions: FunctionTable, private readonly bodyOf: (fn: FunctionFacts) => BodyFacts) {}

  clearCaches(): void { this.memo.clear(); }

  /**
   * True when a call of `name` from `file` hands its arguments to a member store: the function it reaches stores a
   * parameter into a member (through locals too), or passes one to a function that does, `levels` deep in all.
   */
  argumentsReachStore(name: string, file: string, levels = STORE_CALLER_LEVELS): boolean {
    const fn = this.functions.lookupFunction(name, file);
    return fn !== undefined && this.reaches(fn, levels);
  }

  private reaches(fn: FunctionFacts, levels: number): boolean {
    let byLevel = this.memo.get(fn);
    if (!byLevel) { byLevel = new Map(); this.memo.set(fn, byLevel); }
    const hit = byLevel.get(levels);
    if (hit !== undefined) return hit;
    byLevel.set(levels, false); // a recursive call adds nothing
    const result = this.compute(fn, levels);
    byLevel.set(levels, result);
    return result;
  }

  private compute(fn: FunctionFacts, levels: number): boolean {
    if (fn.params.length === 0 || (fn.writtenFields.length === 0 && levels <= 1)) return false;
    const body = this.bodyOf(fn);
    const params = new Set(fn.params.map((p) => p.name));
    const fromParam = (e: PExpr) => readsParameter(e, params, body, new Set());
    if (body.memberAssigns.some((a) => fromParam(a.value))) return true;
    if (levels <= 1) return false;
    return body.cfg.nodes.some((n) => n.event?.kind === 'call' && !n.event.member && n.event.args.some(fromParam)
      && this.argumentsReachStore(n.event.callee, fn.file, levels - 1));
  }
}

/**
 * True when the origins `e` resolves to depend on one of `params`: it is one, a local assigned from one, an offset or
 * cast of one, or an argument of a call resolved through the callee's return. A member read (`p->db`) does not: its
 * origins are the member's stores.
 */
function readsParameter(e: PExpr, params: ReadonlySet<string>, body: BodyFacts, seen: Set<string>): boolean {
  switch (e.k) {
    case 'var': {
      if (params.has(e.name)) return true;
      const local = body.locals[e.name];
      if (!local || seen.has(e.name)) return false;
      seen.add(e.name);
      return local.values.some((v) => readsParameter(v, params, body, seen));
    }
    case 'cast': return readsParameter(e.inner, params, body, seen);
    case 'index': return readsParameter(e.base, params, body, seen);
    case 'addr': case 'deref': return readsParameter(e.of, params, body, seen);
    case 'call': return e.args.some((a) => readsParameter(a, params, body, seen));
    case 'union': return e.parts.some((p) => readsParameter(p, params, body, seen));
    default: return false;
  }
}
