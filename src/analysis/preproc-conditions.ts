// `#if` conditions evaluated per target (preproc-symbols.ts, and the file's own defines: preproc-defines.ts): code no target compiles is blanked, code only some compile is recorded as a region.
import { KBUILD_ARCHES, type KbuildArch } from './kbuild';
import { evaluateCondition as evaluateConstCondition } from './const-cond';
import { MacroTable, readDefine, type MacroLayer } from './preproc-defines';
import { codeOnly } from './text-scan';

/**
 * Per target, macros known undefined there besides the facts: a kernel tree's Kconfig symbols only other
 * architectures' arch/<dir>/ files declare (`CONFIG_ATARI` on all four, `CONFIG_PPC_PMAC` on all but powerpc64).
 */
export type AbsentMacros = Readonly<Partial<Record<KbuildArch, ReadonlySet<string>>>>;

/** Lines (0-based, inclusive) that only the listed targets compile. */
export interface ArchRegion { start: number; end: number; arches: KbuildArch[] }

type Mask = number;
const ALL: Mask = (1 << KBUILD_ARCHES.length) - 1;

const WHEN_DEFINED = /\b(defined|IS_ENABLED|IS_BUILTIN|IS_REACHABLE)\s*(?:\(\s*(\w+)\s*\)|\s(\w+))/g;

/**
 * Evaluates a C `#if` expression on one target with const-cond.ts: `defined(X)`/`IS_ENABLED(X)` become 1 or 0 for
 * the known macros, the known macros their values; any other name leaves what it decides unknown (undefined).
 */
export function evaluateCondition(text: string, arch: KbuildArch, absent?: ReadonlySet<string>): boolean | undefined {
  return evaluateOn(text, new MacroTable(arch, absent));
}

function evaluateOn(text: string, table: MacroTable): boolean | undefined {
  const expr = text.replace(WHEN_DEFINED, (_, op: string, a: string | undefined, b: string | undefined) => {
    const truth = op === 'defined' ? definedTruth(table, (a ?? b)!) : enabledTruth(table, (a ?? b)!);
    return truth === undefined ? ' unknown_macro ' : truth ? ' 1 ' : ' 0 ';
  });
  return evaluateConstCondition(expr, { get: (name) => table.value(name), size: 1 });
}

/** The four targets' Kconfig facts alone (no file's defines), for conditions met inside function bodies. */
let factTables: MacroTable[] | undefined;

/** Which of the four targets may take a branch: where its condition may hold, and where it may fail. */
export interface BranchTargets { mayHold: KbuildArch[]; mayFail: KbuildArch[] }

/**
 * A condition inside a function body (a C `if`, or an `#if` chain scanConditionals left because targets differ)
 * that Kconfig decides on some target: `IS_ENABLED(CONFIG_MIPS) && IS_ENABLED(CONFIG_CPU_BIG_ENDIAN)` fails on all
 * four (Broadcom's byte-order accessors, bcmgenet.c:69-77), `IS_ENABLED(CONFIG_64BIT)` and
 * `mthca_is_memfree(dev) || BITS_PER_LONG == 64` (mthca_profile.c:272) hold on all four, `defined(CONFIG_ARM64)`
 * holds only on arm64. Undefined when no target decides it. `directive`: the condition is
 * an `#if`-family directive's (`ifdef`: `text` is the macro name), not C.
 */
export function branchTargets(text: string, directive?: string): BranchTargets | undefined {
  if (!directive && !/\bIS_(?:ENABLED|BUILTIN|REACHABLE)\b|\bBITS_PER_LONG\b/.test(text)) return undefined;
  factTables ??= KBUILD_ARCHES.map((arch) => new MacroTable(arch));
  const expr = directive ? asIfExpression(directive, text) : text;
  const truths = factTables.map((table) => evaluateOn(expr, table));
  if (truths.every((t) => t === undefined)) return undefined;
  return { mayHold: KBUILD_ARCHES.filter((_, i) => truths[i] !== false), mayFail: KBUILD_ARCHES.filter((_, i) => truths[i] !== true) };
}

function definedTruth(table: MacroTable, name: string): boolean | undefined {
  return table.get(name)?.defined;
}

/**
 * `IS_ENABLED(X)` (and `IS_BUILTIN`, `IS_REACHABLE`: the same for the facts, none of which is a module): 1 for X
 * defined as 1; 0 only for a Kconfig fact known unset (X_MODULE could set it otherwise).
 */
function enabledTruth(table: MacroTable, name: string): boolean | undefined {
  const s = table.get(name);
  if (!s) return undefined;
  if (s.defined) return s.value === '1' ? true : undefined;
  return table.isFact(name) ? false : undefined;
}

/** The targets where a condition may hold (`possible`) and where it certainly holds (`certain`). */
function conditionMasks(cond: string, perArch: readonly MacroTable[]): { possible: Mask; certain: Mask } {
  let possible = 0;
  let certain = 0;
  perArch.forEach((table, i) => {
    const v = evaluateOn(cond, table);
    if (v !== false) possible |= 1 << i;
    if (v === true) certain |= 1 << i;
  });
  return { possible, certain };
}

const DIRECTIVE = /^[ \t]*#[ \t]*(ifdef|ifndef|if|elifdef|elifndef|elif|else|endif)\b(.*)$/;
const ANY_CONDITIONAL = /^[ \t]*#[ \t]*if/m;
const CONDITION_LINE = /^[ \t]*#[ \t]*(?:if|elif)\w*\b(.*)$/;

/** A directive's condition as the preprocessor reads it: continuation lines joined, comments removed. */
function directiveCondition(lines: string[], i: number, rest: string): { cond: string; last: number } {
  let cond = rest;
  let last = i;
  while (/\\\r?$/.test(cond) && last + 1 < lines.length) cond = cond.replace(/\\\r?$/, ' ') + lines[++last];
  cond = cond.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\*.*$/, '').replace(/\/\/.*$/, '');
  return { cond, last };
}

/** The names some `#if`/`#elif` condition of the file reads: only their `#define`s and `#undef`s need following. */
function conditionNames(lines: string[]): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const m = CONDITION_LINE.exec(lines[i]);
    if (!m) continue;
    const { cond, last } = directiveCondition(lines, i, m[1]);
    for (const w of cond.match(/[A-Za-z_]\w*/g) ?? []) names.add(w);
    i = last;
  }
  return names;
}

/** The condition of an `#ifdef`-family directive as an `#if` expression. */
function asIfExpression(kind: string, cond: string): string {
  if (kind === 'ifdef' || kind === 'elifdef') return `defined(${cond.trim()})`;
  if (kind === 'ifndef' || kind === 'elifndef') return `!defined(${cond.trim()})`;
  return cond;
}

/**
 * One open `#if` chain: the targets compiling its enclosing code (`parent`), those where an earlier branch is certainly
 * taken, those that may compile the current branch, its directive lines, how many branches some target may compile,
 * whether the one such branch is certainly compiled wherever the enclosing code is, and per target the macro layers of
 * the branches it may compile (joined at `#endif`); whether some target may or may not compile a branch (`unsure`), and
 * the braces of the compiled lines (net count and lowest running depth, nested chains included).
 */
interface Frame {
  parent: Mask; taken: Mask; current: Mask; directives: number[]; live: number; sole: boolean; branches: MacroLayer[][];
  unsure: boolean; braces: Braces;
}

/** Braces of a run of lines: net count and the lowest depth reached (negative: a `}` closes a block opened before). */
interface Braces { net: number; low: number }

/** The scan's state: the open chains and each target's macros at the current line. */
interface Scan { stack: Frame[]; perArch: MacroTable[]; followed: ReadonlySet<string> }

/**
 * Code no target compiles blanked (offsets and lines kept), and the lines only some targets compile. Driver files keep
 * dead code under `#if 0` (imsttfb.c:1086-1257) and 32-bit-only code under `#if BITS_PER_LONG == 32`
 * (bnxt.h:2263-2266); architecture-only code sits under `#ifdef CONFIG_X86` and the like. A chain that every target
 * resolves to the same branch loses its directive lines too, so the flow graph sees no empty alternative beside that
 * branch. Unknown conditions leave their branches as they are. The file's own `#define`/`#undef` lines count from
 * where they stand, on the targets compiling them (`#if BITS_PER_LONG == 64` / `#define EFX_USE_QWORD_IO 1`, sfc
 * io.h:62-64; `#define one_buffer` before `#if defined(one_buffer)`, fealnx.c:1300-1302); a name neither known nor
 * defined earlier in the file stays unknown (it may come from `-D` or a header). `absent`: per target, names known
 * undefined there besides the facts, from the file's kernel tree (`CONFIG_ATARI`, declared only by arch/m68k's
 * Kconfig, on all four; `CONFIG_PPC_PMAC` on all but powerpc64).
 */
export function scanConditionals(text: string, absent?: AbsentMacros): { text: string; regions: ArchRegion[] } {
  if (!ANY_CONDITIONAL.test(text)) return { text, regions: [] };
  const lines = text.split('\n');
  const scan: Scan = { stack: [], perArch: KBUILD_ARCHES.map((arch) => new MacroTable(arch, absent?.[arch])), followed: conditionNames(lines) };
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
  let inComment = false;
  for (let i = 0; i < lines.length; i++) {
    const startsInComment = inComment;
    inComment = commentOpenAfter(lines[i], inComment);
    const m = DIRECTIVE.exec(lines[i]);
    if (m) { i = directive(m[1], lines, i, m[2], scan, blank); continue; }
    const top = scan.stack[scan.stack.length - 1];
    const current = top ? top.current : ALL;
    if (current === 0) { blank(i); continue; }
    if (top && !startsInComment) addBraces(top.braces, lines[i]);
    if (!startsInComment) followDefine(lines[i], scan, current);
    if (current === ALL) { open = undefined; continue; }
    if (open?.mask === current) { open.region.end = i; continue; }
    open = { region: { start: i, end: i, arches: KBUILD_ARCHES.filter((_, b) => current & (1 << b)) }, mask: current };
    regions.push(open.region);
  }
  return { text: blanked ? lines.join('\n') : text, regions };
}

/**
 * Whether a block comment is open at the end of a line (so a `#define` line inside a commented-out block is not
 * followed). String literals are not parsed: a "/*" in one only makes later defines skipped, which leaves names unknown.
 */
function commentOpenAfter(line: string, open: boolean): boolean {
  let at = 0;
  for (;;) {
    if (open) { const end = line.indexOf('*/', at); if (end < 0) return true; open = false; at = end + 2; continue; }
    const start = line.indexOf('/*', at);
    if (start < 0) return false;
    const lineComment = line.indexOf('//', at);
    if (lineComment >= 0 && lineComment < start) return false;
    open = true;
    at = start + 2;
  }
}

/** Applies a `#define`/`#undef` of a followed name on the targets that may compile its line. */
function followDefine(line: string, scan: Scan, current: Mask): void {
  if (!/^[ \t]*#/.test(line)) return;
  const d = readDefine(line);
  if (!d || !scan.followed.has(d.name)) return;
  scan.perArch.forEach((table, b) => { if (current & (1 << b)) table.set(d.name, d.state); });
}

/** Applies one directive to the stack; returns its last line (continuations included). */
function directive(kind: string, lines: string[], i: number, rest: string, scan: Scan, blank: (line: number) => void): number {
  const { stack, perArch } = scan;
  const top = stack[stack.length - 1];
  if (kind === 'endif') {
    if (!top) return i;
    stack.pop();
    leaveBranch(top, perArch);
    perArch.forEach((table, b) => table.join(top.branches[b], !(top.taken & (1 << b))));
    if (top.live === 0 || (top.live === 1 && (top.sole || splitsBraces(top)))) [...top.directives, i].forEach(blank);
    const outer = stack[stack.length - 1];
    if (outer) joinBraces(outer.braces, top.braces);
    return i;
  }
  if (kind === 'else') {
    if (top) { top.directives.push(i); leaveBranch(top, perArch); enterBranch(top, ALL, ALL, perArch); }
    return i;
  }
  if (!kind.startsWith('if') && top) leaveBranch(top, perArch);
  const { cond, last } = directiveCondition(lines, i, rest);
  const { possible, certain } = conditionMasks(asIfExpression(kind, cond), perArch);
  const own = Array.from({ length: last - i + 1 }, (_, k) => i + k);
  if (kind.startsWith('if')) {
    const parent = top ? top.current : ALL;
    const frame: Frame = {
      parent, taken: 0, current: 0, directives: own, live: 0, sole: false, branches: perArch.map(() => []),
      unsure: false, braces: { net: 0, low: 0 },
    };
    stack.push(frame);
    enterBranch(frame, possible, certain, perArch);
  } else if (top) {
    top.directives.push(...own);
    enterBranch(top, possible, certain, perArch);
  }
  return last;
}

/** Starts the next branch of a chain, whose condition may hold on `possible` and certainly holds on `certain`. */
function enterBranch(frame: Frame, possible: Mask, certain: Mask, perArch: MacroTable[]): void {
  frame.current = frame.parent & ~frame.taken & possible;
  if (frame.current !== 0) {
    frame.sole = frame.live === 0 && (certain & frame.parent) === frame.parent;
    if ((certain & frame.current) !== frame.current) frame.unsure = true;
    frame.live++;
  }
  frame.taken |= certain;
  perArch.forEach((table) => table.enter());
}

/** Ends the current branch: its macro layer is kept, per target, when that target may have compiled it. */
function leaveBranch(frame: Frame, perArch: MacroTable[]): void {
  perArch.forEach((table, b) => {
    const layer = table.leave();
    if (frame.current & (1 << b)) frame.branches[b].push(layer);
  });
}

/**
 * A chain whose one compiled branch every target certainly compiles or certainly skips, and whose lines open or close
 * a block they do not close or open themselves (sis_main.c:4505-4510: `} else {` under
 * `#if !defined(__i386__) && !defined(__x86_64__)`, closed by a second such chain at :4527-4529). Kept as a
 * conditional, the half block cannot parse and the whole function becomes an error; without its directive lines the
 * text is what the targets compiling it see, and the others keep their path through it as for any region.
 */
function splitsBraces(frame: Frame): boolean {
  return !frame.unsure && (frame.braces.net !== 0 || frame.braces.low < 0);
}

/** Adds a line's braces, outside string and character literals and comments (a line inside a comment is not read). */
function addBraces(b: Braces, line: string): void {
  const code = codeOnly(line).replace(/\/\*.*$/, ''); // a comment opened and not closed on the line
  for (const c of code) {
    if (c === '{') b.net++;
    else if (c === '}') { b.net--; b.low = Math.min(b.low, b.net); }
  }
}

/** Adds a nested chain's braces to its enclosing one. */
function joinBraces(outer: Braces, inner: Braces): void {
  outer.low = Math.min(outer.low, outer.net + inner.low);
  outer.net += inner.net;
}
