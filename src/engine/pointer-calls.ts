// What a call through a function-pointer member certainly does: what every function the member may hold does on every
// path through it (a must-fact), so a barrier or a tracked write counts only when no target lacks it.
import type { FlowNode, FunctionFlow } from '../analysis/flow';
import { FLOW_ENTRY, FLOW_EXIT } from '../analysis/flow';
import { ARCHES } from './arch';
import { predecessors } from './pending';

const ALL = (1 << ARCHES.length) - 1;
const memo = new WeakMap<FunctionFlow, Map<string, number>>();

/**
 * The architectures (mask bits) on which every path from the flow's entry to its exit passes a node `gen` credits
 * there with no node `kill` withdraws it after; `key` names the pair for the memo. A flow whose exit no path reaches
 * gets nothing.
 */
export function mustOnEveryPath(flow: FunctionFlow, key: string, gen: (n: FlowNode) => number, kill?: (n: FlowNode) => number): number {
  let byKey = memo.get(flow);
  if (!byKey) { byKey = new Map(); memo.set(flow, byKey); }
  const hit = byKey.get(key);
  if (hit !== undefined) return hit;
  byKey.set(key, 0);
  const result = solve(flow, gen, kill);
  byKey.set(key, result);
  return result;
}

/** Forward must-analysis: out = (AND of the predecessors' out) & ~kill | gen, iterated to a fixed point from "all". */
function solve(flow: FunctionFlow, gen: (n: FlowNode) => number, kill?: (n: FlowNode) => number): number {
  const { nodes } = flow;
  const preds = predecessors(flow);
  if (preds[FLOW_EXIT].length === 0) return 0;
  const own = nodes.map((n) => gen(n) & ALL);
  const drop = nodes.map((n) => (kill ? kill(n) & ALL : 0));
  const out = nodes.map((_, i) => (i === FLOW_ENTRY ? own[i] : ALL));
  for (let changed = true; changed;) {
    changed = false;
    for (let i = 0; i < nodes.length; i++) {
      if (i === FLOW_ENTRY || preds[i].length === 0) continue;
      const v = (preds[i].reduce((m, p) => m & out[p], ALL) & ~drop[i]) | own[i];
      if (v !== out[i]) { out[i] = v; changed = true; }
    }
  }
  return out[FLOW_EXIT];
}

/** What every target of a pointer call (FlowNode.targets) credits on every path; 0 for any other node. */
export function mustAcrossTargets(node: FlowNode, key: string, gen: (n: FlowNode) => number, kill?: (n: FlowNode) => number): number {
  if (!node.targets?.length) return 0;
  return node.targets.reduce((m, f) => m & mustOnEveryPath(f, key, gen, kill), ALL);
}

/** The functions a pointer call may reach, for messages: `xudc_write32(), xudc_write32_be()`. */
export function targetNames(node: FlowNode): string {
  return (node.targets ?? []).map((f) => `${f.fn.name}()`).join(', ');
}
