// P2P verdict beyond the kernel: TLP path, whether it reaches the IOMMU, the address to program, per client and worst-of.

import { normalizeBdf } from './bdf';
import { calcMapTypeAndDist, p2pdmaDistanceMany } from './p2pdma';
import { addressSteps, providerBarAddresses } from './p2p-address';
import type { BarAddress } from './p2p-address';
import type { ReasonStep } from './steps';
import { indexTopology, upstreamChain } from './topology-index';
import type { IndexedNode, TopologyIndex } from './topology-index';
import type { Bdf, MapType, ProgramAddress, Topology } from './types';

export interface ClientVerdict {
  bdf: Bdf;
  mapType: MapType;
  /** pci_p2pdma_distance(provider, client): -1 for NOT_SUPPORTED, else the calc_map_type_and_dist() distance. */
  distance: number;
  /** The distance calc_map_type_and_dist() computed (also for NOT_SUPPORTED). */
  kernelDistance: number;
  acsRedirect: boolean;
  reachesIommu: boolean;
  programAddress: ProgramAddress;
  /** Ports the TLPs cross, by BDF, provider first (empty for NOT_SUPPORTED). */
  path: Bdf[];
  commonNode?: Bdf;
  providerHostBridge: string;
  clientHostBridge: string;
  steps: ReasonStep[];
}

export interface P2PReport {
  provider: Bdf;
  /** Fields of the worst client (NOT_SUPPORTED > THRU_HOST_BRIDGE > BUS_ADDR; first one on ties). */
  mapType: MapType;
  /** pci_p2pdma_distance_many(): -1 when any client is NOT_SUPPORTED, else the sum. */
  distance: number;
  acsRedirect: boolean;
  reachesIommu: boolean;
  programAddress: ProgramAddress;
  path: Bdf[];
  worstClient: Bdf;
  clients: ClientVerdict[];
  /** The provider's memory BARs with CPU and PCI bus addresses. */
  bars: BarAddress[];
}

export type P2PResult = { ok: true; report: P2PReport } | { ok: false; error: string };

const SEVERITY: Record<MapType, number> = { BUS_ADDR: 0, THRU_HOST_BRIDGE: 1, NOT_SUPPORTED: 2 };

function programAddressFor(t: Topology, mapType: MapType): ProgramAddress {
  if (mapType === 'BUS_ADDR') return 'pci-bus-address';
  if (mapType === 'NOT_SUPPORTED') return 'none';
  return t.iommu.mode === 'translated' ? 'iova' : 'cpu-physical';
}

/** Joins an up-leg and a reversed down-leg, dropping a repeated node at the joint. */
function joinLegs(up: IndexedNode[], down: IndexedNode[]): Bdf[] {
  const rev = [...down].reverse();
  if (up.length > 0 && rev.length > 0 && up[up.length - 1] === rev[0]) rev.shift();
  return [...up, ...rev].map((n) => n.node.bdf);
}

function tlpPath(ix: TopologyIndex, p: IndexedNode, c: IndexedNode, mapType: MapType, common?: IndexedNode): Bdf[] {
  if (mapType === 'NOT_SUPPORTED') return [];
  const pc = upstreamChain(ix, p);
  const cc = upstreamChain(ix, c);
  if (mapType === 'BUS_ADDR' && common) {
    const up = pc.slice(0, pc.indexOf(common) + 1);
    const down = cc.slice(0, cc.indexOf(common));
    return joinLegs(up, [...down, common]);
  }
  return joinLegs(pc, cc);
}

function classifyOne(ix: TopologyIndex, p: IndexedNode, c: IndexedNode, bars: BarAddress[]): ClientVerdict {
  const k = calcMapTypeAndDist(ix, p, c);
  const t = ix.topology;
  const programAddress = programAddressFor(t, k.mapType);
  const path = tlpPath(ix, p, c, k.mapType, k.common);
  const reachesIommu = k.mapType === 'THRU_HOST_BRIDGE' && t.iommu.mode !== 'off';
  const steps = [...k.steps];
  if (path.length > 0) {
    const via = k.mapType === 'BUS_ADDR' ? `turning at ${k.common?.node.bdf}` : 'through the root complex';
    steps.push({ kind: 'path', bdfs: path, text: `TLP path (${via}): ${path.join(' -> ')}` });
  }
  steps.push(...addressSteps(t, k.mapType, programAddress, reachesIommu, bars, k.common?.node.bdf));
  const v: ClientVerdict = {
    bdf: c.node.bdf, mapType: k.mapType, distance: k.mapType === 'NOT_SUPPORTED' ? -1 : k.distance,
    kernelDistance: k.distance, acsRedirect: k.acsRedirect, reachesIommu, programAddress, path,
    providerHostBridge: p.hostBridge.id, clientHostBridge: c.hostBridge.id, steps,
  };
  if (k.common) v.commonNode = k.common.node.bdf;
  return v;
}

function lookup(ix: TopologyIndex, role: string, bdf: string): IndexedNode | string {
  const norm = normalizeBdf(bdf);
  if (!norm) return `${role} "${bdf}" is not a BDF (expected dddd:bb:dd.f)`;
  const n = ix.byBdf.get(norm);
  return n ?? `unknown ${role} BDF ${norm}: not in the topology`;
}

/** Classifies provider -> each client like the kernel and adds path, IOMMU and programming-address facts. */
export function classifyP2P(topology: Topology | TopologyIndex, provider: string, clients: readonly string[]): P2PResult {
  const ix = 'byBdf' in topology ? topology : indexTopology(topology);
  const p = lookup(ix, 'provider', provider);
  if (typeof p === 'string') return { ok: false, error: p };
  if (clients.length === 0) return { ok: false, error: 'at least one client is required' };
  const cs: IndexedNode[] = [];
  for (const c of clients) {
    const n = lookup(ix, 'client', c);
    if (typeof n === 'string') return { ok: false, error: n };
    cs.push(n);
  }
  const bars = providerBarAddresses(p);
  const verdicts = cs.map((c) => classifyOne(ix, p, c, bars));
  const worst = verdicts.reduce((w, v) => (SEVERITY[v.mapType] > SEVERITY[w.mapType] ? v : w), verdicts[0]);
  return {
    ok: true,
    report: {
      provider: p.node.bdf, mapType: worst.mapType, distance: p2pdmaDistanceMany(verdicts), acsRedirect: worst.acsRedirect,
      reachesIommu: worst.reachesIommu, programAddress: worst.programAddress, path: worst.path, worstClient: worst.bdf,
      clients: verdicts, bars,
    },
  };
}

/** The CLI's JSON shape (a contract: exactly these keys). */
export function reportToJson(r: P2PReport): object {
  return {
    provider: r.provider, mapType: r.mapType, distance: r.distance, acsRedirect: r.acsRedirect, reachesIommu: r.reachesIommu,
    programAddress: r.programAddress, path: r.path,
    clients: r.clients.map((c) => ({
      bdf: c.bdf, mapType: c.mapType, distance: c.distance, acsRedirect: c.acsRedirect, reachesIommu: c.reachesIommu,
      programAddress: c.programAddress, path: c.path,
    })),
  };
}
