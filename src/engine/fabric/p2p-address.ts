// What address a P2P client must be programmed with: PCI bus address (CPU minus window offset), IOVA, CPU physical, none.

import { formatSize, hex } from './bdf';
import { KERNEL_CITATIONS } from './steps';
import type { ReasonStep } from './steps';
import { busAddressOf } from './topology-index';
import type { IndexedNode } from './topology-index';
import type { MapType, ProgramAddress, Topology } from './types';

export interface BarAddress {
  index: number;
  cpuAddress: bigint;
  busAddress: bigint;
  /** Window offset (CPU - bus) applied; 0 when no window contains the BAR. */
  offset: bigint;
  inWindow: boolean;
  size: bigint;
  prefetchable: boolean;
  is64: boolean;
}

export function providerBarAddresses(p: IndexedNode): BarAddress[] {
  return p.node.bars.map((b) => {
    const a = busAddressOf(p.hostBridge, b.cpuAddress);
    return { index: b.index, cpuAddress: b.cpuAddress, busAddress: a.bus, offset: a.offset, inWindow: a.window !== undefined,
      size: b.size, prefetchable: b.prefetchable, is64: b.is64 };
  });
}

function barList(bars: BarAddress[], pick: (b: BarAddress) => string): string {
  return bars.length === 0 ? 'the provider lists no BARs' : bars.map((b) => `BAR${b.index} ${pick(b)}`).join(', ');
}

export function addressSteps(
  t: Topology, mapType: MapType, pa: ProgramAddress, reachesIommu: boolean, bars: BarAddress[], common?: string,
): ReasonStep[] {
  const steps: ReasonStep[] = [];
  if (mapType === 'BUS_ADDR') {
    steps.push({ kind: 'iommu', text: `the TLPs turn at ${common} (routed by address below the root complex); they never reach the IOMMU, so an IOVA (e.g. from dma_map_resource()) would not be claimed there` });
    const shifted = bars.some((b) => b.offset !== 0n);
    const detail = barList(bars, (b) => b.offset === 0n
      ? `bus ${hex(b.busAddress)} (= CPU address, window offset 0)`
      : `CPU ${hex(b.cpuAddress)} - offset ${hex(b.offset)} = bus ${hex(b.busAddress)}`);
    steps.push({ kind: 'address', citation: `${KERNEL_CITATIONS.busOffset}; ${KERNEL_CITATIONS.busAddress}`,
      text: `program the PCI bus address (pci_bus_address(), sg_phys + bus_offset): ${detail}${shifted ? '; the CPU physical address would be wrong here' : ''}` });
  } else if (mapType === 'THRU_HOST_BRIDGE') {
    if (t.iommu.mode === 'translated') {
      steps.push({ kind: 'iommu', citation: KERNEL_CITATIONS.iovaReserve,
        text: 'the TLPs reach the root complex and are translated by the client\'s IOMMU domain (IOVAs avoid the bridge windows, so no switch claims them)' });
      steps.push({ kind: 'address', citation: `${KERNEL_CITATIONS.mapResource}; ${KERNEL_CITATIONS.directMap}`,
        text: `program an IOVA from the client's IOMMU domain (dma_map_sg() of the P2P pages, or dma_map_resource() of ${barList(bars, (b) => `CPU ${hex(b.cpuAddress)} (${formatSize(b.size)})`)})` });
    } else {
      const how = t.iommu.mode === 'passthrough' ? 'the IOMMU is in passthrough (identity) mode' : 'there is no IOMMU';
      steps.push({ kind: 'iommu', text: reachesIommu ? `the TLPs reach the root complex; ${how}` : `the TLPs go through the root complex; ${how}` });
      steps.push({ kind: 'address', citation: KERNEL_CITATIONS.directMap,
        text: `program the CPU physical address (dma-direct, no bus offset applied): ${barList(bars, (b) => `${hex(b.cpuAddress)}${b.offset !== 0n ? ` (bus address would be ${hex(b.busAddress)})` : ''}`)}` });
    }
  } else {
    steps.push({ kind: 'address', text: 'no address works: dma_map_sg() of the P2P pages fails with -EREMOTEIO and pci_p2pdma_distance*() returns -1' });
  }
  return steps;
}
