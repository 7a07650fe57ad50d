// Rule dma-mask-unchecked: dma_set_mask*() / dma_set_coherent_mask() whose result is dropped while the mask is
// narrower than the 32-bit default, and (with a topology) masks narrower than a peer BAR the device is asked to reach.
//
// Why only masks under 32 bits from code alone: when dma_set_mask() fails (-EIO: no dev->dma_mask, or dma_supported()
// refuses, kernel/dma/mapping.c:753-784) the device keeps its old mask, which for PCI is 32 bits
// (drivers/pci/probe.c:1877, 2600). Ignoring a failed 64- or 40-bit request leaves a narrower mask: DMA still lands
// where the device can reach, only slower. Ignoring a failed 24-, 28- or 31-bit request leaves the 32-bit default
// in force, and the device is then handed addresses it cannot drive — memory corruption.
import { hex } from '../fabric/bdf';
import { providerBarAddresses } from '../fabric/p2p-address';
import { archesOf } from '../arch-mask';
import type { Rule } from '../rules/rule';
import { fabricContext, type FabricContext } from './context';
import { listOf, nodeName, pairVerdicts } from './p2p-sites';

const P2P_WORDS = new Set(['dma_map_resource', 'pci_p2pdma_distance', 'pci_p2pdma_distance_many', 'pci_alloc_p2pmem', 'pci_p2pmem_find', 'pci_p2pmem_find_many', 'pci_p2pdma_add_resource', 'pci_p2pmem_alloc_sgl', 'is_pci_p2pdma_page']);

export const dmaMaskUnchecked: Rule = {
  id: 'dma-mask-unchecked',
  defaultSeverity: 'warning',
  summary: 'dma_set_mask*() result ignored for a mask narrower than the 32-bit default, or a mask narrower than a peer BAR the device must reach.',
  runProject(ctx) {
    const fc = fabricContext(ctx);
    const arches = archesOf(ctx.mask);
    for (const path of ctx.paths) {
      for (const m of fc.fabricOf(path)?.maskSets ?? []) {
        if (m.fate !== 'used' && m.bits !== undefined && m.bits < 32) {
          const how = m.fate === 'ignored' ? 'its result is dropped' : 'its result is stored and never read';
          ctx.report({
            file: path, span: m.span, arches, function: m.fn, fixes: [], related: [],
            message: `${m.api}(..., ${m.maskText}) asks for a ${m.bits}-bit mask but ${how}. If it fails (-EIO when the device has no dma_mask or dma_supported() refuses, kernel/dma/mapping.c:753-784) the device keeps its 32-bit default (drivers/pci/probe.c:1877, 2600) and is handed buffers above 2^${m.bits} it cannot address. Check it: if (${m.api}(...)) fail the probe or fall back to a mask that succeeded.`,
          });
        }
        if (fc.topo && m.bits !== undefined && m.bits < 64) reportPeersAboveMask(ctx, fc, path, m.fn, m.span, m.bits, m.maskText, m.api, arches);
      }
    }
  },
};

function reportPeersAboveMask(
  ctx: Parameters<NonNullable<Rule['runProject']>>[0], fc: FabricContext, path: string, fnName: string,
  span: import('../../analysis/facts').Span, bits: number, maskText: string, api: string, arches: import('../arch').Arch[],
): void {
  if (!doesP2p(fc, path)) return;
  const devices = fc.devicesOf(path);
  if (devices.length === 0) return;
  const limit = 1n << BigInt(bits);
  const t = fc.topo!.topology;
  const hits: string[] = [];
  // The device is the client: peers' BARs are what it will be asked to reach.
  for (const client of devices) {
    for (const peer of fc.peersOf(client)) {
      const v = pairVerdicts(fc, [peer]).find((p) => p.client === client)?.verdict;
      if (!v || v.mapType === 'NOT_SUPPORTED') continue;
      // A translating IOMMU hands out IOVAs below the mask for THRU_HOST_BRIDGE; BUS_ADDR and direct mappings use the BAR address itself.
      if (v.mapType === 'THRU_HOST_BRIDGE' && t.iommu.mode === 'translated') continue;
      for (const b of providerBarAddresses(peer)) {
        const addr = v.mapType === 'BUS_ADDR' ? b.busAddress : b.cpuAddress;
        if (addr + b.size > limit) hits.push(`${nodeName(peer)} BAR${b.index} at ${hex(addr)} (${v.mapType === 'BUS_ADDR' ? 'bus address, BUS_ADDR' : 'CPU address, no translating IOMMU'})`);
      }
    }
  }
  if (hits.length === 0) return;
  ctx.report({
    file: path, span, arches, function: fnName, fixes: [], related: [],
    message: `${api}(..., ${maskText}) limits ${listOf(devices.map(nodeName))} to ${bits}-bit DMA addresses, but in the topology it must reach ${listOf(hits)}, above 2^${bits}: dma_map_resource() fails its dma_capable() check (kernel/dma/direct.c:522-528) and BUS_ADDR segments carry the bus address unchanged. Widen the mask or refuse P2P to these peers (as amdgpu_device_is_peer_accessible() does, amdgpu_device.c:5922-5941).`,
  });
}

/** Does the driver of this file (its directory) do peer-to-peer DMA at all? */
function doesP2p(fc: FabricContext, path: string): boolean {
  const dir = path.slice(0, path.lastIndexOf('/') + 1);
  return fc.files.some((f) => f.path.startsWith(dir) && f.functions.some((fn) => (fn.calls ?? []).some((c) => P2P_WORDS.has(c))));
}
