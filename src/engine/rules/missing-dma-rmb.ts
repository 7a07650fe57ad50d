// Rule: a device-written status/ownership word of a descriptor in coherent memory is read, then other fields of the
// same descriptor, with no dma_rmb() (or stronger) between: the later reads may return stale data.
import type { FlowNode } from '../../analysis/flow';
import { archesOf, type Mask } from '../arch-mask';
import { barrierLack, eventName, lineOf, plainAccessOn, via } from '../describe';
import { descriptorKey, isStatusLoad } from '../descriptor-words';
import { insertLineBefore } from '../fixes';
import { isDmaVisible, orderMasks } from '../ordering';
import { nodesBetween, runPending } from '../pending';
import type { Rule, RuleContext } from './rule';

const KIND = 'ld-ld' as const;

function dmaLoad(n: FlowNode): string | undefined {
  const e = n.event;
  return e?.kind === 'load' && n.origins.some(isDmaVisible) ? descriptorKey(e.text) : undefined;
}

export const missingDmaRmb: Rule = {
  id: 'missing-dma-rmb',
  defaultSeverity: 'warning',
  summary: 'A device-written status word is read, then the rest of the descriptor, with no dma_rmb() between.',
  run(ctx) {
    const { flow, mask } = ctx;
    const gates = new Set(flow.nodes.flatMap((n, i) => (n.event && isStatusLoad(n.event) && dmaLoad(n) !== undefined ? [i] : [])));
    if (gates.size === 0) return;
    const keys = new Set([...gates].map((i) => dmaLoad(flow.nodes[i])));
    const gateField = (id: number) => (flow.nodes[id].event as { field?: string }).field;
    const hits = runPending(flow, {
      source: (_n, id) => (gates.has(id) ? mask : 0),
      kill: (n) => orderMasks(n, KIND)[0] & mask,
      sink: (n, id) => (!gates.has(id) && keys.has(dmaLoad(n)) ? mask : 0),
    });
    for (const [sinkId, sources] of hits) {
      const sink = flow.nodes[sinkId];
      const key = dmaLoad(sink);
      const field = sink.event?.kind === 'load' ? sink.event.field : undefined;
      const same = new Map([...sources].filter(([src]) => dmaLoad(flow.nodes[src]) === key && gateField(src) !== field));
      if (same.size) report(ctx, sinkId, same);
    }
  },
};

function report(ctx: RuleContext, sinkId: number, sources: Map<number, Mask>): void {
  const { flow } = ctx;
  const file = flow.fn.file;
  const sink = flow.nodes[sinkId];
  const [gateId] = [...sources.entries()].sort((a, b) => lineOf(flow.nodes[b[0]]) - lineOf(flow.nodes[a[0]]))[0];
  const gate = flow.nodes[gateId];
  const arches = archesOf([...sources.values()].reduce((m, s) => m | s, 0));
  const between = nodesBetween(flow, gateId, sinkId).map((id) => flow.nodes[id]).filter((n) => n.event?.kind === 'barrier');
  const why = arches.map((a) => [plainAccessOn(a, 'load'), ...between.map((b) => barrierLack(b, a, KIND)).filter(Boolean)].join(', and ')).join('; ');
  const fix = insertLineBefore(file, sink, 'dma_rmb();', ctx.lineText, 'Insert dma_rmb() after the status check', true);
  const gateText = gate.event?.kind === 'load' ? gate.event.text : eventName(gate);
  const sinkText = sink.event?.kind === 'load' ? sink.event.text : eventName(sink);
  ctx.report({
    file, span: sink.site, arches, fixes: fix ? [fix] : [],
    message: `The read of ${sinkText}${via(sink)} at line ${lineOf(sink)} may be satisfied before the device's write of ${gateText}${via(gate)} (line ${lineOf(gate)}) is seen, returning stale descriptor data: ${why}. Put dma_rmb() between the status check and the reads it gates (memory-barriers.txt:1907-1949).`,
    related: [{ file, span: gate.site, message: `device-written status read here: ${gateText}` }],
  });
}
