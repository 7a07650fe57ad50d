// Whether the device can reach a descriptor when its ownership word is stored: not when a producer index advanced
// afterwards is what publishes it, nor when the descriptor was allocated in this very call and not yet made known.
import type { FlowNode, FunctionFlow } from '../analysis/flow';
import type { ProjectIndex } from '../analysis/project-index';
import type { Mask } from './arch-mask';
import { lastField } from './descriptor-words';
import { isDmaVisible, orderMasks } from './ordering';
import { reachable } from './pending';

const KIND = 'store-mmiow' as const;

/**
 * Architectures on which the ring is published by a producer index: after the ownership store at `ownerId`, the flow
 * stores a member (`sky2->tx_prod = slot`) and then writes that member's value to a device register with an MMIO write
 * that orders earlier stores (itself, or a barrier on the way). A device driven by such an index fetches only up to it,
 * so the order in which the descriptor's own words reach memory before that write does not matter.
 */
export function publishedByIndex(flow: FunctionFlow, ownerId: number): Mask {
  const after = reachable(flow, ownerId);
  let covered = 0;
  for (const id of after) {
    const w = flow.nodes[id];
    if (!w.valueMember) continue;
    const toWrite = reachable(flow, id, true);
    const between = [...after].filter((b) => b !== id && b !== ownerId && toWrite.has(b)).map((b) => flow.nodes[b]);
    const advanced = between.some((b) => b.event?.kind === 'store' && lastField(b.event.targetText) === w.valueMember);
    if (!advanced) continue;
    covered |= orderMasks(w, KIND)[1] | between.reduce((m, b) => m | (b.event?.kind === 'barrier' ? orderMasks(b, KIND)[1] : 0), 0);
  }
  return covered;
}

/**
 * Architectures on which the ring is published by a producer index kept in a local (the hix5hd2 free-queue shape:
 * `desc = ring + pos; ...; pos = dma_ring_incr(pos, N);` then `wmb(); writel_relaxed(dma_byte(pos), WR_ADDR)`): after
 * the ownership store an MMIO write's value names a local that the function steps from its own value and that picks
 * the descriptor (`key` names it, or `key` is assigned from an expression naming it), and the write orders earlier
 * stores (itself, or a barrier on the way). A constant kick names no such local.
 */
export function publishedByLocalIndex(flow: FunctionFlow, ownerId: number, key: string): Mask {
  const text = flow.fn.source?.text ?? '';
  const after = reachable(flow, ownerId);
  let covered = 0;
  for (const id of after) {
    const w = flow.nodes[id];
    const e = w.event;
    if (e?.kind !== 'access' || e.dir !== 'write' || !e.valueText) continue;
    const locals = [...new Set(e.valueText.match(/(?<![\w>.])[a-z_]\w*(?!\s*\()/g) ?? [])];
    if (!locals.some((l) => steppedLocal(text, l) && picksDescriptor(text, key, l))) continue;
    const toWrite = reachable(flow, id, true);
    const between = [...after].filter((b) => b !== id && toWrite.has(b)).map((b) => flow.nodes[b]);
    covered |= orderMasks(w, KIND)[1] | between.reduce((m, b) => m | (b.event?.kind === 'barrier' ? orderMasks(b, KIND)[1] : 0), 0);
  }
  return covered;
}

/** `l` is stepped from its own value: `l++`, `l += n`, `l = next(l, N)` (not a member: `p->l` is another name). */
function steppedLocal(text: string, l: string): boolean {
  const name = `(?<![\\w>.])${l}\\b`;
  return new RegExp(`${name}\\s*(\\+\\+|--|[-+]=)|(\\+\\+|--)\\s*${name}|${name}\\s*=(?!=)[^;]*(?<![\\w>.])${l}\\b`).test(text);
}

/** The descriptor is chosen by `l`: its lvalue names it (`ring[l]`), or it is a local assigned from an expression naming it. */
function picksDescriptor(text: string, key: string, l: string): boolean {
  const names = new RegExp(`(?<![\\w>.])${l}\\b`);
  if (names.test(key)) return true;
  if (!/^\w+$/.test(key)) return false;
  return [...text.matchAll(new RegExp(`(?<![\\w>.])${key}\\s*=(?!=)([^;]*);`, 'g'))].some((m) => names.test(m[1]));
}

/**
 * The descriptor was allocated in this call (a local holding the result of a DMA allocation of this function) and,
 * before the ownership store, nothing could have told the device where it is: no MMIO write, no store to other
 * DMA-visible memory, no call that is passed the descriptor. The device cannot fetch what it cannot address yet.
 */
export function unpublishedFresh(flow: FunctionFlow, ownerId: number, key: string): boolean {
  const owner = flow.nodes[ownerId];
  const { fn } = flow;
  if (owner.chain.length || !/^\w+$/.test(key) || fn.params.some((p) => p.name === key)) return false;
  const fresh = owner.origins.some((o) => isDmaVisible(o) && o.file === fn.file && inside(o.span.start.line, fn.span));
  if (!fresh || !assignedOnlyFromAllocation(fn.source?.text ?? '', key)) return false;
  return ![...reachable(flow, ownerId, true)].some((id) => id !== ownerId && tellsDevice(flow.nodes[id], key));
}

function inside(line: number, span: { start: { line: number }; end: { line: number } }): boolean {
  return line >= span.start.line && line <= span.end.line;
}

/** `key` is assigned once in the function text, and from a call (the allocation the origin names). */
function assignedOnlyFromAllocation(text: string, key: string): boolean {
  const assigns = [...text.matchAll(new RegExp(`(?<![\\w>.])${key}\\s*=(?!=)\\s*([^;]*);`, 'g'))];
  return assigns.length === 1 && /^(\([^)]*\)\s*)?\w+\s*\(/.test(assigns[0][1].trim());
}

function tellsDevice(n: FlowNode, key: string): boolean {
  const e = n.event;
  if (e?.kind === 'access' && e.dir === 'write') return true;
  if (e?.kind === 'store' && n.origins.some(isDmaVisible)) return !new RegExp(`^\\s*${key}\\b`).test(e.targetText);
  if (e?.kind === 'call') return e.argTexts.some((a) => new RegExp(`\\b${key}\\b`).test(a));
  return false;
}

const ORDERED_WRITE = /^(write[bwlq]|iowrite(8|16|32|64)|iowrite(16|32)be)$/;
const ANY_WRITE_CALL = /\b(write[bwlq](_relaxed)?|__raw_write[bwlq]|iowrite(8|16|32|64)(be)?)\s*\(/;
const ORDERED_WRITE_CALL = /\b(write[bwlq]|iowrite(8|16|32|64)(be)?)\s*\(/;

/**
 * The ring's producer index is published by the driver: this flow advances a member (`sky2->rx_put = RING_NEXT(...)`,
 * the index that picked the descriptor) and some function of the same file passes that member to a helper or accessor
 * that writes it to a device register with an ordered write (`sky2_put_idx(hw, q, sky2->rx_put)`: wmb(); writew()).
 * The device then fetches only descriptors below the index it was given, whichever path writes it.
 */
export function indexPublishedInDriver(flow: FunctionFlow, index: ProjectIndex | undefined): boolean {
  const file = index?.get(flow.fn.file);
  if (!file) return false;
  const advanced = new Set(flow.nodes.flatMap((n) => {
    const e = n.event;
    const field = e?.kind === 'store' && /->\s*\w+\s*$/.test(e.targetText) && !n.origins.some(isDmaVisible) ? lastField(e.targetText) : undefined;
    // An index steps from its own value (`p->put = RING_NEXT(p->put, n)`, `p->put++`), not from a register setting.
    const steps = field !== undefined && e?.kind === 'store' && (e.valueText === undefined || new RegExp(`\\b${field}\\b`).test(e.valueText));
    return steps ? [field!] : [];
  }));
  for (const field of advanced) {
    const call = new RegExp(`\\b(\\w+)\\s*\\((?:[^;(]|\\([^;()]*\\))*?[,(]\\s*\\w+->${field}\\s*\\)`, 'g');
    for (const fn of file.functions) {
      for (const m of (fn.source?.text ?? '').matchAll(call)) if (writesOrdered(index!, m[1], flow.fn.file, 0)) return true;
    }
  }
  return false;
}

/** An ordered register write, or a helper (two levels down) that issues one or a wmb() then a register write. */
function writesOrdered(index: ProjectIndex, name: string, file: string, depth: number): boolean {
  if (ORDERED_WRITE.test(name)) return true;
  const text = depth < 2 ? index.lookupFunction(name, file)?.source?.text : undefined;
  if (!text) return false;
  if (ORDERED_WRITE_CALL.test(text) || (/\bwmb\s*\(\s*\)/.test(text) && ANY_WRITE_CALL.test(text))) return true;
  const wmbFirst = /\bwmb\s*\(\s*\)/.test(text);
  return [...text.matchAll(/\b(\w+)\s*\(/g)].some((c) => c[1] !== name && (wmbFirst ? writesAny(index, c[1], file) : writesOrdered(index, c[1], file, depth + 1)));
}

function writesAny(index: ProjectIndex, name: string, file: string): boolean {
  const text = index.lookupFunction(name, file)?.source?.text;
  return text !== undefined && ANY_WRITE_CALL.test(text);
}
