// A call deciding a branch, of a helper left opaque (it does no I/O, so it is not inlined) whose result is a read of a
// member of one of its parameters (cxgb3 `is_new_response(r, q)`: `return (r->intr_gen & F_RSPD_GEN2) == q->gen;`):
// a tested read of the descriptor the caller passes for that parameter, resolved in the caller.
import type { FunctionFacts, PExpr } from '../analysis/facts';
import type { FlowNode, FunctionFlow } from '../analysis/flow';
import type { ProjectIndex } from '../analysis/project-index';
import { writesVariable } from '../analysis/statement-shapes';
import { isDmaVisible, originSite } from './ordering';

const memo = new WeakMap<ProjectIndex, Map<FunctionFacts, number[]>>();

/**
 * For a call in the analysed function's own body (not inside an inlined helper, whose arguments are bound elsewhere)
 * whose result decides a branch: whether the argument of a parameter the helper's result reads a member of points
 * into one of `sites` (the mapping sites of a coherent/streaming DMA ring).
 */
export function testsArgumentInCall(index: ProjectIndex, flow: FunctionFlow, n: FlowNode, sites: ReadonlySet<string>): boolean {
  const e = n.event;
  if (e?.kind !== 'call' || !e.inCondition || e.member || n.chain.length !== 0) return false;
  const callee = index.lookupFunction(e.callee, flow.fn.file);
  if (!callee || callee.isMacro) return false;
  return testedParams(index, callee).some((i) => {
    const arg = e.args[i];
    return !!arg && index.resolve(arg, { fn: flow.fn, depth: 0 }).some((o) => isDmaVisible(o) && sites.has(originSite(o)));
  });
}

/**
 * The positions of the parameters whose member the helper's result reads, when its body is straight-line (no branch
 * can skip the read or return another value): `return (r->gen & 1) == q->phase;`.
 */
function testedParams(index: ProjectIndex, fn: FunctionFacts): number[] {
  let byFn = memo.get(index);
  if (!byFn) { byFn = new Map(); memo.set(index, byFn); }
  let out = byFn.get(fn);
  if (out === undefined) { out = findTestedParams(index, fn); byFn.set(fn, out); }
  return out;
}

function findTestedParams(index: ProjectIndex, fn: FunctionFacts): number[] {
  const nodes = index.bodyOf(fn).cfg.nodes;
  if (nodes.some((c) => c.succ.length > 1)) return [];
  const names = new Set<string>();
  for (const c of nodes) {
    const e = c.event;
    const name = e?.kind === 'load' && e.returned && e.field ? paramName(e.base) : undefined;
    if (name) names.add(name);
  }
  const text = fn.source?.text ?? ''; // a parameter written (`r++`, `r = r->next`) may point elsewhere by the read
  return fn.params.flatMap((p, i) => (p.name && names.has(p.name) && !writesVariable(text, p.name) ? [i] : []));
}

/** The variable a pointer expression names, through casts. */
function paramName(e: PExpr): string | undefined {
  if (e.k === 'cast') return paramName(e.inner);
  return e.k === 'var' ? e.name : undefined;
}
