// Path feasibility from values: which branches a path leaving a given node cannot take, because what it wrote or
// tested before decides them (`tx_started |= 1 << port` then `if (tx_started)`; `if (ep->epnum > 0)` then an inlined
// helper's `if (ep->epnum == 0)`). Follows the flow nodes' PathFacts (src/analysis/path-facts.ts) forwards.
import type { FlowNode, FunctionFlow } from '../analysis/flow';
import type { Origin } from '../analysis/facts';
import { FLOW_ENTRY } from '../analysis/flow';
import type { PathFact } from '../analysis/path-facts';
import { evaluateCondition, NON_NULL_BINDING } from '../analysis/const-cond';
import { conditionFacts, rootOf } from '../analysis/tracked-values';

/** Known values (const-cond.ts bindings) of variable paths, and the pointers handed to code that may keep them. */
interface State { values: Map<string, string>; escaped: Set<string> }

/** Per source node: the branch nodes a path from it cannot enter, or null when no path from the entry reaches it. */
export interface Feasibility { blockedFrom(source: number): Set<number> | null }

/** Work limit (node visits) for one flow's analyses together; beyond it nothing more is pruned. */
const MAX_VISITS = 200_000;

/** Bindings that bind nothing: evaluateCondition() then decides only conditions of numbers (`if (0)`). */
const CONSTANTS_ONLY: ReadonlyMap<string, string> = new Map([['', '']]);

const memo = new WeakMap<FunctionFlow, Feasibility | null>();

/** Undefined when no branch of the flow tests a tracked variable (nothing to decide). */
export function pathFeasibility(flow: FunctionFlow): Feasibility | undefined {
  let hit = memo.get(flow);
  if (hit === undefined) memo.set(flow, (hit = decides(flow) ? build(flow) : null));
  return hit ?? undefined;
}

function decides(flow: FunctionFlow): boolean {
  return flow.nodes.some((n) => n.facts?.some((f) => f.kind === 'assume' && /(?<![\w.>])(?!__unknown_root)[a-z_]\w*(?!\s*\()|^\d+$/.test(f.cond)));
}

function build(flow: FunctionFlow): Feasibility {
  const budget = { visits: 0 };
  const { nodes } = flow;
  const fromEntry = propagate(nodes, FLOW_ENTRY, { values: new Map(), escaped: new Set() }, budget);
  const cache = new Map<number, Set<number> | null>();
  const fromDef = new Map<number, Run | undefined>();
  /** Paths from a write of `key` until the next write of it: the states the value written reaches nodes with. */
  const defRun = (d: number, key: string): Run | undefined => {
    if (fromDef.has(d)) return fromDef.get(d);
    const at = fromEntry.states[d];
    const after = at && transfer(nodes[d], at);
    const run = after && budget.visits <= MAX_VISITS ? propagate(nodes, d, after, budget, true, (id) => id !== d && definesKey(nodes[id], key)) : undefined;
    fromDef.set(d, run?.complete ? run : undefined);
    return fromDef.get(d);
  };
  /** The nodes no path from `source` entered with `state` can enter (undefined: not worked out). */
  const blockedAfter = (source: number, state: State): Set<number> | undefined => {
    const after = transfer(nodes[source], state);
    if (after === undefined) return new Set(nodes.map((_, i) => i));
    const run = budget.visits > MAX_VISITS ? undefined : propagate(nodes, source, after, budget, true);
    return run?.complete ? run.blocked : undefined;
  };
  /**
   * For a load or store through a tracked variable: the paths that matter start where the variable is given the
   * memory the access's origins name (`av = ah->av`, not `av = kmalloc(...)`); a branch is blocked when it is on every
   * such path (or, undefined, this cannot be worked out; null: no such write reaches the access).
   */
  const viaWrites = (source: number): Set<number> | null | undefined => {
    const key = nodes[source].baseKey;
    if (key === undefined || nodes[source].origins.length === 0) return undefined;
    const sites = new Set(nodes[source].origins.map(originKey));
    let out: Set<number> | undefined;
    let reached = false;
    for (let d = 0; d < nodes.length; d++) {
      const n = nodes[d];
      if (!definesKey(n, key)) continue;
      const stored = n.defOrigins?.();
      if (stored && !stored.some((o) => sites.has(originKey(o)))) continue;
      const run = defRun(d, key);
      if (run === undefined) return undefined;
      const at = run.states[source];
      if (at === undefined) continue;
      reached = true;
      const blocked = blockedAfter(source, at);
      if (blocked === undefined) return undefined;
      out = out === undefined ? blocked : new Set([...out].filter((b) => blocked.has(b)));
    }
    return reached ? out : null;
  };
  return {
    blockedFrom(source) {
      let out = cache.get(source);
      if (out !== undefined) return out;
      const at = fromEntry.states[source];
      if (!fromEntry.complete) out = new Set();
      else if (at === undefined) out = null;
      else {
        const own = blockedAfter(source, at) ?? new Set<number>();
        const via = viaWrites(source);
        out = via === null ? null : via === undefined ? own : new Set([...own, ...via]);
      }
      cache.set(source, out);
      return out;
    },
  };
}

interface Run { states: (State | undefined)[]; blocked: Set<number>; complete: boolean }

function originKey(o: Origin): string {
  return `${o.kind}:${o.file}:${o.span.start.line}:${o.span.start.character}`;
}

/** A plain write of the variable `key` (a def node of it). */
function definesKey(n: FlowNode, key: string): boolean {
  return n.facts?.some((f) => f.kind === 'def' && f.key === key && !f.under) === true;
}

/**
 * Forward dataflow from `start` (its out-state `init` when `skipStart`, else its in-state): per node the state on
 * entering it (undefined: no path reaches it), and the nodes a reaching path cannot enter (their facts contradict).
 */
function propagate(nodes: readonly FlowNode[], start: number, init: State, budget: { visits: number }, skipStart = false, stop?: (id: number) => boolean): Run {
  const states: (State | undefined)[] = new Array(nodes.length);
  const blocked = new Set<number>();
  const queued = new Uint8Array(nodes.length);
  const work: number[] = [];
  const push = (id: number, s: State) => {
    const before = states[id];
    const merged = before === undefined ? s : meet(before, s);
    if (before !== undefined && same(before, merged)) return;
    states[id] = merged;
    if (!queued[id]) { queued[id] = 1; work.push(id); }
  };
  if (skipStart) for (const s of nodes[start].succ) push(s, init);
  else push(start, init);
  while (work.length) {
    if (++budget.visits > MAX_VISITS) return { states, blocked, complete: false };
    const id = work.pop()!;
    queued[id] = 0;
    if (stop?.(id)) continue;
    const out = transfer(nodes[id], states[id]!);
    if (out === undefined) { blocked.add(id); continue; }
    blocked.delete(id);
    for (const s of nodes[id].succ) push(s, out);
  }
  return { states, blocked, complete: true };
}

function meet(a: State, b: State): State {
  if (a === b) return a;
  const values = new Map<string, string>();
  for (const [k, v] of a.values) {
    const w = b.values.get(k);
    if (w === v) values.set(k, v);
    else if (w !== undefined && v.startsWith('>=') && w.startsWith('>=')) values.set(k, `>=${Math.min(Number(v.slice(2)), Number(w.slice(2)))}`);
  }
  const escaped = b.escaped.size === 0 ? a.escaped : a.escaped.size === 0 ? b.escaped : new Set([...a.escaped, ...b.escaped]);
  return { values, escaped };
}

function same(a: State, b: State): boolean {
  if (a.values.size !== b.values.size || a.escaped.size !== b.escaped.size) return false;
  for (const [k, v] of a.values) if (b.values.get(k) !== v) return false;
  for (const r of a.escaped) if (!b.escaped.has(r)) return false;
  return true;
}

/** The state after a node, or undefined when its facts contradict the state (a branch this path cannot take). */
function transfer(n: FlowNode, s: State): State | undefined {
  if (!n.facts) return s;
  let cur = s;
  for (const f of n.facts) {
    const next = apply(f, cur);
    if (next === undefined) return undefined;
    cur = next;
  }
  return cur;
}

function apply(f: PathFact, s: State): State | undefined {
  switch (f.kind) {
    case 'assume': return assume(f.cond, f.holds, s);
    case 'def': return write(f, s);
    case 'call': return call(f.args, s);
    case 'escape': return { values: s.values, escaped: new Set([...s.escaped, f.root]) };
    case 'havoc': return { values: new Map(), escaped: s.escaped };
  }
}

function assume(cond: string, holds: boolean, s: State): State | undefined {
  if (decide(cond, s.values) === !holds) return undefined;
  const facts = factsOfCondition(cond, holds);
  if (facts.length === 0) return s;
  const values = new Map(s.values);
  for (const [k, v] of facts) {
    const old = values.get(k);
    if (old === undefined || stronger(v, old)) values.set(k, v);
  }
  return { values, escaped: s.escaped };
}

/** Per condition: the variable paths evaluateCondition() looks up in it (it reads every operand). */
const pathsRead = new Map<string, string[]>();
/** Condition and the values of the paths it reads -> its truth; conditions recur on every visit of their node. */
const decided = new Map<string, boolean | undefined>();
const factsMemo = new Map<string, [string, string][]>();
const MEMO_LIMIT = 100_000;

/** evaluateCondition(cond, values), remembered by the values of the paths the condition reads. */
function decide(cond: string, values: ReadonlyMap<string, string>): boolean | undefined {
  let paths = pathsRead.get(cond);
  if (paths === undefined) {
    const seen: string[] = [];
    evaluateCondition(cond, { size: 1, get: (p: string) => { seen.push(p); return undefined; } });
    if (pathsRead.size >= MEMO_LIMIT) pathsRead.clear();
    pathsRead.set(cond, (paths = seen));
  }
  let key = cond;
  const bound = new Map<string, string>();
  for (const p of paths) {
    const v = values.get(p);
    if (v !== undefined) { bound.set(p, v); key += `\0${p}\0${v}`; }
  }
  if (decided.has(key)) return decided.get(key);
  const out = evaluateCondition(cond, bound.size ? bound : CONSTANTS_ONLY);
  if (decided.size >= MEMO_LIMIT) decided.clear();
  decided.set(key, out);
  return out;
}

/** conditionFacts() of a branch taken or not, without the variables that have no name here (remembered). */
function factsOfCondition(cond: string, holds: boolean): [string, string][] {
  const key = `${holds ? 1 : 0}${cond}`;
  let out = factsMemo.get(key);
  if (out === undefined) {
    out = conditionFacts(cond, holds).filter(([k]) => !k.startsWith('__unknown_root'));
    if (factsMemo.size >= MEMO_LIMIT) factsMemo.clear();
    factsMemo.set(key, out);
  }
  return out;
}

/** A constant is stronger than nonzero or a lower bound; a higher lower bound than a lower one. */
function stronger(v: string, old: string): boolean {
  const isRange = (x: string) => x === NON_NULL_BINDING || x.startsWith('>=');
  if (!isRange(v)) return isRange(old);
  return v.startsWith('>=') && old.startsWith('>=') && Number(v.slice(2)) > Number(old.slice(2));
}

const lastField = (key: string) => /(?:->|\.)(\w+)$/.exec(key)?.[1];
const isMember = (key: string) => /->|\./.test(key);
const under = (key: string, prefix: string) => key.startsWith(`${prefix}->`) || key.startsWith(`${prefix}.`);

/**
 * A write: of a known key (itself, what it leads to, and the same member of any other object, which may be the same
 * one), of what a key points to, of an unknown object's member (that member everywhere), or through an unknown
 * pointer (every member path).
 */
function write(f: PathFact & { kind: 'def' }, s: State): State {
  const field = f.key !== undefined ? (f.under ? undefined : lastField(f.key)) : f.field;
  const lost = [...s.values.keys()].filter((k) => (f.key !== undefined
    ? (!f.under && k === f.key) || under(k, f.key) || (field !== undefined && lastField(k) === field)
    : field !== undefined ? lastField(k) === field : isMember(k)));
  const set = f.key !== undefined && !f.under && f.value !== undefined;
  const renew = f.key !== undefined && !f.under && s.escaped.has(f.key);
  if (lost.length === 0 && !set && !renew) return s;
  const values = new Map(s.values);
  for (const k of lost) values.delete(k);
  if (set) values.set(f.key!, f.value!);
  // A pointer given a new value has not been handed on yet (as a parameter is taken not to be on entry).
  if (f.key !== undefined && !f.under && s.escaped.has(f.key)) return { values, escaped: new Set([...s.escaped].filter((r) => r !== f.key)) };
  return { values, escaped: s.escaped };
}

/**
 * A call left opaque may write what its arguments lead to: a variable passed bare (a macro may assign it), members
 * of a pointer passed bare (which then counts as handed on: any later call may write through it), a member whose
 * address or value is passed and what it leads to. Members of a pointer handed on earlier are lost at every call.
 */
function call(args: readonly string[], s: State): State {
  const bare = args.filter((a) => !a.startsWith('&') && !isMember(a) && !s.escaped.has(a));
  const escaped = bare.length ? new Set([...s.escaped, ...bare]) : s.escaped;
  const lost = [...s.values.keys()].filter((k) => (isMember(k) && escaped.has(rootOf(k))) || args.some((a) => {
    const p = a.replace(/^&/, '');
    return k === p || under(k, p);
  }));
  if (lost.length === 0) return escaped === s.escaped ? s : { values: s.values, escaped };
  const values = new Map(s.values);
  for (const k of lost) values.delete(k);
  return { values, escaped };
}
