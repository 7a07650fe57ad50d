// Member constants a caller sets before a call (`sp->type = X; start_sp(sp)`): bindings for the inlined helper's
// conditions (flow.ts bindConstants), from the members the function only ever sets to one constant.
import type { CfgNode } from './facts';
import { CFG_ENTRY } from './facts';
import { constantArg, type ConstBindings } from './const-cond';

/** A member the function only ever sets to one constant, and the CFG nodes that store it. */
interface MemberStore { value: string; at: number[] }

const memberStoresMemo = new WeakMap<readonly CfgNode[], Map<string, MemberStore>>();

/** `x->field` targets that the function only ever sets to one and the same constant (kept strict); once per CFG. */
function constantMemberStores(cfgNodes: readonly CfgNode[]): Map<string, MemberStore> {
  const hit = memberStoresMemo.get(cfgNodes);
  if (hit) return hit;
  const seen = new Map<string, MemberStore | null>();
  cfgNodes.forEach(({ event: e }, i) => {
    if (e?.kind !== 'store' || !/^\w+->\w+$/.test(e.targetText)) return;
    const prev = seen.get(e.targetText);
    if (prev === null) return;
    const value = constantArg(e.valueText);
    if (value === undefined || (prev && prev.value !== value)) seen.set(e.targetText, null);
    else if (prev) prev.at.push(i);
    else seen.set(e.targetText, { value, at: [i] });
  });
  const out = new Map([...seen].filter((entry): entry is [string, MemberStore] => entry[1] !== null));
  memberStoresMemo.set(cfgNodes, out);
  return out;
}

/**
 * The member constants set on every path from the entry to CFG node `call` (`sp->type = X; start_sp(sp)`), not those
 * stored only after the call or on some paths to it.
 */
export function storedBefore(cfgNodes: readonly CfgNode[], call: number, argTexts: string[]): ConstBindings {
  const out = new Map<string, string>();
  const stores = constantMemberStores(cfgNodes);
  const passed = argTexts.map((t) => `${t.trim()}->`);
  for (const [target, { value, at }] of stores) {
    if (passed.some((p) => target.startsWith(p)) && !reachableAvoiding(cfgNodes, call, new Set(at))) out.set(target, value);
  }
  return out;
}

function reachableAvoiding(cfgNodes: readonly CfgNode[], target: number, avoid: Set<number>): boolean {
  const seen = new Set<number>([CFG_ENTRY]);
  const stack = [CFG_ENTRY];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === target) return true;
    for (const s of cfgNodes[id].succ) if (!seen.has(s) && !avoid.has(s)) { seen.add(s); stack.push(s); }
  }
  return false;
}
