// Turns a Topology back into the `*.fabric.json` form (hex strings for addresses), e.g. for import/capture output.

import { hex } from './bdf';
import type { Bar, HostBridge, PciNode, Topology } from './types';

function barJson(b: Bar): object {
  return { index: b.index, cpuAddress: hex(b.cpuAddress), size: hex(b.size), prefetchable: b.prefetchable, is64: b.is64 };
}

function nodeJson(n: PciNode): object {
  const o: Record<string, unknown> = { bdf: n.bdf, type: n.type };
  if (n.name !== undefined) o.name = n.name;
  if (n.vendor !== undefined) o.vendor = n.vendor;
  if (n.device !== undefined) o.device = n.device;
  if (n.classCode !== undefined) o.classCode = n.classCode;
  if (n.physfn !== undefined) o.physfn = n.physfn;
  if (n.acs) o.acs = n.acs.capBits ? { cap: n.acs.cap, ctrl: n.acs.ctrl, capBits: n.acs.capBits } : { cap: n.acs.cap, ctrl: n.acs.ctrl };
  if (n.bars.length > 0) o.bars = n.bars.map(barJson);
  if (n.functions.length > 0) o.functions = n.functions.map(nodeJson);
  if (n.children.length > 0) o.children = n.children.map(nodeJson);
  return o;
}

function hostBridgeJson(hb: HostBridge): object {
  const o: Record<string, unknown> = { id: hb.id, segment: hb.segment, rootBus: hb.rootBus };
  if (hb.rootDevice) o.rootDevice = hb.rootDevice;
  o.windows = hb.windows.map((w) => ({ cpuStart: hex(w.cpuStart), busStart: hex(w.busStart), size: hex(w.size) }));
  o.devices = hb.devices.map(nodeJson);
  return o;
}

export function topologyToJson(t: Topology): object {
  const o: Record<string, unknown> = {};
  if (t.name !== undefined) o.name = t.name;
  if (t.description !== undefined) o.description = t.description;
  if (t.notes.length > 0) o.notes = t.notes;
  o.cpu = t.cpu;
  o.iommu = t.iommu;
  if (t.guest) o.guest = t.guest;
  o.hostBridges = t.hostBridges.map(hostBridgeJson);
  return o;
}

export function topologyToText(t: Topology): string {
  return `${JSON.stringify(topologyToJson(t), null, 2)}\n`;
}
