// Index over a topology: BDF -> node, parent bridge, host bridge, and the kernel's pci_upstream_bridge() walk.

import type { Bdf, HostBridge, PciNode, Topology, Window } from './types';

export interface IndexedNode {
  node: PciNode;
  /** The bridge whose secondary bus this node sits on (undefined on a root bus). */
  parent?: PciNode;
  hostBridge: HostBridge;
  /** The device sits directly on the host bridge's root bus. */
  onRootBus: boolean;
}

export interface TopologyIndex {
  topology: Topology;
  byBdf: Map<Bdf, IndexedNode>;
  /** BDFs seen more than once, with the JSON paths of each occurrence. */
  duplicates: Array<{ bdf: Bdf; paths: string[] }>;
}

export function indexTopology(topology: Topology): TopologyIndex {
  const byBdf = new Map<Bdf, IndexedNode>();
  const seen = new Map<Bdf, string[]>();
  const visit = (node: PciNode, parent: PciNode | undefined, hb: HostBridge) => {
    seen.set(node.bdf, [...(seen.get(node.bdf) ?? []), node.jsonPath ?? node.bdf]);
    if (!byBdf.has(node.bdf)) byBdf.set(node.bdf, { node, parent, hostBridge: hb, onRootBus: parent === undefined });
    for (const f of node.functions) visit(f, parent, hb);
    for (const c of node.children) visit(c, node, hb);
  };
  for (const hb of topology.hostBridges) for (const d of hb.devices) visit(d, undefined, hb);
  const duplicates = [...seen].filter(([, p]) => p.length > 1).map(([bdf, paths]) => ({ bdf, paths }));
  return { topology, byBdf, duplicates };
}

/** pci_physfn(): a VF's PF, else the device itself. */
export function physfn(ix: TopologyIndex, n: IndexedNode): IndexedNode {
  if (!n.node.physfn) return n;
  return ix.byBdf.get(n.node.physfn) ?? n;
}

/**
 * pci_upstream_bridge() (include/linux/pci.h:729-736): replace a VF by its PF, return NULL on a root bus,
 * else the bridge above (dev->bus->self).
 */
export function upstream(ix: TopologyIndex, n: IndexedNode): IndexedNode | undefined {
  const d = physfn(ix, n);
  if (d.onRootBus || !d.parent) return undefined;
  return ix.byBdf.get(d.parent.bdf);
}

/** The node and every pci_upstream_bridge() above it, ending with the root-bus device. */
export function upstreamChain(ix: TopologyIndex, n: IndexedNode): IndexedNode[] {
  const out: IndexedNode[] = [];
  for (let cur: IndexedNode | undefined = n; cur; cur = upstream(ix, cur)) {
    if (out.includes(cur)) break;
    out.push(cur);
  }
  return out;
}

/** The host-bridge window containing a CPU address, if any. */
export function windowFor(hb: HostBridge, cpuAddress: bigint): Window | undefined {
  return hb.windows.find((w) => cpuAddress >= w.cpuStart && cpuAddress < w.cpuStart + w.size);
}

/** pci_bus_address(): CPU address minus the containing window's offset (0 when no window contains it). */
export function busAddressOf(hb: HostBridge, cpuAddress: bigint): { bus: bigint; offset: bigint; window?: Window } {
  const w = windowFor(hb, cpuAddress);
  const offset = w ? w.cpuStart - w.busStart : 0n;
  return w ? { bus: cpuAddress - offset, offset, window: w } : { bus: cpuAddress, offset };
}

export function allNodes(topology: Topology): PciNode[] {
  const out: PciNode[] = [];
  const visit = (n: PciNode) => {
    out.push(n);
    n.functions.forEach(visit);
    n.children.forEach(visit);
  };
  topology.hostBridges.forEach((hb) => hb.devices.forEach(visit));
  return out;
}
