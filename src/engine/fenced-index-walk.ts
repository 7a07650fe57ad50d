// When a descriptor's status word is not the hand-over because the device hands entries over through a producer index
// it writes into coherent memory: the read sits in a loop bounded by a comparison with a local holding that index,
// loaded (in the function, or by every caller, which passes it as an argument) before a read barrier that comes before
// the descriptor read on every path. The device writes the entries before the index, and the barrier orders the index
// read before the entries' reads, so every word of an entry below the index is already the CPU's (acenic's
// ace_rx_int(): `rxretprd = *ap->rx_ret_prd` in ace_interrupt(), then `idx = rxretcsm; while (idx != rxretprd) { if (idx
// == rxretcsm) rmb(); ...`, the barrier on the loop's first pass).
import type { FlowNode, FunctionFlow } from '../analysis/flow';
import type { Mask } from './arch-mask';
import { callSites, onlyCallers, type CallerWalk } from './caller-bound';
import { assigns, comparedLocals, functionLines, innermostLoop, onEveryPath, unconditionalUpTo, type Lines, type Loop } from './index-bound-read';
import { isDmaVisible, orderMasks } from './ordering';
import { writesVariable } from '../analysis/statement-shapes';

/** Architectures on which the load at `at` reads only entries below a producer index fenced before it (0: none). */
export function boundByFencedIndex(walk: Partial<CallerWalk>, flow: FunctionFlow, at: number): Mask {
  const barriers = flow.nodes.flatMap((n, id) => (n.chain.length === 0 && n.event?.kind === 'barrier' && orderMasks(n, 'ld-ld')[0] ? [id] : []));
  const lines = barriers.length && !flow.nodes[at].chain.length ? functionLines(flow) : undefined;
  if (!lines) return 0;
  const all = lines.text.join('\n');
  const line = flow.nodes[at].site.start.line - lines.row;
  const loop = innermostLoop(all, line);
  if (!loop || lines.text.slice(loop.from, loop.to + 1).some((l) => /^\s*(?!default\b)[A-Za-z_]\w*\s*:(?!:)/.test(l))) return 0;
  const fences = barriers.flatMap((id) => {
    const n = flow.nodes[id];
    return onEveryPath(flow, id, at) || onFirstPass(all, lines, loop, n, line) ? [[id, orderMasks(n, 'ld-ld')[0]] as const] : [];
  });
  let mask = 0;
  for (const name of comparedLocals(loop.cond)) {
    for (const [id, m] of fences) if ((mask & m) !== m && indexLoadedBefore(walk, flow, lines, name, id, loop)) mask |= m;
  }
  return mask;
}

/**
 * The barrier is the first statement of `if (x == y)` at the top level of the loop's body, before the load's line, and
 * the function assigns `x = y;` before the loop, unconditionally, with neither written from there to the test: the
 * first pass runs the barrier, and every later pass comes after the first.
 */
function onFirstPass(all: string, lines: Lines, loop: Loop, barrier: FlowNode, line: number): boolean {
  const row = barrier.site.start.line - lines.row;
  if (row <= loop.from || row >= line) return false;
  const at = offsetOf(lines, row) + barrier.site.start.character;
  const test = /\bif\s*\(\s*([A-Za-z_]\w*)\s*==\s*([A-Za-z_]\w*)\s*\)\s*\{?\s*$/.exec(all.slice(loop.open, at));
  if (!test) return false;
  const ifAt = loop.open + test.index;
  if (depth(all, loop.open, ifAt) !== 1) return false;
  const [, x, y] = test;
  const head = offsetOf(lines, loop.header);
  const before = [...all.slice(0, head).matchAll(new RegExp(`(?<![\\w.>])(?:${x}\\s*=\\s*${y}|${y}\\s*=\\s*${x})\\s*;`, 'g'))].pop();
  if (!before || !unconditionalUpTo(all, statementStart(all, before.index!), before.index! + before[0].length, loop.header)) return false;
  const between = all.slice(before.index! + before[0].length, ifAt);
  return !writesVariable(between, x) && !writesVariable(between, y);
}

/** Where the statement holding offset `at` starts when only a declaration's type words precede it there (`u32 idx = c;`). */
function statementStart(all: string, at: number): number {
  const lead = /(?:[A-Za-z_]\w*\s+|\*\s*)*$/.exec(all.slice(0, at))!;
  return /[;{}]\s*$/.test(all.slice(0, lead.index)) && !/\b(?:else|do|case|return|goto)\b/.test(lead[0]) ? lead.index : at;
}

/** Brace depth at `to` counted from the loop body's opening brace at `from`. */
function depth(all: string, from: number, to: number): number {
  let d = 0;
  for (let i = from; i < to; i++) if (all[i] === '{') d++; else if (all[i] === '}') d--;
  return d;
}

function offsetOf(lines: Lines, row: number): number {
  let off = 0;
  for (let i = 0; i < row; i++) off += lines.text[i].length + 1;
  return off;
}

/**
 * `name` holds a load of coherent DMA memory made on every path to the barrier (`prd = *p->prod_idx;`), not written
 * again up to the loop's end; or `name` is a parameter the function never writes and every call of the function (a
 * `static` one whose calls are all known) passes a local the caller so loaded on every path to the call, not written
 * again before it.
 */
function indexLoadedBefore(walk: Partial<CallerWalk>, flow: FunctionFlow, lines: Lines, name: string, fence: number, loop: Loop): boolean {
  if (loadedInto(flow, lines, name, fence, loop.to)) return true;
  const p = flow.fn.params.findIndex((q) => q.name === name);
  const body = lines.text.join('\n').replace(/^[^{]*/, '');
  if (p < 0 || !walk.index || !walk.flowOf || writesVariable(body, name)) return false;
  const callers = onlyCallers(walk.index, flow.fn);
  if (!callers || callers.length === 0) return false;
  return callers.every((caller) => {
    const outer = walk.flowOf!(caller);
    const outerLines = functionLines(outer);
    const calls = walk.index!.bodyOf(caller).cfg.nodes.flatMap((n) => (n.event?.kind === 'call' && n.event.callee === flow.fn.name ? [n.event] : []));
    const sites = callSites(outer, flow.fn.name);
    if (!outerLines || calls.length === 0 || sites.length !== calls.length) return false;
    return calls.every((c) => {
      const arg = c.argTexts[p]?.trim();
      const site = sites.find((id) => outer.nodes[id].site.start.line === c.span.start.line && outer.nodes[id].site.start.character === c.span.start.character);
      return !!arg && /^[A-Za-z_]\w*$/.test(arg) && site !== undefined && loadedInto(outer, outerLines, arg, site, c.span.start.line - outerLines.row - 1);
    });
  });
}

/** A load of coherent DMA memory into `name` on every path to node `to`, `name` not written after it through line `through`. */
function loadedInto(flow: FunctionFlow, lines: Lines, name: string, to: number, through: number): boolean {
  return flow.nodes.some((n, id) => {
    const row = n.site.start.line - lines.row;
    if (n.chain.length || n.event?.kind !== 'load' || !n.origins.some(isDmaVisible) || row < 0 || !assigns(lines.text[row] ?? '', name)) return false;
    return !writesVariable(lines.text.slice(row + 1, through + 1).join('\n'), name) && onEveryPath(flow, id, to);
  });
}
