// What each macro is on one target at a point of a file: the known facts (preproc-symbols.ts) updated, in order, by the
// file's own `#define`/`#undef` lines, so `#define one_buffer` ... `#if defined(one_buffer)` is decided.
import type { KbuildArch } from './kbuild';
import { numericDefineValue } from './preproc-only';
import { MACRO_FACTS } from './preproc-symbols';

const NO_NAMES: ReadonlySet<string> = new Set();

/** A macro known defined (with its numeric value when it has one) or known undefined. */
export type MacroState = { defined: true; value?: string } | { defined: false };

/** A macro's state in one scope; null: unknown there (shadows what an enclosing scope knew). */
type Slot = MacroState | null;

/** What the lines of one branch set. */
export type MacroLayer = Map<string, Slot>;

/**
 * One target's macros at the current line, as layers: the known facts, then one layer per open `#if` branch, which
 * holds what the lines of that branch set, given that the branch is compiled. A branch's defines are therefore certain
 * inside it (`#ifndef FOO_H` / `#define FOO_H` guards do not make a header's defines uncertain); at `#endif` the
 * branches that may have been compiled are joined into the enclosing layer: a macro all of them (and the path through
 * none, when no branch is certain) leave the same keeps that state, any other becomes unknown.
 */
export class MacroTable {
  private readonly layers: MacroLayer[];

  /** `absent`: macros known undefined on this target besides the facts (Kconfig symbols only other architectures declare). */
  constructor(arch: KbuildArch, private readonly absent: ReadonlySet<string> = NO_NAMES) {
    const facts: MacroLayer = new Map();
    for (const [name, fact] of Object.entries(MACRO_FACTS)) {
      if (fact.maybe?.includes(arch)) continue;
      facts.set(name, fact.defined.includes(arch) ? { defined: true, value: String(fact.value ?? 1) } : { defined: false });
    }
    this.layers = [facts];
  }

  /** A macro's state here; undefined when unknown. */
  get(name: string): MacroState | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const slot = this.layers[i].get(name);
      if (slot !== undefined) return slot ?? undefined;
    }
    return this.absent.has(name) ? { defined: false } : undefined;
  }

  /** Whether a name is a Kconfig fact of the targets (its `_MODULE` variant cannot set it either). */
  isFact(name: string): boolean {
    return name in MACRO_FACTS || this.absent.has(name);
  }

  /** The value the `#if` evaluator binds: a numeric value, 0 for a macro known undefined, else undefined. */
  value(name: string): string | undefined {
    const s = this.get(name);
    return !s ? undefined : s.defined ? s.value : '0';
  }

  set(name: string, state: MacroState | undefined): void {
    this.layers[this.layers.length - 1].set(name, state ?? null);
  }

  /** Opens the layer of a branch. */
  enter(): void {
    this.layers.push(new Map());
  }

  /** Closes the layer of a branch, returning what it set. */
  leave(): MacroLayer {
    return this.layers.length > 1 ? this.layers.pop()! : new Map();
  }

  /** Joins the layers of the branches that may have been compiled (`viaNone`: or none of them) into the current layer. */
  join(branches: readonly MacroLayer[], viaNone: boolean): void {
    const names = new Set(branches.flatMap((b) => [...b.keys()]));
    for (const name of names) {
      const before = this.get(name);
      const states = branches.map((b) => (b.has(name) ? b.get(name) ?? undefined : before));
      if (viaNone) states.push(before);
      const first = states[0];
      this.set(name, states.every((s) => sameState(s, first)) ? first : undefined);
    }
  }
}

function sameState(a: MacroState | undefined, b: MacroState | undefined): boolean {
  if (!a || !b) return false;
  if (!a.defined || !b.defined) return a.defined === b.defined;
  return a.value === b.value;
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
