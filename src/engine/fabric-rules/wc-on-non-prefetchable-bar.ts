// Rule wc-on-non-prefetchable-bar: a write-combining mapping (ioremap_wc, pci_iomap_wc, pci_ioremap_wc_bar,
// devm_ioremap_wc, io_mapping_create_wc, arch_phys_wc_add, memremap(MEMREMAP_WC), pgprot_writecombine) of a BAR that
// is not prefetchable — by the code's own IORESOURCE_PREFETCH test, or by the topology's BAR flags. A non-prefetchable
// BAR may have read side effects and registers that must see every write in order; WC allows merging, reordering and
// speculative reads (io-semantics §c.2). pci_iomap_wc() does not check the flag itself (lib/pci_iomap.c:68-95).
import { hex } from '../fabric/bdf';
import { archesOf } from '../arch-mask';
import type { Rule } from '../rules/rule';
import { fabricContext } from './context';
import { listOf } from './p2p-sites';

export const wcOnNonPrefetchableBar: Rule = {
  id: 'wc-on-non-prefetchable-bar',
  defaultSeverity: 'warning',
  summary: 'Write-combining mapping of a BAR that is not prefetchable (by the code\'s IORESOURCE_PREFETCH test or the topology).',
  runProject(ctx) {
    const fc = fabricContext(ctx);
    const arches = archesOf(ctx.mask);
    for (const path of ctx.paths) {
      for (const wc of fc.fabricOf(path)?.wcMaps ?? []) {
        const bar = wc.barText !== undefined ? `BAR ${wc.barText}${wc.bar !== undefined && String(wc.bar) !== wc.barText ? ` (= ${wc.bar})` : ''}` : 'the BAR';
        const related = wc.prefetchSpan ? [{ file: path, span: wc.prefetchSpan, message: 'the IORESOURCE_PREFETCH test' }] : [];
        if (wc.prefetch === 'non-prefetchable-branch' || wc.prefetch === 'tested-and-ignored') {
          const where = wc.prefetch === 'non-prefetchable-branch'
            ? 'on the branch where the code\'s own IORESOURCE_PREFETCH test says it is not prefetchable'
            : 'after the code found it is not prefetchable and carried on';
          ctx.report({
            file: path, span: wc.span, arches, function: wc.fn, fixes: [], related,
            message: `${wc.api}() maps ${bar} write-combined ${where}. A non-prefetchable BAR may have read side effects and registers that must see each write once and in order; write-combining lets the CPU merge, reorder and speculatively read (x86 WC, arm64 Normal-NC, ppc64 I=1,G=0; io-semantics §c.2). Map it with ioremap()/pci_iomap(), or map WC only when the flag is set.`,
          });
          continue;
        }
        if (!fc.topo || wc.prefetch === 'guarded' || wc.bar === undefined) continue;
        const hits = fc.devicesOf(path).flatMap((d) => d.node.bars.filter((b) => b.index === wc.bar && !b.prefetchable).map((b) => ({ d, b })));
        if (hits.length === 0) continue;
        ctx.report({
          file: path, span: wc.span, arches, function: wc.fn, fixes: [], related, severity: 'error',
          message: `${wc.api}() maps ${bar} write-combined, but in the topology ${listOf(hits.map(({ d, b }) => `${d.node.bdf}${d.node.name ? ` (${d.node.name})` : ''} BAR${b.index} at ${hex(b.cpuAddress)}`))} is not prefetchable. Write-combining lets the CPU merge, reorder and speculatively read (io-semantics §c.2), which a non-prefetchable BAR does not tolerate; pci_iomap_wc() does not check IORESOURCE_PREFETCH (lib/pci_iomap.c:68-95). Test pci_resource_flags(pdev, bar) & IORESOURCE_PREFETCH before mapping WC.`,
        });
      }
    }
  },
};
