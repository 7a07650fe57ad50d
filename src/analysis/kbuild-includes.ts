// The Kconfig condition under which a C file reads each of its `#include "x"` lines: the `#if`/`#ifdef` branches
// around it, with `CONFIG_X` tests read as the Kconfig symbol X (hfcmulti.c includes hfc_multi_8xx.h only under
// `#ifdef CONFIG_MISDN_HFCMULTI_8xx`, so the header is built only where that symbol can be set).
import { and, MAYBE, not, or, TRUE, type Expr } from './kbuild-syntax';

/** `defined`, `IS_ENABLED` and the like: each takes one macro name and is true only when CONFIG_X (or _MODULE) is set. */
const TESTS = new Set(['defined', 'IS_ENABLED', 'IS_BUILTIN', 'IS_MODULE', 'IS_REACHABLE']);

const FALSE: Expr = { k: 'const', v: 'n' };

/**
 * Each name a C text includes with quotes -> when it is included: the OR over its `#include` lines of the AND of the
 * branch conditions around each (TRUE outside any `#if`). `#else`/`#elif` take the negation of the earlier branches.
 * `unknown`: CONFIG_ names some file `#define`s or `#undef`s itself (lpfc's CONFIG_SCSI_LPFC_DEBUG_FS), read as unknown.
 */
export function includeConditions(text: string, unknown: ReadonlySet<string> = new Set()): Map<string, Expr> {
  const out = new Map<string, Expr>();
  const stack: { earlier: Expr; current: Expr }[] = [];
  const lines = withoutComments(text).replace(/\\\r?\n/g, ' ').split('\n');
  for (const line of lines) {
    const m = /^[ \t]*#[ \t]*(\w+)(.*)$/.exec(line);
    if (!m) continue;
    const [, kw, rest] = m;
    const top = stack[stack.length - 1];
    if (kw === 'if' || kw === 'ifdef' || kw === 'ifndef') {
      const c = directiveCondition(kw, rest, unknown);
      stack.push({ earlier: c, current: c });
    } else if ((kw === 'elif' || kw === 'elifdef' || kw === 'elifndef') && top) {
      const c = directiveCondition(kw.slice(2), rest, unknown);
      top.current = and(not(top.earlier), c);
      top.earlier = or(top.earlier, c);
    } else if (kw === 'else' && top) {
      top.current = not(top.earlier);
    } else if (kw === 'endif') {
      stack.pop();
    } else if (kw === 'include') {
      const inc = /^\s*"([^"]*)"/.exec(rest);
      if (!inc) continue;
      const when = stack.reduce<Expr>((acc, f) => and(acc, f.current), TRUE);
      const seen = out.get(inc[1]);
      out.set(inc[1], seen ? or(seen, when) : when);
    }
  }
  return out;
}

/** The CONFIG_ names a C text `#define`s or `#undef`s (so they need not mean what Kconfig sets). */
export function definedConfigNames(text: string): string[] {
  return [...text.matchAll(/^[ \t]*#[ \t]*(?:define|undef)[ \t]+(CONFIG_\w+)/gm)].map((m) => m[1]);
}

/** Block and line comments blanked, newlines kept (string and character literals are skipped over, not read). */
function withoutComments(text: string): string {
  return text.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (c) => (c[0] === '/' ? c.replace(/[^\n]/g, ' ') : c));
}

function directiveCondition(kind: string, rest: string, unknown: ReadonlySet<string>): Expr {
  if (kind === 'if') return cppCondition(rest, unknown);
  const name = configSymbol(rest.trim(), unknown);
  return kind === 'ifdef' ? name : not(name);
}

/** `CONFIG_X` or `CONFIG_X_MODULE` -> the symbol X (no Linux 6.1 Kconfig symbol ends in _MODULE); anything else unknown. */
function configSymbol(name: string, unknown: ReadonlySet<string>): Expr {
  const m = /^CONFIG_(\w+?)(?:_MODULE)?$/.exec(name);
  return m && !unknown.has(name) ? { k: 'sym', name: m[1] } : MAYBE;
}

const TOKEN = /\s*(&&|\|\||[!()]|\w+|\S)/y;

function cppTokens(text: string): string[] {
  const toks: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) toks.push(m[1]);
  return toks;
}

/**
 * A C `#if` expression as a Kconfig expression over `!`, `&&`, `||` and parentheses: `defined(CONFIG_X)` and
 * `IS_ENABLED(CONFIG_X)` become X, `0` and `1` their truth values; any other operand (a comparison, a macro's value,
 * arithmetic) is unknown as a whole, and a `?:` makes the whole condition unknown.
 */
export function cppCondition(text: string, unknown: ReadonlySet<string> = new Set()): Expr {
  const toks = cppTokens(text);
  if (toks.includes('?')) return MAYBE;
  let i = 0;
  const boundary = () => i >= toks.length || toks[i] === '&&' || toks[i] === '||' || toks[i] === ')';
  /** Skips an operand this reader does not know to the next `&&`/`||`/`)` outside its own parentheses. */
  const skip = (): Expr => {
    for (let depth = 0; i < toks.length; i++) {
      if (toks[i] === '(') depth++;
      else if (toks[i] === ')') { if (depth === 0) break; depth--; } else if (depth === 0 && (toks[i] === '&&' || toks[i] === '||')) break;
    }
    return MAYBE;
  };
  const operand = (): Expr => {
    const t = toks[i++];
    if (t === '!') return not(operand());
    if (t === '(') { const e = orExpr(); if (toks[i] === ')') i++; else return skip(); return boundary() ? e : skip(); }
    let e: Expr | undefined;
    if (t !== undefined && TESTS.has(t)) {
      const paren = toks[i] === '(';
      const name = toks[i + (paren ? 1 : 0)];
      if (name !== undefined && (!paren || toks[i + 2] === ')') && (paren || t === 'defined')) { i += paren ? 3 : 1; e = configSymbol(name, unknown); }
    } else if (t !== undefined && /^\d+$/.test(t)) e = Number(t) === 0 ? FALSE : TRUE;
    return e && boundary() ? e : skip();
  };
  const andExpr = (): Expr => { let e = operand(); while (toks[i] === '&&') { i++; e = and(e, operand()); } return e; };
  const orExpr = (): Expr => { let e = andExpr(); while (toks[i] === '||') { i++; e = or(e, andExpr()); } return e; };
  const e = orExpr();
  return i === toks.length ? e : MAYBE;
}
