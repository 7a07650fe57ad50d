// When a descriptor's status word is not the hand-over because the device hands entries over through a count or index
// register: the read sits in a loop bounded by a comparison of a local (`i != r`, `done < todo`) set by an ordered MMIO
// read (readl/ioread32, directly or in an inlined helper) made on every path to the read, and not written again up to
// the loop's end (a reused `val`/`i` no longer holds the register's value). The bound is the loop's condition (the read
// made before the loop) or an exit test at the top level of its body before the status read (`pi = readl(..); if (pi
// == ci) break;`, the read made before that test, in the loop or before it). The compared local may also be a budget
// clamped to such a count before the loop (`if (todo > cnt) todo = cnt;`, `todo = min(todo, cnt)`: mvneta_rx_hwbm).
// The device writes the entries before it updates the register, and the ordered read orders the later loads ('mmior-ld').
// The same bounding reads made with a relaxed accessor order nothing: relaxedIndexReads() gives them to missing-dma-rmb.
import type { FunctionFlow } from '../analysis/flow';
import type { Mask } from './arch-mask';
import { mmioAccessDir, orderMasks } from './ordering';
import { reachableAvoiding } from './pending';
import { writesVariable } from '../analysis/statement-shapes';
import { matchingClose } from '../analysis/text-scan';

export interface Loop { header: number; cond: string; from: number; to: number; open: number }

/** A comparison that ends the walk, and the line before which the bounding read must be made. */
interface Bound { cond: string; before: number }

/** Architectures on which the load at `at` reads only entries an earlier ordered index/count read covers (0: none). */
export function boundByIndexRead(flow: FunctionFlow, at: number): Mask {
  return boundingReads(flow, at).reduce((mask, id) => mask | orderMasks(flow.nodes[id], 'mmior-ld')[1], 0);
}

/**
 * The MMIO reads of an index or count register bounding the loop around the load at `at`, each with the architectures
 * on which it orders no later load at all ('mmior-ld': readl_relaxed(), __raw_readl(), a volatile load): there the
 * loop's loads of the entries may be satisfied before the register is read (io-semantics §j.3).
 */
export function relaxedIndexReads(flow: FunctionFlow, at: number, mask: Mask): { read: number; mask: Mask }[] {
  return boundingReads(flow, at).map((read) => ({ read, mask: mask & ~orderMasks(flow.nodes[read], 'mmior-ld')[0] })).filter((r) => r.mask);
}

const readsMemo = new WeakMap<FunctionFlow, Map<number, number[]>>();

/**
 * The MMIO reads into a local that bounds the loop around the load at `at` (its condition, an exit test, a clamp);
 * remembered per flow and load, since missing-dma-rmb asks for each gate the ordered, relaxed and fenced readings.
 */
function boundingReads(flow: FunctionFlow, at: number): number[] {
  let perFlow = readsMemo.get(flow);
  if (!perFlow) readsMemo.set(flow, (perFlow = new Map()));
  let reads = perFlow.get(at);
  if (!reads) perFlow.set(at, (reads = findBoundingReads(flow, at)));
  return reads;
}

function findBoundingReads(flow: FunctionFlow, at: number): number[] {
  const lines = functionLines(flow);
  if (!lines) return [];
  const line = flow.nodes[at].site.start.line - lines.row;
  const all = lines.text.join('\n');
  const loop = innermostLoop(all, line);
  if (!loop) return [];
  const bounds: Bound[] = [{ cond: loop.cond, before: loop.header }, ...exitTests(all, loop, line)];
  const reads = new Set<number>();
  for (const { cond, before } of bounds) {
    for (const name of comparedLocals(cond)) {
      for (const id of readsInto(flow, lines, at, name, before, loop.to)) reads.add(id);
      for (const clamp of clamps(all, name, loop.header)) {
        if (writesVariable(lines.text.slice(clamp.end + 1, loop.to + 1).join('\n'), name)) continue;
        for (const id of readsInto(flow, lines, at, clamp.count, clamp.start, clamp.start - 1)) reads.add(id);
      }
    }
  }
  return [...reads];
}

export type Lines = { text: string[]; row: number };

/**
 * The MMIO reads stored in `name` on a line before `before`, each made on every path to `at`, with `name` not written
 * again from the next line through line `through`.
 */
function readsInto(flow: FunctionFlow, lines: Lines, at: number, name: string, before: number, through: number): number[] {
  const out: number[] = [];
  flow.nodes.forEach((n, id) => {
    if (mmioAccessDir(n) !== 'read') return;
    const row = n.site.start.line - lines.row;
    if (row < 0 || row >= before || !assigns(lines.text[row], name)) return;
    if (writesVariable(lines.text.slice(row + 1, through + 1).join('\n'), name)) return;
    if (onEveryPath(flow, id, at)) out.push(id);
  });
  return out;
}

/** A statement making `bound` at most `count`: its lines (0-based in the text) and the count's name. */
interface Clamp { count: string; start: number; end: number }

/**
 * Statements before line `before` that clamp `bound` to another local, unconditionally on the way to that line (the
 * same block, no label between, not an `else` branch): `if (bound > count) bound = count;` (or `count < bound`,
 * `>=`/`<=`), `bound = min(bound, count);`, `bound = min_t(type, count, bound);` (the mvneta_rx_hwbm budget).
 */
function clamps(all: string, bound: string, before: number): Clamp[] {
  const b = bound;
  const shapes = [
    `if\\s*\\(\\s*${b}\\s*>=?\\s*(\\w+)\\s*\\)\\s*${b}\\s*=\\s*\\1\\s*;`,
    `if\\s*\\(\\s*(\\w+)\\s*<=?\\s*${b}\\s*\\)\\s*${b}\\s*=\\s*\\1\\s*;`,
    `${b}\\s*=\\s*min(?:_t\\s*\\(\\s*\\w+(?:\\s+\\w+)?\\s*,|\\s*\\()\\s*(?:${b}\\s*,\\s*(\\w+)|(\\w+)\\s*,\\s*${b})\\s*\\)\\s*;`,
  ];
  const out: Clamp[] = [];
  for (const shape of shapes) {
    for (const m of all.matchAll(new RegExp(`(?<![\\w.>])${shape}`, 'g'))) {
      const count = m[1] ?? m[2];
      const start = lineOfOffset(all, m.index!);
      if (!count || count === b || start >= before || !unconditionalUpTo(all, m.index!, m.index! + m[0].length, before)) continue;
      out.push({ count, start, end: lineOfOffset(all, m.index! + m[0].length) });
    }
  }
  return out;
}

/** The statement at [from, to) starts a statement of a block that stays open up to line `before`, with no label between. */
export function unconditionalUpTo(all: string, from: number, to: number, before: number): boolean {
  const lead = all.slice(0, from).replace(/\s+$/, '');
  if (!/[;{}]$/.test(lead) || /\belse$/.test(lead)) return false;
  let depth = 0;
  let row = lineOfOffset(all, to);
  for (let i = to; i < all.length && row < before; i++) {
    const c = all[i];
    if (c === '\n') row++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  const between = all.split('\n').slice(lineOfOffset(all, to) + 1, before);
  return !between.some((l) => /^\s*(?!default\b)[A-Za-z_]\w*\s*:(?!:)/.test(l));
}

/** True when the load at `at` lies in a braced `while`/`for`/`do` loop of the function's own text. */
export function insideLoop(flow: FunctionFlow, at: number): boolean {
  const lines = functionLines(flow);
  if (!lines) return false;
  const all = lines.text.join('\n');
  const line = flow.nodes[at].site.start.line - lines.row;
  if (innermostLoop(all, line)) return true;
  for (const m of all.matchAll(/\bdo\s*\{/g)) {
    const open = m.index! + m[0].length - 1;
    const close = matchingClose(all, open, '{', '}');
    if (close > 0 && lineOfOffset(all, open) < line && line <= lineOfOffset(all, close)) return true;
  }
  return false;
}

/**
 * `if (<cond>) break;` (or `return ...;`) statements at the top level of the loop's body, on lines before `line`: each
 * ends the walk when its condition holds, so a comparison in it bounds the entries read after it.
 */
function exitTests(all: string, loop: Loop, line: number): Bound[] {
  const out: Bound[] = [];
  let depth = 0;
  let row = lineOfOffset(all, loop.open);
  for (let i = loop.open; i < all.length; i++) {
    const c = all[i];
    if (c === '\n' && ++row >= line) break;
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) break;
    if (c !== '(' || depth !== 1 || !/\bif\s*\($/.test(all.slice(Math.max(loop.open, i - 8), i + 1))) continue;
    const close = matchingClose(all, i, '(', ')');
    if (close < 0) break;
    if (/^\s*(break|return\b[^;{}]*);/.test(all.slice(close + 1, close + 200))) out.push({ cond: all.slice(i + 1, close), before: row });
    for (; i < close; i++) if (all[i + 1] === '\n') row++;
  }
  return out;
}

function lineOfOffset(all: string, off: number): number {
  let n = 0;
  for (let i = all.indexOf('\n'); i >= 0 && i < off; i = all.indexOf('\n', i + 1)) n++;
  return n;
}

/** The function's lines with comments and string literals blanked (so parentheses in them do not count). */
export function functionLines(flow: FunctionFlow): Lines | undefined {
  const src = flow.fn.source;
  if (!src) return undefined;
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  const text = src.text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, blank);
  return { text: text.split('\n'), row: src.row };
}

/** The innermost `while (...)`/`for (...)` loop with a braced body holding line `line` (0-based in the text). */
export function innermostLoop(all: string, line: number): Loop | undefined {
  const lineAt = (off: number) => all.slice(0, off).split('\n').length - 1;
  let best: Loop | undefined;
  for (const m of all.matchAll(/\b(while|for)\s*\(/g)) {
    const open = m.index! + m[0].length - 1;
    const close = matchingClose(all, open, '(', ')');
    if (close < 0) continue;
    const brace = all.slice(close + 1).search(/\S/);
    if (brace < 0 || all[close + 1 + brace] !== '{') continue;
    const end = matchingClose(all, close + 1 + brace, '{', '}');
    if (end < 0) continue;
    const loop = { header: lineAt(m.index!), cond: condition(m[1], all.slice(open + 1, close)), from: lineAt(close + 1 + brace), to: lineAt(end), open: close + 1 + brace };
    if (loop.from <= line && line <= loop.to && loop.header < line && (!best || loop.from >= best.from)) best = loop;
  }
  return best;
}


/** A `for` loop's test (its middle clause); a `while` loop's whole condition. */
function condition(kind: string, inner: string): string {
  if (kind !== 'for') return inner;
  const parts = inner.split(';');
  return parts.length === 3 ? parts[1] : '';
}

/**
 * Locals compared with another non-constant value in the condition (`i != r`, `rx_proc < rx_todo`): an index or a
 * count, not a status bit tested with `&` (an interrupt status register is masked, not compared with a position).
 */
export function comparedLocals(cond: string): string[] {
  const names: string[] = [];
  const variable = (s: string) => /^[a-z_]\w*$/.test(s) && !/^[A-Z0-9_]+$/.test(s);
  for (const term of cond.split(/&&|\|\|/)) {
    const m = /^\s*\(?\s*([\w>.-]+?)\s*(==|!=|<=|>=|<|>)\s*([\w>.-]+?)\s*\)?\s*$/.exec(term);
    if (!m || !/^[A-Za-z_]/.test(m[1]) || !/^[A-Za-z_]/.test(m[3]) || /^[A-Z0-9_]+$/.test(m[1]) || /^[A-Z0-9_]+$/.test(m[3])) continue;
    for (const s of [m[1], m[3]]) if (variable(s)) names.push(s);
  }
  return names;
}

/** The line stores the read's value in `name`: `name = f(...)` or an out-parameter `f(..., &name)`. */
export function assigns(line: string, name: string): boolean {
  return new RegExp(`(^|[^\\w.>])${name}\\s*=[^=]`).test(line) || new RegExp(`&\\s*${name}\\s*[,)]`).test(line);
}


/** Every path from the flow's entry to `target` passes `via`. */
export function onEveryPath(flow: FunctionFlow, via: number, target: number): boolean {
  return !reachableAvoiding(flow, target, (_, id) => id === via);
}
