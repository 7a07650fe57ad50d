// Rule (hint): wmb() immediately before a fully ordered MMIO write (writel/iowrite32) to an uncached mapping, which
// already orders earlier stores on every architecture: the wmb() costs a dsb st / sync / sfence / fence for nothing.
import type { FlowNode, FunctionFlow } from '../../analysis/flow';
import { FLOW_EXIT } from '../../analysis/flow';
import { accessorFact, barrierFact } from '../arch';
import { archesOf, maskWhere } from '../arch-mask';
import { reachMask } from '../pending';
import { lineOf } from '../describe';
import { isWc } from '../ordering';
import { isWcKind } from '../../analysis/vocabulary';
import type { Rule, RuleContext } from './rule';

const REDUNDANT_BEFORE_WRITEL = new Set(['wmb']);

function isOrderedWrite(n: FlowNode, ctx: RuleContext): boolean {
  const e = n.event;
  return e?.kind === 'access' && e.dir === 'write' && e.family === 'ordered' && !n.origins.some((o) => o.kind === 'mapping' && isWcKind(o.memKind))
    && !unknownOrigin(n, ctx);
}

/**
 * The write is not known to go to a default mapping: its address is read from a member whose address the driver hands
 * to a call (`ops->acquire_conn(..., &ep->db)`), which may store a write-combining mapping there (qed's doorbell BAR is
 * ioremap_wc()) that origin resolution cannot see; or no mapping is resolved for it and the driver maps some device
 * memory write-combining (`ioremap_wc()`, `pci_iomap_wc()`, ...), which it may be.
 */
function unknownOrigin(n: FlowNode, ctx: RuleContext): boolean {
  const file = ctx.flow.fn.file;
  if ((n.addressMembers ?? []).some((m) => ctx.index?.memberAddressPassed(file, m.field, m.struct) === true)) return true;
  return !n.origins.some((o) => o.kind === 'mapping') && ctx.index?.driverMapsWc(file) === true;
}

/** Every path from the barrier meets an ordered MMIO write before any other store, access, barrier, call or the exit. */
function nextIsOrderedWrite(flow: FunctionFlow, from: number, ctx: RuleContext): number[] | undefined {
  const writes = new Set<number>();
  const seen = new Set<number>();
  const stack = [...flow.nodes[from].succ];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const n = flow.nodes[id];
    if (id === FLOW_EXIT) return undefined;
    if (!n.event || n.event.kind === 'load') { stack.push(...n.succ); continue; }
    if (!isOrderedWrite(n, ctx)) return undefined;
    writes.add(id);
  }
  return writes.size ? [...writes] : undefined;
}

export const redundantBarrier: Rule = {
  id: 'redundant-barrier',
  defaultSeverity: 'hint',
  summary: 'wmb() right before writel()/iowrite32(), which already orders earlier stores.',
  run(ctx) {
    const { flow, mask } = ctx;
    // A wmb() after write-combined stores flushes them: not redundant (portably), so such functions are left alone.
    if (flow.nodes.some((n) => n.event?.kind === 'access' && n.event.dir === 'write' && n.origins.some((o) => maskWhere(mask, (a) => isWc(o, a)) !== 0))) return;
    flow.nodes.forEach((n, id) => {
      const e = n.event;
      if (e?.kind !== 'barrier' || e.asm || !REDUNDANT_BEFORE_WRITEL.has(e.api) || n.chain.length) return;
      const writes = nextIsOrderedWrite(flow, id, ctx);
      if (writes) report(ctx, n, flow.nodes[writes[0]], mask & reachMask(flow, id) & reachMask(flow, writes[0]));
    });
  },
};

function report(ctx: RuleContext, barrier: FlowNode, write: FlowNode, mask: number): void {
  const w = write.event;
  if (w?.kind !== 'access') return;
  const m = maskWhere(mask, (a) => accessorFact(a, w.family, w.dir).provides['store-mmiow']?.level === 'yes');
  if (!m) return;
  const arches = archesOf(m);
  const costs = arches.map((a) => `${barrierFact(a, 'wmb')?.instr} on ${a}`).join(', ');
  const file = ctx.flow.fn.file;
  const line = barrier.site.start.line;
  const text = ctx.lineText(file, line);
  const fixes = text?.trim() === 'wmb();' ? [{ title: 'Remove the redundant wmb()', preferred: true, edits: [{ file, span: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }] }] : [];
  ctx.report({
    file, span: barrier.site, arches, fixes,
    message: `wmb() at line ${lineOf(barrier)} is redundant: ${w.api}() at line ${lineOf(write)} already orders earlier stores before the MMIO write on ${arches.join(', ')} (memory-barriers.txt:2571-2576); the wmb() costs ${costs}.`,
    related: [{ file, span: write.site, message: `${w.api}() orders earlier stores itself` }],
  });
}
