// A load made only as an argument of a call through a function-pointer member that no analysed file ever sets
// (ngene's `exch2 = chan->pBufferExchange2; if (exch2) exch2(..., Cur->ngeneBuffer.SR.Clock, ...)`): the call cannot
// run in a working kernel, so neither does the load.
import type { FunctionFlow } from '../analysis/flow';
import { sameStart, spanWithin, type Event, type PExpr } from '../analysis/facts';
import type { ProjectIndex } from '../analysis/project-index';
import { codeOnly } from '../analysis/text-scan';

/**
 * True when the load at `at` (of the function's own body) lies inside a call of the function's own body (its CFG: a
 * call through a member with no known target has no flow node) whose callee is a member never set (`p->fn(...)`), or a local whose every assignment in the function reads
 * such a member (`f = p->fn; ... f(...)`), the local a plain name whose address is never taken.
 */
export function argumentOfUnsetPointerCall(index: ProjectIndex | undefined, flow: FunctionFlow, at: number): boolean {
  if (!index) return false;
  const ctx = { fn: flow.fn, depth: 0 };
  return callsAround(index, flow, at).some((e) => calledMembers(flow, e)?.every((m) => index.pointerNeverSet(m.base, m.field, ctx)) === true);
}

export type CallEvent = Event & { kind: 'call' };

/**
 * The function-pointer members a call goes through: its own member (`p->fn(...)`), or every member a local callee is
 * assigned from (`f = p->fn; ... f(...)`, localSources()); undefined for any other callee.
 */
export function calledMembers(flow: FunctionFlow, call: CallEvent): { base: PExpr; field: string }[] | undefined {
  if (call.member) return [call.member];
  return localSources(flow, call.callee)?.map(([base, field]) => ({ base: { k: 'var', name: base }, field }));
}

/** The calls of the function's own body (its CFG) whose argument list holds the load at `at` (of the function's own body). */
export function callsAround(index: ProjectIndex, flow: FunctionFlow, at: number): CallEvent[] {
  const load = flow.nodes[at];
  if (load.chain.length) return [];
  return index.bodyOf(flow.fn).cfg.nodes.flatMap((n) => {
    const e = n.event;
    return e?.kind === 'call' && spanWithin(load.site, e.span) && !sameStart(load.site, e.span) ? [e] : [];
  });
}

/**
 * The `[base, field]` of every assignment of local `name` in the function's text, when each is `name = base->field`
 * (or `.field`, or a declaration's initialiser) and `name` is no parameter and its address is never taken.
 */
function localSources(flow: FunctionFlow, name: string): [string, string][] | undefined {
  if (!/^[A-Za-z_]\w*$/.test(name) || flow.fn.params.some((p) => p.name === name)) return undefined;
  const text = codeOnly(flow.fn.source?.text ?? '');
  if (new RegExp(`&\\s*${name}\\b`).test(text)) return undefined;
  const out: [string, string][] = [];
  for (const m of text.matchAll(new RegExp(`(?<![\\w.>])${name}\\s*([-+*/%&|^]|<<|>>)?=(?!=)([^;]*);`, 'g'))) {
    const src = /^\s*\(?\s*([A-Za-z_]\w*)\s*(?:->|\.)\s*([A-Za-z_]\w*)\s*\)?\s*$/.exec(m[2]);
    if (m[1] || !src) return undefined;
    out.push([src[1], src[2]]);
  }
  return out.length ? out : undefined;
}
