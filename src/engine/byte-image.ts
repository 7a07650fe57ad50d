// A scalar local the function fills byte-wise through a narrower pointer (`*(u16 *)&buf = *src`, a `u8 *` alias): its
// value is a copy of memory, so a native store of it moves those bytes in memory order in either byte order, as
// memcpy_toio() would (a writel() of it would swap them on big-endian).
import { scalarBytes } from '../analysis/scalar-width';
import { constantValue, samePerByteOrder, type NameValue } from './byte-order-free';
import { codeOnly } from '../analysis/text-scan';

const TYPE = String.raw`(?:(?:const|volatile|unsigned|signed|register)\s+)*[A-Za-z_]\w*(?:\s+(?:int|long|short|char))*`;
/** `(T *)&` or `(T *)(&` right before a name: its address cast to a pointer to `T`. */
const CAST_ADDRESS = new RegExp(`\\(\\s*(${TYPE})\\s*\\*\\s*\\)\\s*\\(?\\s*&\\s*$`);
/** A memory read as a whole value: `*p`, `*p++`, `*(p)`, `p[i]`; a byte copy, not a number the CPU computed. */
const MEMORY_READ = /^(?:\*\s*\(?\s*[A-Za-z_]\w*(?:\s*\+\+)?\s*\)?|[A-Za-z_]\w*\s*\[[^\]]+\])$/;


/** The statement text before `at` (back to the last `;`, `{` or `}`). */
function statementBefore(text: string, at: number): string {
  return text.slice(Math.max(text.lastIndexOf(';', at - 1), text.lastIndexOf('{', at - 1), text.lastIndexOf('}', at - 1)) + 1, at);
}

/** The text after `at` up to the end of its statement. */
function statementAfter(text: string, at: number): string {
  const end = text.indexOf(';', at);
  return end < 0 ? text.slice(at) : text.slice(at, end);
}

/** The declared type of a declarator at `at` (`u32 a, name` -> `u32`), undefined when the statement is no declaration. */
function declaredType(text: string, at: number): { type: string; pointer: boolean } | undefined {
  const m = new RegExp(`^\\s*(${TYPE})(?:\\s+|\\s*(?=\\*))((?:[^;{}()=,]*(?:=[^,;{}]*)?,)*)\\s*(\\**)\\s*$`).exec(statementBefore(text, at));
  if (!m || /^\s*(?:return|goto|case|else|do|static)\b/.test(m[1])) return undefined;
  return { type: m[1], pointer: m[3].length > 0 };
}

/** Every occurrence of identifier `name` (not a member), with its index. */
function occurrences(text: string, name: string): number[] {
  const out: number[] = [];
  const re = new RegExp(`(?<![\\w.]|->\\s*)\\b${name}\\b`, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index);
  return out;
}

/** The value stored by `target = X;` written right after `at` + `len` (the target's text), or undefined. */
function assignedValue(text: string, after: number): string | undefined {
  const m = /^\s*(?:\+\+\s*)?(?:\[[^\]]*\]\s*)?=(?!=)\s*([^;]*)$/.exec(statementAfter(text, after));
  return m?.[1].trim();
}

/**
 * True when the store through an alias of `bytes`-wide elements whose target text ends at `after` (`*p = X`,
 * `*p++ = X`, `p[i] = X`, `*(T *)&v = X`) copies memory or a byte: a wider store of a computed number would put that
 * number's bytes in host order into the image.
 */
function aliasStoreCopies(text: string, after: number, bytes: number): boolean {
  const value = assignedValue(text, after);
  return value !== undefined && (bytes === 1 || MEMORY_READ.test(value));
}

/**
 * True when pointer local `p`, assigned `(T *)&v` (elements of `bytes`), is only declared, assigned, stepped and
 * stored through with copies (`*p = X`, `*p++ = X`, `p[i] = X`): any other use (a read, a call argument) refuses.
 */
function aliasOnlyCopies(text: string, p: string, bytes: number): boolean {
  for (const at of occurrences(text, p)) {
    const end = at + p.length;
    const before = statementBefore(text, at);
    const rest = text.slice(end);
    const deref = /\*\s*$/.test(before) || /^\s*\[/.test(rest);
    if (declaredType(text, at)?.pointer && /^\s*[;,=]/.test(rest)) continue;
    if (!deref && (/^\s*(?:=(?!=)|\+=|-=|\+\+|--)/.test(rest) || /(?:\+\+|--)\s*$/.test(before))) continue;
    if (deref && aliasStoreCopies(text, end, bytes)) continue;
    return false;
  }
  return true;
}

/**
 * How `&v` at `at` is used: `p = (T *)&v` hands it to a pointer local (whose stores must be copies), `*(T *)&v = X`
 * and `((T *)&v)[i] = X` store one element. False for anything else (a call may put a number there).
 */
function addressUseCopies(text: string, at: number, end: number): boolean {
  const before = statementBefore(text, at);
  const cast = CAST_ADDRESS.exec(before);
  const bytes = cast ? scalarBytes(cast[1]) : undefined;
  if (!cast || bytes === undefined) return false;
  const head = before.slice(0, cast.index);
  const toLocal = /(?:^|[^\w])([A-Za-z_]\w*)\s*=\s*$/.exec(head);
  if (toLocal && /^\s*\)?\s*$/.test(statementAfter(text, end))) return aliasOnlyCopies(text, toLocal[1], bytes);
  const closing = /^[\s)]*/.exec(text.slice(end))![0].length;
  const indexed = /\(\s*$/.test(head) && /^\s*\[/.test(text.slice(end + closing));
  return (/\*\s*\(?\s*$/.test(head) || indexed) && aliasStoreCopies(text, end + closing, bytes);
}

/**
 * True when local `name` of the function whose text is `fnText` is a byte image of `bytes` bytes: a scalar declared
 * in the function with that width, not a parameter or `static`, assigned by name only constants that read the same in
 * either byte order (`buf = 0`), never read-modify-written, and filled at least once through its address, only as
 * addressUseCopies() allows.
 */
export function byteImageLocal(fnText: string, name: string, params: readonly string[], bytes: number, names: NameValue): boolean {
  if (params.includes(name) || !/^[A-Za-z_]\w*$/.test(name)) return false;
  const text = codeOnly(fnText);
  let declared = false;
  let filled = false;
  for (const at of occurrences(text, name)) {
    const end = at + name.length;
    const before = statementBefore(text, at);
    const decl = declaredType(text, at);
    if (decl) {
      if (declared || decl.pointer || scalarBytes(decl.type) !== bytes || /^\s*\[/.test(text.slice(end))) return false;
      declared = true;
    }
    if (/(?<![&\w)\]]\s*)&\s*$/.test(before) || CAST_ADDRESS.test(before)) {
      if (!addressUseCopies(text, at, end)) return false;
      filled = true;
      continue;
    }
    // Passed bare to a call: a function-like macro may assign it (`get_user(v, p)`).
    if (/[(,]\s*$/.test(before) && /^\s*[,)]/.test(text.slice(end))) return false;
    if (/^\s*(?:[-+*/%&|^]|<<|>>)=|^\s*(?:\+\+|--)/.test(text.slice(end)) || /(?:\+\+|--)\s*$/.test(before)) return false;
    const value = /^\s*=(?!=)/.test(text.slice(end)) ? /^\s*=\s*([^;,]*)/.exec(text.slice(end))![1] : undefined;
    if (value !== undefined) {
      const v = constantValue(value.trim(), names);
      if (v === undefined || !samePerByteOrder(v, bytes)) return false;
    }
  }
  return declared && filled;
}
