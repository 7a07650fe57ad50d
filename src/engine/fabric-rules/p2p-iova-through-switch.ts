// Rule p2p-iova-through-switch: dma_map_resource() of a peer device's BAR handed to another device. The result is an
// IOVA (translated IOMMU) or the CPU physical address (no IOMMU / passthrough), never the PCI bus address; when the
// two devices share a switch with no ACS redirect on the path (PCI_P2PDMA_MAP_BUS_ADDR) the TLPs turn in the switch
// and never reach the IOMMU, so the IOVA is not what the switch routes on (io-semantics §f, p2pdma.c:413-542, 902-906).
import { hex } from '../fabric/bdf';
import { archesOf } from '../arch-mask';
import type { Rule } from '../rules/rule';
import { fabricContext } from './context';
import { driverKnowsMapType, listOf, nodeName, originWords, p2pMapSites, pairVerdicts } from './p2p-sites';

export const p2pIovaThroughSwitch: Rule = {
  id: 'p2p-iova-through-switch',
  defaultSeverity: 'warning',
  summary: 'dma_map_resource() of a peer BAR: an IOVA or CPU address where a switch-local (BUS_ADDR) path needs the PCI bus address.',
  runProject(ctx) {
    const fc = fabricContext(ctx);
    const arches = archesOf(ctx.mask);
    for (const site of p2pMapSites(fc, ctx.paths)) {
      const { fn, call, bar } = site;
      const providers = fc.devicesOf(bar.file).length ? fc.devicesOf(bar.file) : fc.devicesOf(fn.file);
      const base = `${call.callee}(${site.clientText}, ...) maps ${call.argTexts[1]} (a PCI BAR's CPU address from ${originWords(bar)}) for another device`;
      if (fc.topo && providers.length) {
        const t = fc.topo.topology;
        // Without a translating IOMMU dma_map_resource() returns the CPU address: right for BUS_ADDR peers only when
        // the provider's host-bridge window has no CPU-to-bus offset.
        const busAddr = pairVerdicts(fc, providers).filter((p) => p.verdict.mapType === 'BUS_ADDR'
          && (t.iommu.mode === 'translated' || p.provider.hostBridge.windows.some((w) => w.cpuStart !== w.busStart)));
        if (busAddr.length === 0) continue;
        const pairs = listOf(busAddr.map((p) => `${nodeName(p.provider)} -> ${nodeName(p.client)} (turning at ${p.verdict.commonNode})`));
        const got = t.iommu.mode === 'translated'
          ? 'returns an IOVA from the client\'s IOMMU domain (dma-iommu, drivers/iommu/dma-iommu.c:1356-1362): IOVAs avoid the bridge windows, so the switch sends the TLPs up to the root complex instead of to the peer, and the transfer works only if the root complex forwards P2P'
          : `returns the CPU physical address unchanged (dma_direct_map_resource, kernel/dma/direct.c:517-531), which is not the bus address the switch routes on: ${offsetNote(busAddr.map((p) => p.provider))}`;
        ctx.report({
          file: fn.file, span: call.span, arches, function: fn.name, severity: 'error', fixes: [],
          message: `${base}. In the topology the pair is PCI_P2PDMA_MAP_BUS_ADDR: ${pairs}. The TLPs turn in the switch and never reach the IOMMU, so the device must be programmed with the PCI bus address (sg_phys + bus_offset, p2pdma.c:902-906); dma_map_resource() ${got}. Use pci_p2pdma_add_resource() + dma_map_sg() (which honours the map type), or program pci_bus_address() for BUS_ADDR peers.`,
          related: [{ file: bar.file, span: bar.span, message: 'the BAR address comes from here' }],
        });
        continue;
      }
      if (driverKnowsMapType(fc, fn.file)) continue;
      ctx.report({
        file: fn.file, span: call.span, arches, function: fn.name, fixes: [],
        message: `${base}, and nothing in the driver tells PCI_P2PDMA_MAP_BUS_ADDR from THRU_HOST_BRIDGE (pci_p2pdma_distance() returns >= 0 for both, p2pdma.c:544-601). dma_map_resource() ignores topology and ACS: it returns an IOVA (translated IOMMU) or the CPU physical address (no IOMMU), never the bus address a switch-local peer needs; behind a common switch without ACS redirect the TLPs never reach the IOMMU (io-semantics §f). Use pci_p2pdma_add_resource() + dma_map_sg(), or check the topology with --topology.`,
        related: [{ file: bar.file, span: bar.span, message: 'the BAR address comes from here' }],
      });
    }
  },
};

function offsetNote(providers: import('../fabric/topology-index').IndexedNode[]): string {
  const shifted = providers.flatMap((p) => p.hostBridge.windows.filter((w) => w.cpuStart !== w.busStart).map((w) => `${p.hostBridge.id} window CPU ${hex(w.cpuStart)} = bus ${hex(w.busStart)}`));
  return listOf([...new Set(shifted)], 2);
}
