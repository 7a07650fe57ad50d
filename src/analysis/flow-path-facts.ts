// Path facts on an inlined flow graph (path-facts.ts says what they are): what a node tells of tracked variables, in
// the analysed function's names, and conditions of inlined helpers decided with the numeric #defines their file sees.
import type { Event, FunctionFacts } from './facts';
import type { Ctx, ProjectIndex } from './project-index';
import type { FlowNode } from './flow';
import { mayChange } from './call-guards';
import { evaluateCondition, type ConstBindings } from './const-cond';
import { keptInPlace, type PathFact, type Rename } from './path-facts';

/** The part of an inlined piece withCallFacts() reads: its entry, exits and returns. */
interface PieceLike { entry: number; exits: number[]; returns?: { ids: number[] }[] }

/**
 * A condition of an inlined helper decided by its constant arguments, with the numeric `#define`s the helper's file
 * sees put in for names in the condition and the bindings (`switch (flag)` with `case MODE_TX:` and a call passing
 * 0; two names for one number compare equal). Names compare as distinct values (enumerators) only when none was a
 * define: a define and a name left may be the same number.
 */
export function decideWithDefines(index: ProjectIndex, file: string, cond: string, consts: ConstBindings): boolean | undefined {
  if (consts.size === 0) return undefined;
  const names = /\b[A-Z][A-Z0-9_]*\b/;
  if (!names.test(cond) && ![...consts.values()].some((v) => names.test(v))) return evaluateCondition(cond, consts);
  let changed = false;
  const number = (name: string) => {
    const n = name === 'NULL' ? undefined : index.numericDefine(name, file);
    if (n !== undefined) changed = true;
    return n ?? name;
  };
  const text = cond.replace(/(?<![\w.>])[A-Z][A-Z0-9_]*\b(?!\s*\(|->|\.)/g, number);
  const bindings = new Map([...consts].map(([k, v]) => [k, /^[A-Z][A-Z0-9_]*$/.test(v) ? number(v) : v]));
  if (!changed) return evaluateCondition(cond, consts);
  const decided = evaluateCondition(text, bindings);
  return decided !== undefined && !bothNames(text, bindings) ? decided : undefined;
}

/** Whether a name is left on either side (an enumerator or unknown macro) besides the numbers put in. */
function bothNames(text: string, bindings: ReadonlyMap<string, string>): boolean {
  const named = (t: string) => /(?<![\w.>])(?!NULL\b)[A-Z][A-Z0-9_]*\b(?!\s*\()/.test(t);
  return named(text) || [...bindings.values()].some(named);
}

/** A store's destination `x->f` is an array member of x's struct (the struct known), so a copy into it stays inside x. */
export function arrayMember(index: ProjectIndex, e: Event | undefined, field: string, ctx: Ctx): boolean {
  if (e?.kind !== 'store' || e.base.k !== 'member' || e.base.field !== field || !index.isArrayField(field)) return false;
  return index.memberLayout(index.typeOf(e.base.base, ctx), field)?.array === true;
}

export function withFacts(nodes: FlowNode[], id: number, facts: PathFact[] | undefined): number {
  if (facts) nodes[id].facts = [...(nodes[id].facts ?? []), ...facts];
  return id;
}

/**
 * Facts with the numeric `#define`s the function's file sees put in for macro names (two names for one number then
 * compare equal; names left are taken as distinct values, as const-cond.ts does for enumerators).
 */
export function numbered(index: ProjectIndex, file: string, facts: PathFact[] | undefined): PathFact[] | undefined {
  if (!facts) return facts;
  const number = (name: string) => index.numericDefine(name, file);
  return facts.map((f) => {
    if (f.kind === 'assume' && /\b[A-Z][A-Z0-9_]*\b/.test(f.cond)) return { ...f, cond: f.cond.replace(/(?<![\w.>])[A-Z][A-Z0-9_]*\b(?!\s*\(|->|\.)/g, (n) => (n === 'NULL' ? n : number(n) ?? n)) };
    if (f.kind === 'def' && f.value && /^[A-Z][A-Z0-9_]*$/.test(f.value) && f.value !== 'NULL') return { ...f, value: number(f.value) ?? f.value };
    return f;
  });
}

export function optional(fact: PathFact | undefined): PathFact[] | undefined {
  return fact ? [fact] : undefined;
}

/**
 * What an inlined call does to the caller's tracked variables: a macro that assigns its parameter assigns the
 * caller's argument; a helper that copies a pointer parameter lets the pointer escape (both on entry); `v = f(...)`
 * writes `v` on every way out (the exit, and the returns a result test links past it).
 */
export function withCallFacts<P extends PieceLike>(nodes: FlowNode[], callee: FunctionFacts, argTexts: readonly string[], outer: Rename, result: PathFact | undefined, piece: P): P {
  if (result) for (const id of new Set([...piece.exits, ...(piece.returns ?? []).flatMap((r) => r.ids)])) withFacts(nodes, id, [result]);
  const text = callee.source?.text ?? '';
  const facts: PathFact[] = [];
  callee.params.forEach((p, i) => {
    const arg = argTexts[i]?.replace(/\s+/g, '');
    if (!p.name || !arg || !/^[A-Za-z_][\w>.-]*$/.test(arg)) return;
    const root = /^\w+/.exec(arg)![0];
    const renamed = outer(root, arg !== root);
    if (renamed === undefined) return;
    const key = renamed + arg.slice(root.length);
    if (callee.isMacro && mayChange(text, p.name)) facts.push({ kind: 'def', key });
    else if (arg === root && !keptInPlace(text, p.name) && outer(root, true) !== undefined) facts.push({ kind: 'escape', root: renamed });
  });
  if (facts.length) withFacts(nodes, piece.entry, facts);
  return piece;
}
