// The syntax Kconfig files and kbuild Makefiles share: lines continued with a backslash, and Kconfig expressions
// (`A && (B || !C)`, `FOO = y`: their syntax tree, parser and constant folding).

/** Physical lines joined at trailing backslashes. */
export function logicalLines(text: string): string[] {
  return text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
}

export type Expr =
  | { k: 'sym'; name: string }
  | { k: 'const'; v: 'y' | 'm' | 'n' | 'maybe' }
  | { k: 'str'; v: string }
  | { k: 'not'; e: Expr }
  | { k: 'and' | 'or'; a: Expr; b: Expr }
  | { k: 'cmp'; op: string; a: Expr; b: Expr };

export const TRUE: Expr = { k: 'const', v: 'y' };
export const MAYBE: Expr = { k: 'const', v: 'maybe' };

export function and(a: Expr, b: Expr): Expr {
  if (isConst(a, 'y')) return b;
  if (isConst(b, 'y')) return a;
  return { k: 'and', a, b };
}

export function or(a: Expr, b: Expr): Expr {
  return isConst(a, 'n') ? b : isConst(b, 'n') ? a : { k: 'or', a, b };
}

export function not(e: Expr): Expr {
  return { k: 'not', e };
}

export function isConst(e: Expr, v: string): boolean {
  return e.k === 'const' && e.v === v;
}

const TOKEN = /\s*(&&|\|\||!=|<=|>=|[!()=<>]|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s&|!()=<>"']+)/y;

function tokenize(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text))) out.push(m[1]);
  return out;
}

/** A Kconfig expression (`A && (B || !C)`, `FOO = y`, `BAR != n`); anything unparsable reads as "maybe". */
export function parseExpr(text: string): Expr {
  const toks = tokenize(text.replace(/#.*$/, ''));
  let i = 0;
  const peek = () => toks[i];
  const primary = (): Expr => {
    const t = toks[i++];
    if (t === undefined) return MAYBE;
    if (t === '!') return not(primary());
    if (t === '(') { const e = orExpr(); if (peek() === ')') i++; return e; }
    const left = atom(t);
    const op = peek();
    if (op === '=' || op === '!=' || op === '<' || op === '>' || op === '<=' || op === '>=') { i++; return { k: 'cmp', op, a: left, b: atom(toks[i++] ?? '') }; }
    return left;
  };
  const andExpr = (): Expr => { let e = primary(); while (peek() === '&&') { i++; e = { k: 'and', a: e, b: primary() }; } return e; };
  const orExpr = (): Expr => { let e = andExpr(); while (peek() === '||') { i++; e = { k: 'or', a: e, b: andExpr() }; } return e; };
  const e = orExpr();
  return i === toks.length ? e : MAYBE;
}

function atom(t: string): Expr {
  if (t === 'y' || t === 'm' || t === 'n') return { k: 'const', v: t };
  if (/^["']/.test(t)) return { k: 'str', v: t.slice(1, -1) };
  if (/^[A-Za-z0-9_]+$/.test(t) && !/^(\d+|0x[0-9a-f]+)$/i.test(t)) return { k: 'sym', name: t }; // 64BIT is a symbol
  return { k: 'str', v: t };
}
