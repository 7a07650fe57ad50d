// What each macro is on one target at a point of a file: the known facts (preproc-symbols.ts) updated, in order, by the
// file's own `#define`/`#undef` lines, so `#define one_buffer` ... `#if defined(one_buffer)` is decided.
import type { KbuildArch } from './kbuild';
import { numericDefineValue } from './preproc-only';
import { MACRO_FACTS } from './preproc-symbols';

/** A macro known defined (with its numeric value when it has one) or known undefined; unknown ones are absent. */
export type MacroState = { defined: true; value?: string } | { defined: false };

/** One target's macros at the current line. */
export type MacroTable = Map<string, MacroState>;

/** The known facts on a target; a macro the target may or may not define stays unknown. */
export function initialTable(arch: KbuildArch): MacroTable {
  const out: MacroTable = new Map();
  for (const [name, fact] of Object.entries(MACRO_FACTS)) {
    if (fact.maybe?.includes(arch)) continue;
    out.set(name, fact.defined.includes(arch) ? { defined: true, value: String(fact.value ?? 1) } : { defined: false });
  }
  return out;
}

const DEFINE_LINE = /^[ \t]*#[ \t]*(define|undef)[ \t]+([A-Za-z_]\w*)(.*)$/;

/** A `#define`/`#undef` line read as the state it gives its macro (a value only for a one-line numeric object-like define). */
export function readDefine(line: string): { name: string; state: MacroState } | undefined {
  const m = DEFINE_LINE.exec(line);
  if (!m) return undefined;
  if (m[1] === 'undef') return { name: m[2], state: { defined: false } };
  const rest = m[3].replace(/\r$/, '');
  if (rest.startsWith('(') || /\\$/.test(rest)) return { name: m[2], state: { defined: true } };
  const value = numericDefineValue(rest.replace(/\/\*.*?\*\//g, ' ').replace(/\/[/*].*$/, '').trim());
  return { name: m[2], state: value === undefined ? { defined: true } : { defined: true, value } };
}

/**
 * Applies a macro's new state to a target's table: where the line is certainly compiled the state is the new one;
 * where it may or may not be, the macro stays as it was only if that equals the new state, else it becomes unknown.
 */
export function applyDefine(table: MacroTable, name: string, state: MacroState, certain: boolean): void {
  if (certain) { table.set(name, state); return; }
  const old = table.get(name);
  if (!old || !sameState(old, state)) table.delete(name);
}

function sameState(a: MacroState, b: MacroState): boolean {
  if (!a.defined || !b.defined) return a.defined === b.defined;
  return a.value !== undefined && a.value === b.value;
}

/** The values the `#if` expression evaluator binds: a numeric value, or 0 for a macro known undefined. */
export function valueBindings(table: MacroTable): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, s] of table) {
    if (!s.defined) out.set(name, '0');
    else if (s.value !== undefined) out.set(name, s.value);
  }
  return out;
}
