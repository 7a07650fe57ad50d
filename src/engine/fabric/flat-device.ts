// Builds a nested Topology from flat device records (shared by the lspci importer and the sysfs capture).

import { parseBdf } from './bdf';
import type { AcsState, Bar, Bdf, DeviceType, HostBridge, PciNode, Topology } from './types';

export interface FlatDevice {
  bdf: Bdf;
  type: DeviceType;
  name?: string;
  vendor?: string;
  device?: string;
  classCode?: string;
  bars: Bar[];
  acs?: AcsState;
  physfn?: Bdf;
  /** Bridge above this device; undefined when the device sits on a root bus. */
  parent?: Bdf;
  /** Host bridge id (`pci0000:00`) for a root-bus device, when known. */
  hostBridgeId?: string;
  secondaryBus?: number;
  subordinateBus?: number;
}

export function hostBridgeIdFor(segment: number, bus: number): string {
  return `pci${segment.toString(16).padStart(4, '0')}:${bus.toString(16).padStart(2, '0')}`;
}

/** Parent by bus ranges (pciutils' insert_dev): the bridge with the narrowest [secondary, subordinate] containing the bus. */
export function parentsFromBusRanges(devs: FlatDevice[]): Map<Bdf, Bdf | undefined> {
  const out = new Map<Bdf, Bdf | undefined>();
  const bridges = devs.filter((d) => d.secondaryBus !== undefined);
  for (const d of devs) {
    const p = parseBdf(d.bdf);
    if (!p) continue;
    let best: FlatDevice | undefined;
    for (const b of bridges) {
      const bp = parseBdf(b.bdf);
      if (!bp || b === d || bp.segment !== p.segment) continue;
      const lo = b.secondaryBus as number;
      const hi = b.subordinateBus ?? lo;
      if (p.bus < lo || p.bus > hi) continue;
      if (!best || hi - lo < (best.subordinateBus ?? 0) - (best.secondaryBus ?? 0)) best = b;
    }
    out.set(d.bdf, best?.bdf);
  }
  return out;
}

function toNode(d: FlatDevice): PciNode {
  const n: PciNode = { bdf: d.bdf, type: d.type, bars: d.bars, children: [], functions: [] };
  for (const k of ['name', 'vendor', 'device', 'classCode', 'physfn'] as const) if (d[k] !== undefined) n[k] = d[k];
  if (d.acs) n.acs = d.acs;
  return n;
}

/** Nests flat devices under their parents and groups root-bus devices by host bridge. */
export function buildTopology(devs: FlatDevice[], base: Omit<Topology, 'hostBridges'>): Topology {
  const sorted = [...devs].sort((a, b) => (a.bdf < b.bdf ? -1 : a.bdf > b.bdf ? 1 : 0));
  const nodes = new Map(sorted.map((d) => [d.bdf, toNode(d)]));
  const bridges = new Map<string, HostBridge>();
  for (const d of sorted) {
    const node = nodes.get(d.bdf) as PciNode;
    const parent = d.parent !== undefined ? nodes.get(d.parent) : undefined;
    if (parent) {
      parent.children.push(node);
      continue;
    }
    if (d.parent !== undefined) base.notes.push(`${d.bdf}: parent ${d.parent} is not in the input; placed on a root bus`);
    const p = parseBdf(d.bdf);
    const id = d.hostBridgeId ?? hostBridgeIdFor(p?.segment ?? 0, p?.bus ?? 0);
    let hb = bridges.get(id);
    if (!hb) {
      const m = /^pci([0-9a-f]{4}):([0-9a-f]{2})$/.exec(id);
      hb = { id, segment: m ? parseInt(m[1], 16) : p?.segment ?? 0, rootBus: m ? parseInt(m[2], 16) : p?.bus ?? 0, windows: [], devices: [] };
      bridges.set(id, hb);
    }
    hb.devices.push(node);
  }
  const hostBridges = [...bridges.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  return { ...base, hostBridges };
}
