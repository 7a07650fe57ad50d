// A load whose value is only an argument that no callee reads (ngene's `exch1(chan, Cur->Buffer1, len,
// Cur->ngeneBuffer.SR.Clock, Flags)`, where both functions stored in `pBufferExchange` ignore `clock`): a stale value
// there reaches nothing, so no read barrier is missing for it.
import type { FunctionFlow } from '../analysis/flow';
import type { FunctionFacts } from '../analysis/facts';
import type { ProjectIndex } from '../analysis/project-index';
import { codeOnly } from '../analysis/text-scan';
import { calledMembers, callsAround, type CallEvent } from './unset-pointer-call';

/**
 * True when the load at `at` (of the function's own body) is, whole, argument k of a call of the function's own body,
 * and every function that call can reach is known and never names its k-th parameter: a direct call's definition, or
 * every function ever stored in the member called through (`p->fn(...)`, or a local assigned only from such members).
 */
export function argumentNoCalleeReads(index: ProjectIndex | undefined, flow: FunctionFlow, at: number): boolean {
  const e = flow.nodes[at].event;
  if (!index || e?.kind !== 'load') return false;
  const text = squeeze(e.text);
  return callsAround(index, flow, at).some((call) => {
    const k = call.argTexts.findIndex((a) => squeeze(a) === text);
    const targets = k < 0 ? undefined : callees(index, flow, call);
    return targets !== undefined && targets.length > 0 && targets.every((fn) => ignoresParameter(fn, k));
  });
}

/** Byte-order conversions and casts around a value, which pass it on whole (`le32_to_cpu(h->stamp)`, `(u32)x`). */
const PASS_ON = /^(?:\((?:const)?(?:unsigned|signed)?(?:int|long|longlong|short|char|(?:__)?[us](?:8|16|32|64)|u?int(?:8|16|32|64)_t|size_t|dma_addr_t)\)|(?:le|be)(?:16|32|64)_to_cpu(?=\())/;

/** The expression without whitespace, and without the conversions and casts that pass its value on whole. */
function squeeze(text: string): string {
  let t = text.replace(/\s+/g, '');
  for (let m = PASS_ON.exec(t); m; m = PASS_ON.exec(t)) t = t.slice(m[0].length);
  while (/^\(.*\)$/.test(t) && balanced(t.slice(1, -1))) t = t.slice(1, -1);
  return t;
}

function balanced(t: string): boolean {
  let depth = 0;
  for (const c of t) { depth += c === '(' ? 1 : c === ')' ? -1 : 0; if (depth < 0) return false; }
  return depth === 0;
}

/** Every function the call can reach, or undefined when one is not known. */
function callees(index: ProjectIndex, flow: FunctionFlow, call: CallEvent): FunctionFacts[] | undefined {
  const ctx = { fn: flow.fn, depth: 0 };
  const members = calledMembers(flow, call);
  if (members) {
    const all = members.map((m) => index.pointerTargets(m.base, m.field, ctx));
    return all.every((t) => t !== undefined) ? [...new Set(all.flatMap((t) => t ?? []))] : undefined;
  }
  if (flow.fn.params.some((p) => p.name === call.callee) || index.bodyOf(flow.fn).locals[call.callee]) return undefined; // a function pointer held in a variable
  const fn = index.lookupFunction(call.callee, flow.fn.file);
  return fn && !fn.isMacro ? [fn] : undefined;
}

/** The function has a k-th named parameter (not `...`) and its body never names it. */
function ignoresParameter(fn: FunctionFacts, k: number): boolean {
  const name = fn.params[k]?.name;
  const text = codeOnly(fn.source?.text ?? '');
  const open = text.indexOf('{');
  if (!name || !/^[A-Za-z_]\w*$/.test(name) || open < 0) return false;
  return !new RegExp(`\\b${name}\\b`).test(text.slice(open));
}
