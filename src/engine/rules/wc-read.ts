// Rule: reads through a write-combining mapping, where the CPU may read speculatively: registers with read side
// effects must not live there, and a read gives no ordering with the combined writes.
import { mappingFact } from '../arch';
import { archesOf, maskWhere } from '../arch-mask';
import { lineOf, originText, via } from '../describe';
import { isWc } from '../ordering';
import type { Rule } from './rule';

const BULK_COPIES: ReadonlySet<string> = new Set(['toio', 'copy']);

export const wcRead: Rule = {
  id: 'wc-read',
  defaultSeverity: 'warning',
  summary: 'A read through a write-combining mapping: speculative reads are allowed there.',
  run(ctx) {
    const { flow, mask } = ctx;
    flow.nodes.forEach((n) => {
      const e = n.event;
      if (e?.kind !== 'access' || e.dir !== 'read') return;
      // A bulk copy out of the window (memcpy_fromio, __ioread32_copy) reads a buffer, not a register with read side
      // effects; whether it follows unflushed combined writes is missing-wc-flush's question.
      if (BULK_COPIES.has(e.family)) return;
      if (n.origins.length === 0 || !n.origins.every((o) => o.kind === 'mapping')) return;
      const m = maskWhere(mask, (a) => n.origins.every((o) => isWc(o, a)));
      if (!m) return;
      const origin = n.origins.find((o) => o.kind === 'mapping' && o.memKind)!;
      const arches = archesOf(m);
      const types = arches.map((a) => `${a}: ${origin.kind === 'mapping' ? mappingFact(a, origin.memKind)?.memType : '?'}`).join(', ');
      ctx.report({
        file: flow.fn.file, span: n.site, arches, fixes: [],
        message: `${e.api}()${via(n)} at line ${lineOf(n)} reads through a write-combining mapping (${originText(origin)}; ${types}). That memory type allows speculative and prefetching reads, so a register with read side effects must not be mapped this way, and the read does not flush or order the pending combined writes. Map registers with ioremap()/pci_iomap() and keep the WC mapping for write-only buffers.`,
        related: [{ file: origin.file, span: origin.span, message: `write-combining mapping made here (${origin.api})` }],
      });
    });
  },
};
