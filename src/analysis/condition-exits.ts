// A branch condition's exits in the flow graph, split by outcome (where control goes when it holds and when it fails),
// and the loads a later condition tests through the local they were assigned to.
import type { Node } from 'web-tree-sitter';
import type { CfgNode } from './facts';
import { calleeName, callArgs } from './syntax';

type Exits = number[];
/** Builds the events of an expression after `preds` and returns its exits (the CFG builder's `expr`). */
type BuildExpr = (node: Node, preds: Exits) => Exits;

/** Only calls, assignments, ++/-- and reads through pointers produce events. */
export const MAY_HAVE_EVENTS = /[(=[*]|->|\+\+|--/;

/**
 * The exits of condition `node` when it holds (`t`) and when it does not (`f`). Short-circuit operators split them:
 * `a && b` holds only after `b` was evaluated, `a || b` fails only after it (`while (budget && is_new(r, q))` enters
 * its body through the call); `!`, parentheses, likely() and unlikely() are seen through.
 */
export function conditionExits(node: Node | null, preds: Exits, expr: BuildExpr): { t: Exits; f: Exits } {
  if (!node || !MAY_HAVE_EVENTS.test(node.text)) return { t: preds, f: preds };
  const inner = testedOperand(node);
  if (inner) return conditionExits(inner, preds, expr);
  if (node.type === 'unary_expression' && node.childForFieldName('operator')?.type === '!') {
    const { t, f } = conditionExits(node.childForFieldName('argument'), preds, expr);
    return { t: f, f: t };
  }
  const op = node.type === 'binary_expression' ? node.childForFieldName('operator')?.type : undefined;
  if (op === '&&' || op === '||') {
    const left = conditionExits(node.childForFieldName('left'), preds, expr);
    const right = conditionExits(node.childForFieldName('right'), op === '&&' ? left.t : left.f, expr);
    return op === '&&' ? { t: right.t, f: uniq([...left.f, ...right.f]) } : { t: uniq([...left.t, ...right.t]), f: right.f };
  }
  const exits = expr(node, preds);
  return { t: exits, f: exits };
}

/** What a condition tests when it only wraps it: `(x)`, `likely(x)`, `unlikely(x)` (pure: no event of their own). */
function testedOperand(node: Node): Node | undefined {
  if (node.type === 'parenthesized_expression' && node.namedChildCount === 1) return node.namedChild(0)!;
  if (node.type !== 'call_expression' || !/^(?:un)?likely$/.test(calleeName(node) ?? '')) return undefined;
  const args = callArgs(node);
  return args.length === 1 ? args[0] : undefined;
}

/** Exits without repeats (two branches may end at the same node). */
export function uniq(xs: Exits): Exits {
  return [...new Set(xs)];
}

/** A load assigned to a local that a later condition tests (`conditionTexts`) decides that branch too. */
export function markTestedLoads(nodes: readonly CfgNode[], conditionTexts: readonly string[]): void {
  for (const n of nodes) {
    const e = n.event;
    if (e?.kind !== 'load' || !e.into || e.inCondition) continue;
    const word = new RegExp(`\\b${e.into}\\b`);
    if (conditionTexts.some((t) => word.test(t))) e.inCondition = true;
  }
}
