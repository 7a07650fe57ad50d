// calc_map_type_and_dist() and pci_p2pdma_distance_many() of Linux 6.1 (drivers/pci/p2pdma.c:413-601), quirks included.

import { effectiveAcsCtrl, kernelAddedBits, kernelEnablesAcs, redirectBits, ACS_CITATIONS } from './acs';
import { cpuSupportsP2pdma } from './allowlist';
import { cpuRuleStep, hostBridgeWhitelist } from './host-bridge-check';
import { KERNEL_CITATIONS } from './steps';
import type { ReasonStep } from './steps';
import { upstream, upstreamChain } from './topology-index';
import type { IndexedNode, TopologyIndex } from './topology-index';
import type { AcsBit, Bdf, MapType } from './types';

export interface AcsHit {
  bdf: Bdf;
  /** RR/CR/EC bits that made pci_bridge_has_acs_redir() return 1. */
  bits: AcsBit[];
  kernelAdded: AcsBit[];
  leg: 'provider' | 'client' | 'common';
}

export interface KernelResult {
  mapType: MapType;
  distance: number;
  /** `acs_redirects` of the C code: a common node exists but ACS redirect is set on the path. */
  acsRedirect: boolean;
  /** The ancestor-or-self of the provider that is also an ancestor-or-self of the client. */
  common?: IndexedNode;
  acsHits: AcsHit[];
  steps: ReasonStep[];
}

/** pci_bridge_has_acs_redir() on the node's effective ACS Control bits. */
function acsRedir(ix: TopologyIndex, n: IndexedNode): { bits: AcsBit[]; kernelAdded: AcsBit[] } | undefined {
  const enabled = kernelEnablesAcs(ix.topology);
  const bits = redirectBits(effectiveAcsCtrl(n.node, enabled));
  if (bits.length === 0) return undefined;
  const added = kernelAddedBits(n.node.acs, enabled);
  return { bits, kernelAdded: added };
}

function acsStep(n: IndexedNode, hit: AcsHit): ReasonStep {
  const added = hit.kernelAdded.length > 0 ? ` (the kernel added ${hit.kernelAdded.join(' ')} at boot, ${ACS_CITATIONS.enable})` : '';
  const role = hit.leg === 'common' ? 'common node' : `${hit.leg} side`;
  return {
    kind: 'acs', bdf: hit.bdf, bits: hit.bits, kernelAdded: hit.kernelAdded, citation: ACS_CITATIONS.redir,
    text: `ACS redirect on ${hit.bdf} (${n.node.type}, ${role}): ${hit.bits.join(' ')} set${added}`,
  };
}

function chainStep(ix: TopologyIndex, who: string, n: IndexedNode): ReasonStep {
  const chain = upstreamChain(ix, n);
  const vf = n.node.physfn ? ` (a VF: pci_upstream_bridge() continues from its PF ${n.node.physfn})` : '';
  return { kind: 'chain', bdfs: chain.map((c) => c.node.bdf), citation: KERNEL_CITATIONS.upstream,
    text: `${who} ${n.node.bdf} upstream chain: ${chain.map((c) => c.node.bdf).join(' -> ')} (root bus)${vf}` };
}

/** The C walk: find the common node and the two distances, counting ACS redirects on the way. */
function walk(ix: TopologyIndex, p: IndexedNode, c: IndexedNode) {
  const hits: AcsHit[] = [];
  let a: IndexedNode | undefined = p;
  let distA = 0;
  let distB = 0;
  while (a) {
    distB = 0;
    const r = acsRedir(ix, a);
    if (r) hits.push({ bdf: a.node.bdf, ...r, leg: 'provider' });
    for (let bb: IndexedNode | undefined = c; bb; bb = upstream(ix, bb)) {
      if (bb === a) {
        if (r) hits[hits.length - 1].leg = 'common';
        return { common: a, distA, distB, hits };
      }
      distB++;
    }
    a = upstream(ix, a);
    distA++;
  }
  return { common: undefined, distA, distB, hits };
}

/** calc_map_type_and_dist(provider, client) with reasoning steps. */
export function calcMapTypeAndDist(ix: TopologyIndex, p: IndexedNode, c: IndexedNode): KernelResult {
  const steps: ReasonStep[] = [chainStep(ix, 'provider', p)];
  if (c !== p) steps.push(chainStep(ix, 'client', c));
  const w = walk(ix, p, c);
  const hits = w.hits;
  let acsRedirect = false;
  const distance = w.distA + w.distB;
  if (w.common) {
    for (let bb: IndexedNode | undefined = c; bb && bb !== w.common; bb = upstream(ix, bb)) {
      const r = acsRedir(ix, bb);
      if (r) hits.push({ bdf: bb.node.bdf, ...r, leg: 'client' });
    }
    const same = p === c ? ' (provider == client)' : '';
    steps.push({ kind: 'common-node', bdf: w.common.node.bdf, citation: KERNEL_CITATIONS.calc,
      text: `common upstream node ${w.common.node.bdf} (${w.common.node.type})${same}: provider ${w.distA} hop(s) up, client ${w.distB} hop(s) up, distance ${distance}` });
    for (const h of hits) steps.push(acsStep(ix.byBdf.get(h.bdf) as IndexedNode, h));
    if (hits.length === 0) {
      steps.push({ kind: 'bus-addr', citation: KERNEL_CITATIONS.calc,
        text: 'no RR/CR/EC on the provider, the client, the common node or any port between them: PCI_P2PDMA_MAP_BUS_ADDR' });
      return { mapType: 'BUS_ADDR', distance, acsRedirect, common: w.common, acsHits: hits, steps };
    }
    acsRedirect = true;
    steps.push({ kind: 'acs-redirect', citation: KERNEL_CITATIONS.calc,
      text: `ACS redirect on ${hits.length} node(s) (${hits.map((h) => h.bdf).join(', ')}): requests are redirected to the root complex, so the path is treated as THRU_HOST_BRIDGE (the kernel suggests pci=disable_acs_redir=${hits.map((h) => h.bdf).join(';')})` });
  } else {
    const ignored = hits.length > 0 ? ` (ACS redirect on ${hits.map((h) => h.bdf).join(', ')} is counted but does not matter)` : '';
    steps.push({ kind: 'no-common-node', citation: KERNEL_CITATIONS.calc,
      text: `no common upstream node (different root ports or host bridges; root-bus devices have no upstream bridge): distance = ${w.distA} + ${w.distB} = ${distance}; the traffic must cross the host bridge${ignored}` });
  }
  return hostBridgeStage(ix, p, c, { distance, acsRedirect, common: w.common, acsHits: hits, steps });
}

/** The `map_through_host_bridge:` label of the C code. */
function hostBridgeStage(ix: TopologyIndex, p: IndexedNode, c: IndexedNode, r: Omit<KernelResult, 'mapType'>): KernelResult {
  const cpu = ix.topology.cpu;
  r.steps.push(cpuRuleStep(cpu));
  if (cpuSupportsP2pdma(cpu)) {
    r.steps.push({ kind: 'verdict', citation: KERNEL_CITATIONS.calc, text: 'PCI_P2PDMA_MAP_THRU_HOST_BRIDGE: the root complex forwards the traffic' });
    return { ...r, mapType: 'THRU_HOST_BRIDGE' };
  }
  const hb = hostBridgeWhitelist(p.hostBridge, c.hostBridge);
  r.steps.push(...hb.steps);
  if (hb.ok) {
    r.steps.push({ kind: 'verdict', citation: KERNEL_CITATIONS.calc, text: 'PCI_P2PDMA_MAP_THRU_HOST_BRIDGE: the allowlisted root complex forwards the traffic' });
    return { ...r, mapType: 'THRU_HOST_BRIDGE' };
  }
  r.steps.push({ kind: 'verdict', citation: KERNEL_CITATIONS.calc,
    text: 'PCI_P2PDMA_MAP_NOT_SUPPORTED: "do not share an upstream bridge or whitelisted host bridge"; mapping fails (-EREMOTEIO)' });
  return { ...r, mapType: 'NOT_SUPPORTED' };
}

/** pci_p2pdma_distance_many() (p2pdma.c:544-601), verbose form: n == 0 -> -1, any NOT_SUPPORTED -> -1, else the sum. */
export function p2pdmaDistanceMany(results: readonly Pick<KernelResult, 'mapType' | 'distance'>[]): number {
  if (results.length === 0) return -1;
  if (results.some((r) => r.mapType === 'NOT_SUPPORTED')) return -1;
  return results.reduce((s, r) => s + r.distance, 0);
}
