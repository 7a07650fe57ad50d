// `#if` conditions evaluated per target (from preproc-symbols.ts): code no target compiles is blanked, code only some compile is recorded as a region.
import { KBUILD_ARCHES, type KbuildArch } from './kbuild';
import { evaluateCondition as evaluateConstCondition } from './const-cond';
import { MACRO_FACTS } from './preproc-symbols';

/** Lines (0-based, inclusive) that only the listed targets compile. */
export interface ArchRegion { start: number; end: number; arches: KbuildArch[] }

type Mask = number;
const ALL: Mask = (1 << KBUILD_ARCHES.length) - 1;

const WHEN_DEFINED = /\b(?:defined|IS_ENABLED|IS_BUILTIN)\s*(?:\(\s*(\w+)\s*\)|\s(\w+))/g;

/** What the known macros are on a target (absent: 0); those a target may or may not define stay unbound. */
function bindingsFor(arch: KbuildArch, shadowed: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, fact] of Object.entries(MACRO_FACTS)) {
    if (shadowed.has(name) || fact.maybe?.includes(arch)) continue;
    out.set(name, fact.defined.includes(arch) ? String(fact.value ?? 1) : '0');
  }
  return out;
}

/**
 * Evaluates a C `#if` expression on one target with const-cond.ts: `defined(X)`/`IS_ENABLED(X)` become 1 or 0 for
 * the known macros, the known macros their values; any other name leaves what it decides unknown (undefined).
 */
export function evaluateCondition(text: string, arch: KbuildArch, shadowed: ReadonlySet<string> = new Set()): boolean | undefined {
  return evaluateWith(text, bindingsFor(arch, shadowed));
}

function evaluateWith(text: string, bindings: ReadonlyMap<string, string>): boolean | undefined {
  const expr = text.replace(WHEN_DEFINED, (_, a: string | undefined, b: string | undefined) => {
    const v = bindings.get((a ?? b)!);
    return v === undefined ? ' unknown_macro ' : v === '0' ? ' 0 ' : ' 1 ';
  });
  return evaluateConstCondition(expr, bindings);
}

/** The targets where a condition may hold (`possible`) and where it certainly holds (`certain`). */
function conditionMasks(cond: string, perArch: readonly ReadonlyMap<string, string>[]): { possible: Mask; certain: Mask } {
  let possible = 0;
  let certain = 0;
  perArch.forEach((bindings, i) => {
    const v = evaluateWith(cond, bindings);
    if (v !== false) possible |= 1 << i;
    if (v === true) certain |= 1 << i;
  });
  return { possible, certain };
}

const DIRECTIVE = /^[ \t]*#[ \t]*(ifdef|ifndef|if|elifdef|elifndef|elif|else|endif)\b(.*)$/;
const ANY_CONDITIONAL = /^[ \t]*#[ \t]*if/m;
const REDEFINED = /^[ \t]*#[ \t]*(?:define|undef)[ \t]+(\w+)/gm;

/** A directive's condition as the preprocessor reads it: continuation lines joined, comments removed. */
function directiveCondition(lines: string[], i: number, rest: string): { cond: string; last: number } {
  let cond = rest;
  let last = i;
  while (/\\\r?$/.test(cond) && last + 1 < lines.length) cond = cond.replace(/\\\r?$/, ' ') + lines[++last];
  cond = cond.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\*.*$/, '').replace(/\/\/.*$/, '');
  return { cond, last };
}

/** The condition of an `#ifdef`-family directive as an `#if` expression. */
function asIfExpression(kind: string, cond: string): string {
  if (kind === 'ifdef' || kind === 'elifdef') return `defined(${cond.trim()})`;
  if (kind === 'ifndef' || kind === 'elifndef') return `!defined(${cond.trim()})`;
  return cond;
}

/**
 * One open `#if` chain: the targets compiling its enclosing code (`parent`), those where an earlier branch is certainly
 * taken, those that may compile the current branch, its directive lines, how many branches some target may compile, and
 * whether the one such branch is certainly compiled wherever the enclosing code is.
 */
interface Frame { parent: Mask; taken: Mask; current: Mask; directives: number[]; live: number; sole: boolean }

/**
 * Code no target compiles blanked (offsets and lines kept), and the lines only some targets compile. Driver files keep
 * dead code under `#if 0` (imsttfb.c:1086-1257) and 32-bit-only code under `#if BITS_PER_LONG == 32`
 * (bnxt.h:2263-2266); architecture-only code sits under `#ifdef CONFIG_X86` and the like. A chain that every target
 * resolves to the same branch loses its directive lines too, so the flow graph sees no empty alternative beside that
 * branch. Unknown conditions leave their branches as they are. A file's own `#define`/`#undef` of a known macro makes
 * it unknown in that file.
 */
export function scanConditionals(text: string): { text: string; regions: ArchRegion[] } {
  if (!ANY_CONDITIONAL.test(text)) return { text, regions: [] };
  const shadowed = new Set([...text.matchAll(REDEFINED)].map((m) => m[1]).filter((n) => n in MACRO_FACTS));
  const perArch = KBUILD_ARCHES.map((arch) => bindingsFor(arch, shadowed));
  const lines = text.split('\n');
  const stack: Frame[] = [];
  const regions: ArchRegion[] = [];
  let blanked = false;
  /** Blanks a line; a directive line keeps a comment it leaves open (it closes on a later line that may stay). */
  const blank = (i: number) => {
    const opened = DIRECTIVE.test(lines[i]) ? lines[i].lastIndexOf('/*') : -1;
    const cut = opened >= 0 && !lines[i].includes('*/', opened + 2) ? opened : lines[i].length;
    lines[i] = lines[i].slice(0, cut).replace(/[^\r]/g, ' ') + lines[i].slice(cut);
    blanked = true;
  };
  let open: { region: ArchRegion; mask: Mask } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]);
    if (m) { i = directive(m[1], lines, i, m[2], stack, perArch, blank); continue; }
    const current = stack.length ? stack[stack.length - 1].current : ALL;
    if (current === 0) { blank(i); continue; }
    if (current === ALL) { open = undefined; continue; }
    if (open?.mask === current) { open.region.end = i; continue; }
    open = { region: { start: i, end: i, arches: KBUILD_ARCHES.filter((_, b) => current & (1 << b)) }, mask: current };
    regions.push(open.region);
  }
  return { text: blanked ? lines.join('\n') : text, regions };
}

/** Applies one directive to the stack; returns its last line (continuations included). */
function directive(kind: string, lines: string[], i: number, rest: string, stack: Frame[], perArch: readonly ReadonlyMap<string, string>[], blank: (line: number) => void): number {
  const top = stack[stack.length - 1];
  if (kind === 'endif') {
    stack.pop();
    if (top && (top.live === 0 || (top.live === 1 && top.sole))) [...top.directives, i].forEach(blank);
    return i;
  }
  if (kind === 'else') { if (top) { top.directives.push(i); enterBranch(top, top.parent & ~top.taken, ALL); } return i; }
  const { cond, last } = directiveCondition(lines, i, rest);
  const { possible, certain } = conditionMasks(asIfExpression(kind, cond), perArch);
  const own = Array.from({ length: last - i + 1 }, (_, k) => i + k);
  if (kind.startsWith('if')) {
    const parent = top ? top.current : ALL;
    const frame: Frame = { parent, taken: 0, current: 0, directives: own, live: 0, sole: false };
    stack.push(frame);
    enterBranch(frame, parent & possible, certain);
  } else if (top) {
    top.directives.push(...own);
    enterBranch(top, top.parent & ~top.taken & possible, certain);
  }
  return last;
}

/** Starts a branch compiled (at most) on `current`, certainly taken where `certain` holds and no earlier one was. */
function enterBranch(frame: Frame, current: Mask, certain: Mask): void {
  frame.current = current;
  if (current !== 0) {
    frame.sole = frame.live === 0 && (certain & frame.parent) === frame.parent;
    frame.live++;
  }
  frame.taken |= certain;
}
