// The `err = f(...); if (err) return err;` idiom: what a return statement says about the value it returns (zero,
// nonzero, negative), and which branch of a test on a call's result each of the callee's returns can take.
import type { Node } from 'web-tree-sitter';
import { writesVariable } from './statement-shapes';
import { calleeName } from './syntax';

/** What is known of a returned value: `return 0`, `return -ENOMEM`, `return err` inside `if (err)`. */
export type ResultKind = 'zero' | 'nonzero' | 'negative' | 'nonnegative';

/** A condition that only tests a variable's truth or sign, and what its being true says about the variable. */
export interface TruthTest { name: string; whenTrue: ResultKind }

const TESTS: [RegExp, ResultKind][] = [
  [/^(\w+)$/, 'nonzero'], [/^(\w+)\s*!=\s*0$/, 'nonzero'], [/^!\s*(\w+)$/, 'zero'], [/^(\w+)\s*==\s*0$/, 'zero'],
  [/^(\w+)\s*<\s*0$/, 'negative'], [/^(\w+)\s*>=\s*0$/, 'nonnegative'],
];

/** `err`, `!err`, `err != 0`, `err < 0`, ..., maybe in `unlikely()`/`likely()` and parentheses; undefined otherwise. */
export function truthTest(cond: string): TruthTest | undefined {
  let t = cond.trim();
  for (let i = 0; i < 4; i++) t = t.replace(/^(?:un)?likely\s*\((.*)\)$/s, '$1').replace(/^\((.*)\)$/s, '$1').trim();
  for (const [re, whenTrue] of TESTS) {
    const m = re.exec(t);
    if (m && /^[A-Za-z_]\w*$/.test(m[1]) && !/^[A-Z0-9_]+$/.test(m[1])) return { name: m[1], whenTrue };
  }
  return undefined;
}

const OPPOSITE: Record<ResultKind, ResultKind> = { zero: 'nonzero', nonzero: 'zero', negative: 'nonnegative', nonnegative: 'negative' };

/** What a branch of `test` says about its variable: the then-branch (`holds`) or the else-branch. */
export function implied(test: TruthTest, holds: boolean): ResultKind {
  return holds ? test.whenTrue : OPPOSITE[test.whenTrue];
}

/** False when a value of `kind` cannot satisfy `required` (a zero return cannot take `if (err)`'s then-branch). */
function compatible(kind: ResultKind, required: ResultKind): boolean {
  switch (required) {
    case 'zero': return kind !== 'nonzero' && kind !== 'negative';
    case 'nonzero': return kind !== 'zero';
    case 'negative': return kind !== 'zero' && kind !== 'nonnegative';
    case 'nonnegative': return kind !== 'negative';
  }
}

/** Whether a return of `kind` (undefined: unknown) can take the branch of `test` where it `holds`. */
export function branchAllows(test: TruthTest, holds: boolean, kind: ResultKind | undefined): boolean {
  return kind === undefined || compatible(kind, implied(test, holds));
}

/** The kind of a returned expression's text: a literal (`NULL` is zero), a negated upper-case constant, or a variable known here. */
export function returnKind(text: string, known: (name: string) => ResultKind | undefined): ResultKind | undefined {
  const t = text.trim().replace(/^\((.*)\)$/s, '$1').trim();
  if (/^0[uUlL]*$/.test(t) || t === 'NULL') return 'zero';
  if (/^-\s*(?:[1-9]\d*|[A-Z][A-Z0-9_]*)$/.test(t)) return 'negative';
  if (/^[1-9]\d*[uUlL]*$/.test(t)) return 'nonzero';
  const arms = /^[^?:]+\?([^?:]+):([^?:]+)$/.exec(t);
  if (arms) return joinKinds(returnKind(arms[1], known), returnKind(arms[2], known));
  return known(t);
}

/** What both arms of `c ? a : b` agree on (`timeout ? -ERESTARTSYS : -ETIMEDOUT` is negative). */
export function joinKinds(a: ResultKind | undefined, b: ResultKind | undefined): ResultKind | undefined {
  if (a === b) return a;
  const nonzero = (k: ResultKind | undefined) => k === 'nonzero' || k === 'negative';
  return nonzero(a) && nonzero(b) ? 'nonzero' : undefined;
}

/** `v = f(...);` or `T v = f(...);` (one declarator): the variable and the called name; undefined otherwise. */
export function resultAssignment(stmt: Node): { name: string; callee: string } | undefined {
  if (stmt.type === 'expression_statement') {
    const e = stmt.namedChild(0);
    if (e?.type !== 'assignment_expression' || e.childForFieldName('operator')?.text !== '=') return undefined;
    return named(e.childForFieldName('left'), e.childForFieldName('right'));
  }
  if (stmt.type === 'declaration') {
    const decls = stmt.childrenForFieldName('declarator');
    if (decls.length !== 1 || decls[0]?.type !== 'init_declarator') return undefined;
    return named(decls[0].childForFieldName('declarator'), decls[0].childForFieldName('value'));
  }
  return undefined;
}

function named(left: Node | null, right: Node | null): { name: string; callee: string } | undefined {
  if (left?.type !== 'identifier' || !right) return undefined;
  let call = right;
  while (call.type === 'parenthesized_expression' && call.namedChildCount === 1) call = call.namedChild(0)!;
  const callee = call.type === 'call_expression' ? calleeName(call) : undefined;
  return callee ? { name: left.text, callee } : undefined;
}

/**
 * True when what a branch's condition says of `name` may not hold throughout `body`: the body assigns it, steps it or
 * takes its address, or holds a label (a `goto` from elsewhere enters it) or a syntax error.
 */
export function mayAssign(body: Node, name: string): boolean {
  return writesVariable(body.text, name) || body.descendantsOfType(['labeled_statement', 'ERROR']).length > 0;
}
