// Whether a call the flow graph does not follow may itself be what makes a device read the memory stored before it: it
// writes a device register (through the helpers it calls), starts a DMA engine, or enters the secure firmware.
import type { FlowNode, FunctionFlow } from '../analysis/flow';
import type { FunctionFacts } from '../analysis/facts';
import type { ProjectIndex } from '../analysis/project-index';
import { ACCESSORS, HAND_OVER_CALLS } from '../analysis/vocabulary';

const names = [...[...ACCESSORS].filter(([, a]) => a.dir === 'write').map(([n]) => n), ...HAND_OVER_CALLS];
const HANDING_CALL = new RegExp(`\\b(?:${names.join('|')})\\s*\\(`);

const memo = new WeakMap<ProjectIndex, Map<FunctionFacts, boolean>>();

/**
 * True for a call node left opaque (beyond the inlining depth, too large to inline, or outside the project) whose
 * callee may hand the memory to a device: a HAND_OVER_CALLS call itself, or a function of the index that writes a
 * device register or makes such a call, itself or through the functions it calls. The first doorbell after a store may
 * then be inside that call, where this flow cannot see whether it is ordered.
 */
export function handsOver(flow: FunctionFlow, node: FlowNode, index: ProjectIndex | undefined): boolean {
  const e = node.event;
  if (e?.kind !== 'call') return false;
  if (HAND_OVER_CALLS.has(e.callee)) return true;
  if (!index) return false;
  const scope = node.chain.reduce<FunctionFacts | undefined>((f, name) => f && index.lookupFunction(name, f.file), flow.fn);
  const callee = scope && index.lookupFunction(e.callee, scope.file);
  return callee !== undefined && reachesHandOver(index, callee, new Set());
}

/** The function's text calls a device write or a hand-over, or a function it calls does (memoised per index). */
function reachesHandOver(index: ProjectIndex, fn: FunctionFacts, seen: Set<FunctionFacts>): boolean {
  let known = memo.get(index);
  if (!known) memo.set(index, (known = new Map()));
  const hit = known.get(fn);
  if (hit !== undefined) return hit;
  if (seen.has(fn)) return false;
  seen.add(fn);
  let result = HANDING_CALL.test(fn.source?.text ?? '');
  for (const name of result ? [] : fn.calls) {
    const callee = index.lookupFunction(name, fn.file);
    if (callee && callee !== fn && reachesHandOver(index, callee, seen)) { result = true; break; }
  }
  known.set(fn, result);
  return result;
}
