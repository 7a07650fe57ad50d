// P2P mapping sites shared by p2p-iova-through-switch and p2p-distance-unchecked: dma_map_resource() of an address
// that comes from a PCI BAR (pci_resource_start(), `pdev->resource[i].start`, a member or parameter holding one).
import type { Event, FunctionFacts } from '../../analysis/facts';
import { classifyP2P } from '../fabric/p2p-verdict';
import type { ClientVerdict } from '../fabric/p2p-verdict';
import type { IndexedNode } from '../fabric/topology-index';
import { baseName, lineOfSpan, type BarOrigin, type FabricContext } from './context';

export interface P2pMapSite {
  fn: FunctionFacts;
  call: Event & { kind: 'call' };
  bar: BarOrigin;
  /** Text of the device the address is mapped for (the client). */
  clientText: string;
}

export const MAP_RESOURCE_CALLS: ReadonlySet<string> = new Set(['dma_map_resource']);

export function p2pMapSites(fc: FabricContext, paths: readonly string[]): P2pMapSite[] {
  const out: P2pMapSite[] = [];
  for (const fn of fc.functions(paths)) {
    if (fn.calls && !fn.calls.some((c) => MAP_RESOURCE_CALLS.has(c))) continue;
    for (const ev of fc.scanEvents(fn)) {
      if (ev.kind !== 'call' || !MAP_RESOURCE_CALLS.has(ev.callee)) continue;
      const bar = fc.pciBarOrigin(fc.resolveValue(ev.args[1], fn));
      if (!bar) continue;
      const clientText = ev.argTexts[0] ?? '';
      if (sameDevice(bar.base, clientText)) continue;
      out.push({ fn, call: ev, bar, clientText });
    }
  }
  return out;
}

/** `dma_map_resource(&pdev->dev, pci_resource_start(pdev, 2), ...)`: a device mapping its own BAR for itself is not P2P. */
function sameDevice(base: string | undefined, client: string): boolean {
  if (!base) return false;
  const c = client.replace(/\s+/g, '').replace(/^&/, '');
  const b = base.replace(/\s+/g, '');
  return c === `${b}->dev` || c === `${b}.dev`;
}

export function originWords(bar: BarOrigin): string {
  const what = /^\w+$/.test(bar.api) ? `${bar.api}()` : bar.api.startsWith('&') ? `${bar.base ?? 'pdev'}->resource[i]${bar.api.slice(bar.api.indexOf('->'))}` : `${bar.base ?? 'pdev'}->resource[i].start`;
  return `${what} at ${baseName(bar.file)}:${lineOfSpan(bar.span)}`;
}

/** Whether any function of the driver (its directory) tells BUS_ADDR from THRU_HOST_BRIDGE. */
export function driverKnowsMapType(fc: FabricContext, file: string): boolean {
  const dir = file.slice(0, file.lastIndexOf('/') + 1);
  return fc.files.some((f) => f.path.startsWith(dir) && f.path.slice(dir.length).indexOf('/') < 0 && (f.fabric?.mapTypeAware.length ?? 0) > 0);
}

export interface PairVerdict { provider: IndexedNode; client: IndexedNode; verdict: ClientVerdict }

/** Provider (the driver's device) against every other endpoint of the topology. */
export function pairVerdicts(fc: FabricContext, providers: IndexedNode[]): PairVerdict[] {
  const out: PairVerdict[] = [];
  if (!fc.topo) return out;
  for (const p of providers) {
    for (const c of fc.peersOf(p)) {
      const r = classifyP2P(fc.topo, p.node.bdf, [c.node.bdf]);
      if (r.ok) out.push({ provider: p, client: c, verdict: r.report.clients[0] });
    }
  }
  return out;
}

export function nodeName(n: IndexedNode): string {
  return n.node.name ? `${n.node.bdf} (${n.node.name})` : n.node.bdf;
}

export function listOf(items: string[], max = 3): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
