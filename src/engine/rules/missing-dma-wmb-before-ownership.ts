// Rule: descriptor fields stored to coherent DMA memory, then the ownership/valid word of the same descriptor, with no
// dma_wmb() (or stronger) between: the device may see the descriptor as its own before its fields.
import type { FlowNode, FunctionFlow } from '../../analysis/flow';
import { archesOf, maskOf, type Mask } from '../arch-mask';
import { ARCHES } from '../arch';
import { barrierLack, eventName, lineOf, plainAccessOn, sameInlinedCall, scopedKey, via } from '../describe';
import { indexPublishedInDriver, publishedByIndex, publishedByLocalIndex, unpublishedFresh } from '../descriptor-reach';
import { oneBitfieldUnit } from '../bitfield-unit';
import { addressFollows } from '../address-later';
import { descriptorKey, isOwnershipStore } from '../descriptor-words';
import { lastStoresBeforeKick } from '../last-store-before-kick';
import { insertLineBefore } from '../fixes';
import { isDmaVisible, orderMasks, volatilePairMask } from '../ordering';
import { nodesBetween, runPending } from '../pending';
import type { Rule, RuleContext } from './rule';
import { barrierName } from '../barrier-dialect';

const KIND = 'dma-st-st' as const;
const ALL_ARCHES = maskOf(ARCHES);

/** The descriptor a store writes (`d->ctrl` -> `d`). */
function descriptorOf(n: FlowNode): string {
  return n.event?.kind === 'store' ? descriptorKey(n.event.targetText) : '';
}

function dmaStore(n: FlowNode): string | undefined {
  const e = n.event;
  return e?.kind === 'store' && n.origins.some(isDmaVisible) ? scopedKey(n, descriptorKey(e.targetText)) : undefined;
}

export const missingDmaWmbBeforeOwnership: Rule = {
  id: 'missing-dma-wmb-before-ownership',
  defaultSeverity: 'warning',
  summary: 'Descriptor fields and the ownership/valid word of the same descriptor are stored with no dma_wmb() between.',
  run(ctx) {
    const { flow, mask } = ctx;
    const named = new Set(flow.nodes.flatMap((n, i) => (n.event && isOwnershipStore(n.event) && dmaStore(n) !== undefined ? [i] : [])));
    const kicked = lastStoresBeforeKick(flow);
    const owners = new Set([...named, ...kicked.keys()]);
    if (owners.size === 0) return;
    const notLast = followedByFields(flow, named);
    let driverIndex: boolean | undefined;
    const indexRing = () => (driverIndex ??= indexPublishedInDriver(flow, ctx.index));
    const keys = new Set([...owners].map((i) => dmaStore(flow.nodes[i])));
    const hits = runPending(flow, {
      source: (n, id) => (!owners.has(id) && keys.has(dmaStore(n)) ? mask : 0),
      perIteration: true,
      kill: (n) => orderMasks(n, KIND)[0] & mask,
      sink: (_n, id) => (owners.has(id) ? mask : 0),
    });
    for (const [sinkId, sources] of hits) {
      const key = dmaStore(flow.nodes[sinkId]);
      if (notLast.has(sinkId) || unreachable(ctx, sinkId) || addressFollows(ctx, flow, sinkId, flow.nodes[sinkId].origins)) continue;
      // Only an index write ordered on all four architectures: a relaxed one leaves the finding as it is, whatever the
      // file is built for (and missing-wmb-before-doorbell reports the write).
      if ((publishedByIndex(flow, sinkId) | publishedByLocalIndex(flow, sinkId, descriptorOf(flow.nodes[sinkId]))) === ALL_ARCHES || indexRing()) continue;
      const same = new Map([...sources]
        .filter(([src]) => dmaStore(flow.nodes[src]) === key && !sameInlinedCall(flow.nodes[src], flow.nodes[sinkId]) && !sameLvalue(flow.nodes[src], flow.nodes[sinkId]))
        .filter(([src]) => !oneBitfieldUnit(ctx.index, flow.fn.file, flow.nodes[src], flow.nodes[sinkId]))
        .map(([src, m]) => [src, m & ~volatilePairMask(flow.nodes[src], flow.nodes[sinkId])] as [number, Mask])
        .filter(([, m]) => m));
      if (same.size && ![...same.keys()].every((src) => clearsWhole(flow.nodes[src]))) report(ctx, sinkId, same, named.has(sinkId) ? undefined : kicked.get(sinkId));
    }
  },
};

/**
 * Ownership stores after which the same iteration stores two or more other fields of the same descriptor: a driver
 * hands a descriptor over with the word it writes last, so a flag set in the middle of a series of stores (a
 * connection context's `VALID` flag among 100 context fields) is a field of what a later command or doorbell hands
 * over. One field after it (adm8211's `length` restored after `OWN`) is kept: that is a slip, and itself a bug.
 */
function followedByFields(flow: FunctionFlow, owners: Set<number>): Set<number> {
  const later = (n: FlowNode, id: number) => !owners.has(id) && dmaStore(n) !== undefined && !(n.event && isOwnershipStore(n.event));
  const hits = runPending(flow, {
    source: (_n, id) => (owners.has(id) ? 1 : 0),
    kill: () => 0,
    sink: (n, id) => (later(n, id) ? 1 : 0),
    sinksObserve: true,
    perIteration: true,
  });
  const fields = new Map<number, Set<string>>();
  for (const [sinkId, sources] of hits) {
    const sink = flow.nodes[sinkId];
    for (const src of sources.keys()) {
      if (dmaStore(flow.nodes[src]) !== dmaStore(sink) || sameLvalue(flow.nodes[src], sink) || renamedBetween(flow, src, sinkId)) continue;
      const seen = fields.get(src) ?? new Set<string>();
      fields.set(src, seen.add(sink.event?.kind === 'store' ? sink.event.targetText.replace(/\s+/g, '') : ''));
    }
  }
  return new Set([...fields].filter(([, seen]) => seen.size >= 2).map(([id]) => id));
}

/**
 * The function's text between two nodes' lines assigns a name of the descriptor's lvalue (`pDesc = &ring1[uu]`,
 * `np->cur = np->cur->next`, `i++`): the later store, though spelled alike, may go to another descriptor.
 */
function renamedBetween(flow: FunctionFlow, from: number, to: number): boolean {
  const src = flow.fn.source;
  const e = flow.nodes[from].event;
  if (!src || e?.kind !== 'store') return true;
  const lines = src.text.split('\n').slice(lineOf(flow.nodes[from]) - src.row, lineOf(flow.nodes[to]) - src.row - 1).join('\n');
  const names = new Set(descriptorKey(e.targetText).match(/[A-Za-z_]\w*/g) ?? []);
  return [...names].some((w) => new RegExp(`\\b${w}\\s*([-+*/|&]?=(?!=)|\\+\\+|--)|(\\+\\+|--)\\s*${w}\\b`).test(lines));
}

/**
 * A memset of the whole descriptor (`memset(d, 0, sizeof(*d))`): it also clears the ownership word, so a driver does
 * it only while the device is not reading the descriptor (a ring or context being built, not yet handed over).
 */
function clearsWhole(n: FlowNode): boolean {
  const e = n.event;
  return e?.kind === 'store' && e.viaCall === 'memset' && descriptorKey(e.targetText) === e.targetText.replace(/\s+/g, '');
}

/** The device cannot address the descriptor yet: allocated in this call and not made known before the store. */
function unreachable(ctx: RuleContext, sinkId: number): boolean {
  const e = ctx.flow.nodes[sinkId].event;
  return e?.kind === 'store' && unpublishedFresh(ctx.flow, sinkId, descriptorKey(e.targetText));
}

/** Two stores to one lvalue (`d->flags = x; d->flags |= OWN`) are one word written twice, not fields then hand-over. */
function sameLvalue(a: FlowNode, b: FlowNode): boolean {
  const ta = a.event?.kind === 'store' ? a.event.targetText.replace(/\s+/g, '') : 'a';
  const tb = b.event?.kind === 'store' ? b.event.targetText.replace(/\s+/g, '') : 'b';
  return ta === tb;
}

function report(ctx: RuleContext, sinkId: number, sources: Map<number, Mask>, kick?: number): void {
  const { flow } = ctx;
  const file = flow.fn.file;
  const sink = flow.nodes[sinkId];
  const ordered = [...sources.entries()].sort((a, b) => lineOf(flow.nodes[b[0]]) - lineOf(flow.nodes[a[0]]));
  const first = flow.nodes[ordered[0][0]];
  const arches = archesOf(ordered.reduce((m, [, s]) => m | s, 0));
  const between = nodesBetween(flow, ordered[0][0], sinkId).map((id) => flow.nodes[id]).filter((n) => n.event?.kind === 'barrier');
  const why = arches.map((a) => [plainAccessOn(a, 'store'), ...between.map((b) => barrierLack(b, a, KIND)).filter(Boolean)].join(', and ')).join('; ');
  const wmb = barrierName(flow, 'dma-wmb');
  const fix = insertLineBefore(file, sink, `${wmb}();`, ctx.lineText, `Insert ${wmb}() before handing the descriptor over`, true);
  const byPosition = kick === undefined ? '' : `, as the last store before the kick at line ${lineOf(flow.nodes[kick])} (a constant write: a running device finds work by reading descriptors)`;
  const kickSite = kick === undefined ? [] : [{ file, span: flow.nodes[kick].site, message: `${eventName(flow.nodes[kick])}: the kick after which the device reads the descriptors` }];
  ctx.report({
    file, span: sink.site, arches, fixes: fix ? [fix] : [],
    message: `${eventName(sink)}${via(sink)} at line ${lineOf(sink)} hands the descriptor to the device${byPosition}, but ${eventName(first)}${via(first)} (line ${lineOf(first)}) to the same descriptor may become visible after it: ${why}. Put ${wmb}() before the ownership store (memory-barriers.txt:1907-1949).`,
    related: [...ordered.slice(0, 4).map(([id]) => ({ file, span: flow.nodes[id].site, message: `${eventName(flow.nodes[id])}: descriptor field written here` })), ...kickSite],
  });
}
