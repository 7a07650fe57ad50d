// A command completed by polling a register: the function called a helper that (itself or a helper it calls) loops on
// an ordered MMIO read until the device reports completion (the bootstrap mailbox's ready bit, sli_bmbx_wait() of
// libefc_sli), and nothing wrote to the device since. The device wrote the response before it set the register; the
// ordered read ('mmior-ld') orders every later load after it, so the response's status word is a result, not a gate.
import type { FunctionFacts } from '../analysis/facts';
import type { FunctionFlow } from '../analysis/flow';
import type { ProjectIndex } from '../analysis/project-index';
import { codeOnly, matchingClose } from '../analysis/text-scan';
import { ACCESSORS } from '../analysis/vocabulary';
import { ARCHES, accessorFact } from './arch';
import type { Mask } from './arch-mask';
import { insideLoop } from './index-bound-read';
import { predecessors } from './pending';

/** How many helpers below the called one the poll may be (sli_bmbx_command -> sli_bmbx_write -> sli_bmbx_wait). */
const MAX_POLL_DEPTH = 2;

/** Per architecture, the read accessors that order later loads (mmior-ld guaranteed): readl, ioread32, ... */
const ORDERED_READS: ReadonlyMap<string, Mask> = new Map([...ACCESSORS].flatMap(([name, info]) => {
  if (info.dir !== 'read') return [];
  const mask = ARCHES.reduce((m, a, i) => (accessorFact(a, info.family, 'read').provides['mmior-ld']?.level === 'yes' ? m | (1 << i) : m), 0);
  return mask ? [[name, mask] as [string, Mask]] : [];
}));

/** `readl_poll_timeout(...)`, `readx_poll_timeout(readl, ...)`, `read_poll_timeout(ioread32, ...)` (linux/iopoll.h). */
const IOPOLL = /\b(\w+?)_poll_timeout(?:_atomic)?\s*\(\s*(\w+)?/g;

const ownPolls = new WeakMap<FunctionFacts, Mask>();

/** Architectures on which `fn` or a helper it calls (MAX_POLL_DEPTH levels) polls a register with an ordered read. */
export function pollsRegister(index: ProjectIndex, fn: FunctionFacts, depth = 0, seen = new Set<FunctionFacts>()): Mask {
  if (seen.has(fn)) return 0;
  seen.add(fn);
  let mask = ownPoll(fn);
  if (depth >= MAX_POLL_DEPTH) return mask;
  for (const name of fn.calls) {
    const callee = index.lookupFunction(name, fn.file);
    if (callee && callee !== fn) mask |= pollsRegister(index, callee, depth + 1, seen);
  }
  return mask;
}

function ownPoll(fn: FunctionFacts): Mask {
  let mask = ownPolls.get(fn);
  if (mask === undefined) { mask = pollLoops(codeOnly(fn.source?.text ?? '')); ownPolls.set(fn, mask); }
  return mask;
}

/**
 * Loops that wait on an ordered read: `do { v = readl(..); if (v & RDY) return 0; ... } while (..)`, `while (!(readl(..)
 * & DONE))`, `do { v = readl(..); } while (!(v & DONE))`, and the iopoll macros. The read's value must decide the exit
 * (the loop condition or an `if (...) return|break` in the body names it).
 */
function pollLoops(text: string): Mask {
  let mask = 0;
  for (const m of text.matchAll(IOPOLL)) mask |= ORDERED_READS.get(m[1] === 'read' || m[1] === 'readx' ? m[2] ?? '' : m[1]) ?? 0;
  for (const { cond, body } of loops(text)) {
    for (const [name, m] of ORDERED_READS) {
      if (!text.includes(name)) continue;
      const call = new RegExp(`\\b${name}\\s*\\(`);
      if (call.test(cond)) { mask |= m; continue; }
      for (const a of body.matchAll(new RegExp(`\\b(\\w+)\\s*=\\s*${name}\\s*\\(`, 'g'))) {
        const v = new RegExp(`\\b${a[1]}\\b`);
        if (v.test(cond) || exitTests(body).some((t) => v.test(t))) mask |= m;
      }
    }
  }
  return mask;
}

/** Each `while (c) ..`, `for (..; c; ..) ..` and `do {..} while (c);` loop: its condition and its body's text. */
function loops(text: string): { cond: string; body: string }[] {
  const out: { cond: string; body: string }[] = [];
  for (const m of text.matchAll(/\b(while|for)\s*\(/g)) {
    const open = m.index! + m[0].length - 1;
    const close = matchingClose(text, open, '(', ')');
    if (close < 0) continue;
    const inner = text.slice(open + 1, close);
    const cond = m[1] === 'for' ? inner.split(';')[1] ?? '' : inner;
    const rest = text.slice(close + 1);
    const brace = rest.search(/\S/);
    if (brace >= 0 && rest[brace] === '{') {
      const end = matchingClose(text, close + 1 + brace, '{', '}');
      if (end > 0) out.push({ cond, body: text.slice(close + 2 + brace, end) });
    } else if (m[1] === 'while' && /}\s*$/.test(text.slice(0, m.index!))) {
      const end = text.slice(0, m.index!).lastIndexOf('}');
      const start = openingBrace(text, end);
      if (start >= 0 && /\bdo\s*$/.test(text.slice(0, start))) out.push({ cond, body: text.slice(start + 1, end) });
    } else if (brace >= 0) {
      out.push({ cond, body: rest.slice(0, Math.max(0, rest.indexOf(';') + 1)) }); // one statement, or none
    }
  }
  return out;
}

/** The conditions of `if (<c>) return ...;` / `if (<c>) break;` statements in a loop body. */
function exitTests(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(/\bif\s*\(/g)) {
    const open = m.index! + m[0].length - 1;
    const close = matchingClose(body, open, '(', ')');
    if (close >= 0 && /^\s*(?:{\s*)?(return\b|break\s*;)/.test(body.slice(close + 1, close + 120))) out.push(body.slice(open + 1, close));
  }
  return out;
}


function openingBrace(text: string, close: number): number {
  for (let i = close, depth = 0; i >= 0; i--) {
    if (text[i] === '}') depth++;
    else if (text[i] === '{' && --depth === 0) return i;
  }
  return -1;
}


/**
 * Architectures on which the load at `at` comes after a register poll with no write to the device since: some path
 * to it passes a poll (a call of a helper that polls, or an ordered read in a function that does), and on no path
 * does an MMIO write (a new command) follow the last poll, or come with no poll after it. A path with neither (an
 * early error return of the helper before it polled) does not count against it. The load must not be inside a loop of
 * the function: a ring walked after an interrupt status read is not a completed command.
 */
export function afterRegisterPoll(flow: FunctionFlow, at: number, index: ProjectIndex): Mask {
  if (insideLoop(flow, at)) return 0;
  const polls = pollNodes(flow, index);
  if (polls.size === 0) return 0;
  const DIRTY = -1;
  const preds = predecessors(flow);
  const out = new Int8Array(flow.nodes.length);
  const meet = (i: number) => preds[i].reduce((m, p) => (m === DIRTY || out[p] === DIRTY ? DIRTY : m | out[p]), 0);
  const transfer = (i: number, v: number) => {
    const e = flow.nodes[i].event;
    if (e?.kind === 'access' && e.dir === 'write') return DIRTY;
    return polls.has(i) && v !== DIRTY ? v | polls.get(i)! : polls.has(i) ? polls.get(i)! : v;
  };
  for (let changed = true, rounds = 0; changed && rounds < 50; rounds++) {
    changed = false;
    for (let i = 0; i < flow.nodes.length; i++) {
      const v = transfer(i, i === 0 ? 0 : meet(i));
      if (v !== out[i]) { out[i] = v; changed = true; }
    }
  }
  const v = meet(at);
  return v === DIRTY ? 0 : v;
}

/**
 * The nodes that poll, with the architectures whose read orders later loads: calls not inlined to a helper that
 * polls (pollsRegister), and ordered reads in a function (the analysed one or an inlined helper) whose own text polls.
 */
function pollNodes(flow: FunctionFlow, index: ProjectIndex): Map<number, Mask> {
  const out = new Map<number, Mask>();
  const byName = new Map<string, Mask>();
  const helper = (name: string, own: boolean) => {
    const key = `${own ? 'o' : 'c'}:${name}`;
    let m = byName.get(key);
    if (m === undefined) {
      const fn = name === flow.fn.name ? flow.fn : index.lookupFunction(name, flow.fn.file);
      m = fn ? (own ? ownPoll(fn) : pollsRegister(index, fn)) : 0;
      byName.set(key, m);
    }
    return m;
  };
  flow.nodes.forEach((n, id) => {
    const e = n.event;
    if (e?.kind === 'call') {
      const m = helper(e.callee, false);
      if (m) out.set(id, m);
    } else if (e?.kind === 'access' && e.dir === 'read') {
      const m = helper(n.chain.length ? n.chain[n.chain.length - 1] : flow.fn.name, true) & (ORDERED_READS.get(e.api) ?? 0);
      if (m) out.set(id, m);
    }
  });
  return out;
}
