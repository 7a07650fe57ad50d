// Which variables a function's branch conditions test in a decidable shape (`if (tx_started)`, `if (ah->type == X)`,
// `switch (flag)`), and what an assignment or a branch says of their value: the facts path-values.ts follows per path.
import { NON_NULL_BINDING } from './const-cond';
import { addressTakenNames, lowerBound } from './call-guards';

/** A variable or member path: `x`, `p->f`, `p->a.b`. */
export const KEY_PATH = /^[A-Za-z_]\w*(?:(?:->|\.)\w+)*$/;
const CONSTANT = /^(?:0[xX][0-9a-fA-F]+|\d+)[uUlL]*$|^[A-Z][A-Z0-9_]*$|^NULL$/;
const CONDITION_START = /\b(if|switch)\s*\(/g;
const MAX_CONDITIONS = 200;

/**
 * The roots (plain variables, and the pointers member paths start from) the function's `if`/`switch` conditions test
 * in a shape path-values.ts decides, minus those whose address the function takes (a write through it would be
 * unseen). Every write of a tracked name gets a `def` node in the CFG.
 */
export function trackedNames(bodyText: string): Set<string> {
  const out = new Set<string>();
  CONDITION_START.lastIndex = 0;
  let count = 0;
  for (let m = CONDITION_START.exec(bodyText); m && count < MAX_CONDITIONS; m = CONDITION_START.exec(bodyText), count++) {
    const cond = balanced(bodyText, m.index + m[0].length - 1);
    if (cond === undefined) continue;
    const keys = m[1] === 'switch' ? [stripWrappers(cond)].filter((k) => KEY_PATH.test(k)) : conjuncts(cond).flatMap((c) => testedKey(c) ?? []);
    for (const k of keys) out.add(rootOf(k));
  }
  if (out.size === 0) return out;
  const taken = addressTakenNames(bodyText);
  for (const name of out) if (/^[A-Z0-9_]+$/.test(name) || taken.has(name)) out.delete(name);
  return out;
}

/** A condition's text (wrappers removed) when it names a tracked variable or is a number (`if (0)`), else undefined. */
export function trackedCondition(cond: string | undefined, tracked: ReadonlySet<string>): string | undefined {
  if (cond === undefined) return undefined;
  const text = stripWrappers(cond);
  if (/^\d+$/.test(text)) return text;
  if (tracked.size === 0) return undefined;
  for (const m of text.matchAll(/(?<![\w.>])[A-Za-z_]\w*/g)) if (tracked.has(m[0])) return text;
  return undefined;
}

/** A `switch` subject that is a variable path from a tracked root, else undefined. */
export function trackedSubject(cond: string | undefined, tracked: ReadonlySet<string>): string | undefined {
  const text = cond === undefined ? undefined : stripWrappers(cond);
  return text !== undefined && KEY_PATH.test(text) && tracked.has(rootOf(text)) ? text : undefined;
}

/** The text inside the parentheses opening at `open`, or undefined when they do not close. */
function balanced(text: string, open: number): string | undefined {
  let depth = 0;
  for (let i = open; i < text.length && i < open + 2000; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return undefined;
}

export function rootOf(key: string): string {
  return /^\w+/.exec(key)![0];
}

/** `cond` without outer parentheses, `likely()`/`unlikely()` and spaces around `->`. */
export function stripWrappers(cond: string): string {
  let t = cond.trim().replace(/\s*(->|\.)\s*/g, '$1');
  for (let prev = ''; prev !== t;) {
    prev = t;
    const m = /^(?:(?:un)?likely\s*)?\((.*)\)$/s.exec(t);
    if (m && balancedWhole(m[1])) t = m[1].trim();
  }
  return t;
}

/** Whether every parenthesis in `text` closes inside it (so `(a) && (b)` is not one parenthesised whole). */
function balancedWhole(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** The top-level `&&` operands of a condition (the whole condition when there is none, or an `||` at top level). */
export function conjuncts(cond: string): string[] {
  return splitTopLevel(cond, '&') ?? [stripWrappers(cond)];
}

/**
 * The operands of `op` doubled (`&&`, `||`) at the top level of a condition, wrappers stripped; undefined when the
 * other of the two appears there too (mixed: no operand says something alone).
 */
function splitTopLevel(cond: string, op: '&' | '|'): string[] | undefined {
  const t = stripWrappers(cond);
  const other = op === '&' ? '|' : '&';
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && ch === other && t[i + 1] === other) return undefined;
    else if (depth === 0 && ch === op && t[i + 1] === op) { parts.push(t.slice(start, i)); start = i + 2; i++; }
  }
  parts.push(t.slice(start));
  return parts.map(stripWrappers);
}

/** The key a simple test reads: `k`, `!k`, `k == C`, `k != C`, `k > c` ...; undefined for anything else. */
function testedKey(test: string): string | undefined {
  const t = test.replace(/^!\s*/, '');
  const m = /^([A-Za-z_][\w>.-]*?)\s*(?:(?:==|!=|<=|>=|<|>)\s*(\(?-?\s*\w+\)?))?$/.exec(t);
  if (!m || !KEY_PATH.test(m[1])) return undefined;
  return m[2] === undefined || CONSTANT.test(m[2].replace(/[()\s-]/g, '')) ? m[1] : undefined;
}

/**
 * What a write stores, as a binding (const-cond.ts): `= C` the constant, `= nonzero` or `|= nonzero` (a nonzero
 * number, `1 << n`, `BIT(n)`: shifting 1 out of the type is undefined) NON_NULL_BINDING; anything else unknown.
 */
export function writtenValue(op: string, valueText: string | undefined): string | undefined {
  const v = valueText?.trim().replace(/^\((.*)\)$/s, '$1').trim();
  if (v === undefined) return undefined;
  const num = /^(0[xX][0-9a-fA-F]+|\d+)[uUlL]*$/.exec(v);
  const nonzero = (num && Number(num[1]) !== 0) || /^1[uUlL]*\s*<<\s*\(?\s*\w+\s*\)?$/.test(v) || /^BIT(?:_ULL)?\s*\(\s*\w+\s*\)$/.test(v);
  if (op === '|=') return nonzero ? NON_NULL_BINDING : undefined;
  if (op !== '=') return undefined;
  if (num) return String(Number(num[1]));
  if (nonzero) return NON_NULL_BINDING;
  return /^[A-Z][A-Z0-9_]*$|^NULL$|^true$|^false$/.test(v) ? v : undefined;
}

/**
 * The values a branch taken as `holds` gives keys: `k == C` holds or `k != C` fails: C; `k` holds, `!k` fails,
 * `k != 0` holds: nonzero; `k > c` holds: at least c+1 (0 <= c). Only the `&&` operands of a condition that holds
 * (an `||` one that fails) say something alone.
 */
export function conditionFacts(cond: string, holds: boolean): [string, string][] {
  const parts = holds ? conjuncts(cond).map((text) => ({ text, holds: true })) : disjunctsNegated(cond);
  const out: [string, string][] = [];
  for (const part of parts) {
    const fact = simpleFact(part.text, part.holds);
    if (fact) out.push(fact);
  }
  return out;
}

function disjunctsNegated(cond: string): { text: string; holds: boolean }[] {
  return (splitTopLevel(cond, '|') ?? [stripWrappers(cond)]).map((text) => ({ text, holds: false }));
}

function simpleFact(text: string, holds: boolean): [string, string] | undefined {
  const neg = /^!\s*(.*)$/s.exec(text);
  if (neg) return simpleFact(stripWrappers(neg[1]), !holds);
  if (KEY_PATH.test(text)) return holds ? [text, NON_NULL_BINDING] : [text, '0'];
  const eq = /^([A-Za-z_][\w>.-]*?)\s*(==|!=)\s*([A-Za-z_]\w*|(?:0[xX][0-9a-fA-F]+|\d+)[uUlL]*)$/.exec(text);
  if (eq && KEY_PATH.test(eq[1]) && CONSTANT.test(eq[3])) {
    const isEq = (eq[2] === '==') === holds;
    const value = /^\d|^0[xX]/.test(eq[3]) ? String(Number(eq[3].replace(/[uUlL]+$/, ''))) : eq[3];
    if (isEq) return [eq[1], value];
    return value === '0' || value === 'NULL' ? [eq[1], NON_NULL_BINDING] : undefined;
  }
  const bound = lowerBound(text.replace(/->|\./g, (s) => (s === '->' ? '__ARROW__' : '__DOT__')), holds);
  const name = bound?.name.replace(/__ARROW__/g, '->').replace(/__DOT__/g, '.');
  return bound && name && KEY_PATH.test(name) && bound.atLeast > 0 ? [name, `>=${bound.atLeast}`] : undefined;
}
