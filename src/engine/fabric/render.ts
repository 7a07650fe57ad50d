// Text rendering for `topo show` (tree with ACS/IOMMU annotations) and for P2P verdicts with their reasoning steps.

import { effectiveAcsCtrl, kernelAddedBits, kernelEnablesAcs } from './acs';
import { cpuSupportsP2pdma, findAllowlistEntry } from './allowlist';
import { formatSize, hex } from './bdf';
import { hostBridgeDev } from './host-bridge-check';
import type { P2PReport } from './p2p-verdict';
import type { HostBridge, PciNode, Topology } from './types';

function acsLabel(n: PciNode, enabled: boolean): string {
  if (!n.acs || !n.acs.cap) return '';
  const eff = effectiveAcsCtrl(n, enabled);
  const added = kernelAddedBits(n.acs, enabled);
  const redir = eff.some((b) => b === 'RR' || b === 'CR' || b === 'EC') ? ' redirect' : '';
  return ` ACS[${eff.join(' ') || '-'}]${added.length > 0 ? ` (kernel added ${added.join(' ')})` : ''}${redir}`;
}

function nodeLine(n: PciNode, enabled: boolean): string {
  const id = n.vendor && n.device ? ` ${n.vendor}:${n.device}` : '';
  const name = n.name ? ` "${n.name}"` : '';
  const vf = n.physfn ? ` VF of ${n.physfn}` : '';
  return `${n.bdf} ${n.type}${name}${id}${vf}${acsLabel(n, enabled)}`;
}

function barLines(n: PciNode): string[] {
  return n.bars.map((b) =>
    `BAR${b.index} ${hex(b.cpuAddress)} [size=${formatSize(b.size)}] ${b.is64 ? '64-bit' : '32-bit'}, ${b.prefetchable ? 'prefetchable' : 'non-prefetchable'}`);
}

function renderNodes(nodes: PciNode[], prefix: string, enabled: boolean, out: string[]): void {
  const flat = nodes.flatMap((n) => [n, ...n.functions]);
  flat.forEach((n, i) => {
    const last = i === flat.length - 1;
    out.push(`${prefix}${last ? '`-- ' : '|-- '}${nodeLine(n, enabled)}`);
    const inner = `${prefix}${last ? '    ' : '|   '}`;
    for (const b of barLines(n)) out.push(`${inner}${n.children.length > 0 ? '|' : ' '}   ${b}`);
    renderNodes(n.children, inner, enabled, out);
  });
}

function hostBridgeHeader(hb: HostBridge): string[] {
  const root = hostBridgeDev(hb);
  const entry = root ? findAllowlistEntry(root.vendor, root.device) : undefined;
  const allow = !root ? 'no inspectable root device: not allowlisted'
    : entry ? `allowlisted (${entry.comment}${entry.reqSameHostBridge ? ', same host bridge only' : ''})` : 'not in the P2P allowlist';
  const rootText = root ? `root device ${root.vendor}:${root.device}${root.source === 'rootDevice' ? '' : ` (${root.bdf})`}` : 'root device unknown';
  const lines = [`${hb.id} segment ${hb.segment.toString(16).padStart(4, '0')} root bus ${hb.rootBus.toString(16).padStart(2, '0')}, ${rootText}: ${allow}`];
  for (const w of hb.windows) {
    const off = w.cpuStart - w.busStart;
    lines.push(`  window CPU ${hex(w.cpuStart)} -> bus ${hex(w.busStart)} [size=${formatSize(w.size)}]${off === 0n ? ' (offset 0)' : ` (offset ${hex(off)}: bus address != CPU address)`}`);
  }
  if (hb.windows.length === 0) lines.push('  no windows listed: bus address assumed equal to CPU address');
  return lines;
}

/** The topology as an annotated tree (what `topo show` prints). */
export function renderTopologyText(t: Topology): string {
  const enabled = kernelEnablesAcs(t);
  const fam = t.cpu.family === undefined ? '' : ` family 0x${t.cpu.family.toString(16)}`;
  const amd = cpuSupportsP2pdma(t.cpu) ? ' (cpu_supports_p2pdma: any host bridge forwards P2P)' : '';
  const acs = enabled ? 'kernel-default: Linux adds SV RR CR UF on every ACS-capable port'
    : t.iommu.acsRedirect === 'disabled' ? 'disabled: ACS control bits as listed' : 'not enabled (no IOMMU)';
  const out = [
    ...(t.name ? [t.name] : []),
    `CPU ${t.cpu.vendor}${fam}${amd}`,
    `IOMMU ${t.iommu.mode}; ACS redirect ${acs}`,
  ];
  for (const hb of t.hostBridges) {
    out.push('', ...hostBridgeHeader(hb));
    renderNodes(hb.devices, '', enabled, out);
  }
  if (t.notes.length > 0) out.push('', 'Notes:', ...t.notes.map((n) => `  - ${n}`));
  return `${out.join('\n')}\n`;
}

/** A readable P2P verdict with the kernel's reasoning, per client. */
export function renderP2PText(r: P2PReport): string {
  const out = [
    `provider ${r.provider}: ${r.mapType}, distance ${r.distance}${r.clients.length > 1 ? ` (pci_p2pdma_distance_many over ${r.clients.length} clients; worst client ${r.worstClient})` : ''}`,
    `  program: ${r.programAddress}; ACS redirect: ${r.acsRedirect ? 'yes' : 'no'}; reaches IOMMU: ${r.reachesIommu ? 'yes' : 'no'}`,
  ];
  for (const c of r.clients) {
    out.push('', `client ${c.bdf}: ${c.mapType}, distance ${c.distance}, program ${c.programAddress}`);
    c.steps.forEach((s, i) => out.push(`  ${i + 1}. ${s.text}${s.citation ? ` [${s.citation}]` : ''}`));
  }
  return `${out.join('\n')}\n`;
}
