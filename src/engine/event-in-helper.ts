// Where an event inlined from a helper sits in the helper's own file: a finding at a call carries it (Finding.at), so
// that the helper's own report of the same event stands for the call (check.ts `reportedInside`).
import type { FunctionFacts, Span } from '../analysis/facts';
import type { FlowNode } from '../analysis/flow';
import type { Finding } from './findings';
import type { RuleContext } from './rules/rule';

/** The function whose body holds the event: the analysed one, or the inlined helper at the end of the node's chain. */
export function eventFunction(ctx: RuleContext, n: FlowNode): FunctionFacts | undefined {
  let fn: FunctionFacts | undefined = ctx.flow.fn;
  for (const name of n.chain) fn = fn && ctx.index?.lookupFunction(name, fn.file);
  return fn;
}

/** For an event inlined from a helper (`span` its place in the helper's text): where it is, and the chain of helpers to it. */
export function eventInHelper(ctx: RuleContext, n: FlowNode, span: Span): Finding['at'] {
  if (!n.chain.length) return undefined;
  const fn = eventFunction(ctx, n);
  return fn ? { file: fn.file, span, chain: n.chain } : undefined;
}
