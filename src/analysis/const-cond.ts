// Decides a branch condition of an inlined helper from the constants its call passes (`hfi1_put_tid(..., PT_EAGER, ...)`
// makes `if (type == PT_EAGER || ...)` true): true, false, or undefined when the text alone cannot tell.

/**
 * Parameter name -> the constant the call passes for it (a number, NULL, or an upper-case macro/enumerator name), or
 * `>=N` (atLeastBinding): a value the caller's branch proved at least N, possibly negative after a same-width signed
 * conversion, so only `== c` / `!= c` with 0 <= c < N are decided by it; or NON_NULL_BINDING: a pointer the caller
 * proved not NULL (non-null-args.ts), which decides only its truth and `== NULL` / `!= NULL` (`== 0`).
 */
export type ConstBindings = ReadonlyMap<string, string>;

/** Argument texts that are compile-time constants for this purpose. */
const CONSTANT = /^(?:\(?(?:[A-Z][A-Z0-9_]*|0[xX][0-9a-fA-F]+|\d+)[uUlL]*\)?|NULL|true|false)$/;

export function constantArg(text: string | undefined): string | undefined {
  const t = text?.trim();
  if (!t || !CONSTANT.test(t)) return undefined;
  const inner = t.replace(/^\(|\)$/g, '');
  return /^\d|^0[xX]/.test(inner) ? inner.replace(/[uUlL]+$/, '') : inner;
}

/** A number, a named constant (bound: passed by the call), a value at least N or negative, a non-NULL pointer, or unknown. */
type Value = { num: number } | { name: string; bound: boolean } | { atLeast: number } | { nonNull: true } | undefined;

/** The binding of a pointer parameter the call passes a value proven not NULL (see ConstBindings). */
export const NON_NULL_BINDING = '!=NULL';

/** The binding of a parameter the call passes a value proven at least `n` (see ConstBindings). */
export function atLeastBinding(n: number): string {
  return `>=${n}`;
}

const TOKEN = /\s*(\|\||&&|==|!=|<=|>=|<<|>>|->|[()!<>&|^+\-*/%.,~]|[A-Za-z_]\w*|0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*|\S)/y;
const ARITH = new Set(['&', '|', '^', '+', '-', '*', '/', '%', '<<', '>>']);
const COMPARE = new Set(['==', '!=', '<', '>', '<=', '>=']);

function tokenize(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) out.push(m[1]);
  return out;
}

/** Evaluates `cond` with `bindings`; undefined unless every operand that decides it is a bound parameter or a number. */
export function evaluateCondition(cond: string, bindings: Pick<ConstBindings, 'get' | 'size'>): boolean | undefined {
  if (bindings.size === 0) return undefined;
  const tokens = tokenize(cond);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const truth = (v: Value): boolean | undefined => (v && 'num' in v ? v.num !== 0 : v && 'nonNull' in v ? true : undefined);
  const bool = (b: boolean | undefined): Value => (b === undefined ? undefined : { num: b ? 1 : 0 });

  const or = (): Value => {
    let v = and();
    while (peek() === '||') { next(); const a = truth(v); const b = truth(and()); v = bool(a === true || b === true ? true : a === false && b === false ? false : undefined); }
    return v;
  };
  const and = (): Value => {
    let v = comparison();
    while (peek() === '&&') { next(); const a = truth(v); const b = truth(comparison()); v = bool(a === false || b === false ? false : a === true && b === true ? true : undefined); }
    return v;
  };
  const comparison = (): Value => {
    const left = arith();
    if (!COMPARE.has(peek() ?? '')) return left;
    const op = next();
    return bool(compare(left, op, arith()));
  };
  const arith = (): Value => {
    let v = unary();
    while (ARITH.has(peek() ?? '')) { const op = next(); v = numeric(v, op, unary()); }
    return v;
  };
  const unary = (): Value => {
    const t = peek();
    if (t === '!') { next(); const v = truth(unary()); return bool(v === undefined ? undefined : !v); }
    if (t === '-' || t === '~') { next(); const v = unary(); return v && 'num' in v ? { num: t === '-' ? -v.num : ~v.num } : undefined; }
    if (t === '(') { next(); const v = or(); if (next() !== ')') pos = tokens.length + 1; return v; }
    return operand();
  };
  /** A name, number or member path (`sp->type`, known when the call's caller set it); calls are unknown. */
  const operand = (): Value => {
    const t = next();
    if (t === undefined || !/^\w/.test(t)) { pos = tokens.length + 1; return undefined; }
    if (peek() === '(') { skipParens(); return undefined; }
    let path = t;
    while (peek() === '->' || peek() === '.') path += next()! + (next() ?? '');
    const bound = bindings.get(path);
    if (path !== t) return bound === undefined ? undefined : valueOf(bound, true);
    return valueOf(bound ?? t, bound !== undefined);
  };
  const skipParens = () => { let depth = 0; do { const t = next(); if (t === '(') depth++; else if (t === ')') depth--; else if (t === undefined) return; } while (depth > 0); };
  const result = or();
  return pos === tokens.length ? truth(result) : undefined;
}

/** A constant's value: numbers and NULL/false/true as numbers, upper-case names as names, anything else unknown. */
function valueOf(text: string, bound: boolean): Value {
  if (text === 'NULL' || text === 'false') return { num: 0 };
  if (text === 'true') return { num: 1 };
  if (text === NON_NULL_BINDING) return { nonNull: true };
  const atLeast = /^>=(\d+)$/.exec(text);
  if (atLeast) return { atLeast: Number(atLeast[1]) };
  if (/^(0[xX][0-9a-fA-F]+|\d+)[uUlL]*$/.test(text)) return { num: Number(text.replace(/[uUlL]+$/, '')) };
  if (/^[A-Z][A-Z0-9_]*$/.test(text)) return { name: text, bound };
  return undefined;
}

function numeric(a: Value, op: string, b: Value): Value {
  if (!a || !b || !('num' in a) || !('num' in b)) return undefined;
  switch (op) {
    case '&': return { num: a.num & b.num }; case '|': return { num: a.num | b.num }; case '^': return { num: a.num ^ b.num };
    case '+': return { num: a.num + b.num }; case '-': return { num: a.num - b.num }; case '*': return { num: a.num * b.num };
    case '<<': return { num: a.num << b.num }; case '>>': return { num: a.num >> b.num };
    default: return b.num === 0 ? undefined : { num: op === '/' ? Math.trunc(a.num / b.num) : a.num % b.num };
  }
}

/**
 * Numbers compare as numbers; two names only when one was passed by the call, and distinct macro or enumerator names
 * are taken as distinct values (PT_EAGER vs PT_EXPECTED). Order needs numbers.
 */
function compare(a: Value, op: string, b: Value): boolean | undefined {
  if (!a || !b) return undefined;
  if ('nonNull' in a || 'nonNull' in b) return notNull(a, op, b);
  if ('atLeast' in a || 'atLeast' in b) return excluded(a, op, b);
  if ('num' in a && 'num' in b) {
    switch (op) {
      case '==': return a.num === b.num; case '!=': return a.num !== b.num;
      case '<': return a.num < b.num; case '>': return a.num > b.num;
      case '<=': return a.num <= b.num; default: return a.num >= b.num;
    }
  }
  if ('name' in a && 'name' in b && (a.bound || b.bound) && (op === '==' || op === '!=')) return (a.name === b.name) === (op === '==');
  return undefined;
}

/** `n == c` / `n != c` for n proven at least N (or negative): decided when 0 <= c < N. */
function excluded(a: NonNullable<Value>, op: string, b: NonNullable<Value>): boolean | undefined {
  const [range, other] = 'atLeast' in a ? [a, b] : [b, a];
  if (!('atLeast' in range) || !('num' in other) || (op !== '==' && op !== '!=')) return undefined;
  return other.num >= 0 && other.num < range.atLeast ? op === '!=' : undefined;
}

/** `p == NULL` / `p != NULL` (NULL is 0) for p proven not NULL; any other comparison unknown. */
function notNull(a: NonNullable<Value>, op: string, b: NonNullable<Value>): boolean | undefined {
  const other = 'nonNull' in a ? b : a;
  if (!('num' in other) || other.num !== 0 || (op !== '==' && op !== '!=')) return undefined;
  return op === '!=';
}
