// What C text sets struct members to, for calls through function-pointer members: `p->m = fn;`, `.m = fn` and
// `.m = &fn` in initializers (a function name), anything else (`p->m = cb`, a cast, `a ? f : g`, `x##_op`) unknown;
// and the types of tables initialised without designators (`struct T t = { f, g }`), whose members text cannot name.
import { codeOnly } from './text-scan';

/** The value recorded for an assignment whose value is not a plain name (or `&name`). */
export const UNKNOWN_VALUE = '?';

/**
 * `->m =` / `.m =` (optionally `m[i] =`), not `==`, and the value up to the end of the assignment or initializer (an
 * empty value opens a nested initializer, whose own members are read on).
 */
const MEMBER_SET = /(?:->|\.)\s*([A-Za-z_]\w*)\s*(?:\[[^\]\n]*\]\s*)?=(?!=)([^,;{}]*)/g;
const NAME_VALUE = /^&?\s*\(?\s*&?\s*([A-Za-z_]\w*)\s*\)?$/;
const NO_FUNCTION = /^(?:NULL|0|false|true)$/;

/** field -> the names it is set to (UNKNOWN_VALUE for any other value), from texts (comments and literals blanked here). */
export function memberAssignments(texts: Iterable<string>, only?: ReadonlySet<string>): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const raw of texts) {
    if (!raw.includes('=')) continue;
    for (const m of codeOnly(raw).matchAll(MEMBER_SET)) {
      const field = m[1];
      if (only && !only.has(field)) continue;
      const value = valueName(m[2]);
      if (value !== undefined) (out[field] ??= new Set()).add(value);
    }
  }
  return toRecord(out);
}

/** The function name a value is, UNKNOWN_VALUE for any other value, undefined for none (NULL, a nested list). */
function valueName(text: string): string | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  const name = NAME_VALUE.exec(value)?.[1];
  if (name && NO_FUNCTION.test(name)) return undefined;
  return name ?? UNKNOWN_VALUE;
}

function toRecord(out: Record<string, Set<string>>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(out).map(([f, s]) => [f, [...s]]));
}

/** A top-level declaration with an initializer: `static const struct T name[N] = {` (type, array brackets). */
const DECLARED = /^[^=;{}()]*?\b(?:struct\s+)?([A-Za-z_]\w*)\s+\**\s*[A-Za-z_]\w*\s*((?:\[[^\]]*\]\s*)*)=\s*\{/;
/** A designated member at the read position: `.m = value`. */
const DESIGNATED = /^\.\s*([A-Za-z_]\w*)\s*=(?!=)([^,;{}]*)/;

/**
 * Members set in top-level texts (tables, macros): field -> `name@T` where the text shows the member is one of struct
 * `T`'s (a designator directly in the list of a declaration of type T, or of an element of an array of T), else `name`
 * (a member of a nested list, a macro's text, an assignment); UNKNOWN_VALUE (with `@T` when typed) for other values.
 */
export function tableAssignments(texts: Iterable<string>): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  const untyped: string[] = [];
  for (const raw of texts) {
    if (!raw.includes('=')) continue;
    const text = codeOnly(raw);
    const head = DECLARED.exec(text);
    if (head) typedDesignators(text, head[0].length - 1, head[1], head[2].trim() !== '', out);
    else untyped.push(raw);
  }
  for (const [field, values] of Object.entries(memberAssignments(untyped))) for (const v of values) (out[field] ??= new Set()).add(v);
  return toRecord(out);
}

/** Walks one initializer from its brace at `open`, recording each designated member with its owner when known. */
function typedDesignators(text: string, open: number, type: string, array: boolean, out: Record<string, Set<string>>): void {
  const owners: (string | undefined)[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '{') { owners.push(braceOwner(text, i, owners, type, array)); continue; }
    if (c === '}') { owners.pop(); if (owners.length === 0) return; continue; }
    if (c !== '.' || !/[{,]\s*$/.test(text.slice(Math.max(0, i - 40), i))) continue;
    const m = DESIGNATED.exec(text.slice(i, i + 400));
    const value = m ? valueName(m[2]) : undefined;
    if (!m || value === undefined) continue;
    const owner = owners[owners.length - 1];
    (out[m[1]] ??= new Set()).add(owner === type ? `${value}@${type}` : value);
    i += m[0].length - 1;
  }
}

/** The struct a list opened at `at` initialises: the declared type, an element of the declared array, or unknown. */
function braceOwner(text: string, at: number, owners: (string | undefined)[], type: string, array: boolean): string | undefined {
  if (owners.length === 0) return array ? '[]' : type;
  const before = text.slice(Math.max(0, at - 80), at);
  return owners[owners.length - 1] === '[]' && /(?:[{,]|\]\s*=)\s*$/.test(before) ? type : undefined;
}

/** `struct T name[...] = {` / `T name = {` / `(struct T){`: the type and where its initializer's brace is. */
const INITIALIZED = /\b(?:struct\s+)?([A-Za-z_]\w*)\s+\**\s*[A-Za-z_]\w*\s*(?:\[[^\]]*\]\s*)*=\s*\{|\(\s*(?:struct\s+)?([A-Za-z_]\w*)\s*\)\s*\{/g;
/** What an initializer may open with before its first member: more braces and array designators (`[X] =`). */
const LEADING = /^(?:\s|\{|\[[^\]]*\]\s*=)*/;

/** `{ 0 }`: every member zero (no function). */
const ZERO_INIT = /^\s*0\s*\}/;

/** The type names initialised positionally somewhere in the texts (`{ fn_a, fn_b }`, not `{ .a = fn_a }`). */
export function positionalInitTypes(texts: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const raw of texts) {
    if (!/=\s*\{|\)\s*\{/.test(raw)) continue;
    const text = codeOnly(raw);
    for (const m of text.matchAll(INITIALIZED)) {
      const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 400);
      const first = rest.slice(LEADING.exec(rest)![0].length)[0];
      if (first !== undefined && first !== '.' && first !== '}' && !ZERO_INIT.test(rest)) out.add(m[1] ?? m[2]);
    }
  }
  return [...out];
}
