// Quick picks of PCI devices by BDF, name and class (provider: one; clients: one or more).
import * as vscode from 'vscode';
import { allNodes, type PciNode, type Topology } from '../src/engine/fabric';

interface DeviceItem extends vscode.QuickPickItem { bdf: string }

const CLASS_NAMES: Record<string, string> = {
  '0100': 'SCSI', '0106': 'SATA', '0108': 'NVMe', '0200': 'Ethernet', '0207': 'InfiniBand', '0300': 'VGA', '0302': '3D controller',
  '0600': 'host bridge', '0604': 'PCI bridge', '0b40': 'co-processor', '1200': 'accelerator',
};

function item(n: PciNode): DeviceItem {
  const cls = n.classCode ? `class ${n.classCode}${CLASS_NAMES[n.classCode.slice(0, 4)] ? ` (${CLASS_NAMES[n.classCode.slice(0, 4)]})` : ''}` : '';
  const withBars = n.bars.length ? `${n.bars.length} BAR(s)` : 'no memory BAR';
  return {
    label: n.bdf, bdf: n.bdf,
    description: [n.name, n.type, cls].filter(Boolean).join(' · '),
    detail: [n.vendor && n.device ? `${n.vendor}:${n.device}` : '', n.physfn ? `VF of ${n.physfn}` : '', withBars].filter(Boolean).join(' · '),
  };
}

function candidates(t: Topology): PciNode[] {
  return allNodes(t).filter((n) => n.type === 'endpoint' || n.type === 'rc-integrated');
}

export async function pickProvider(t: Topology): Promise<string | undefined> {
  const items = candidates(t).filter((n) => n.bars.length > 0).map(item);
  const pick = await vscode.window.showQuickPick(items, { title: 'Fabric Lens: P2P provider (the device whose BAR memory is shared)', placeHolder: 'Provider: type a BDF, name or class', matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true });
  return pick?.bdf;
}

export async function pickClients(t: Topology, provider: string): Promise<string[] | undefined> {
  const items = candidates(t).filter((n) => n.bdf !== provider).map(item);
  const picks = await vscode.window.showQuickPick(items, { title: `Fabric Lens: P2P clients of ${provider} (one or more)`, placeHolder: 'Clients: type to filter, Space to select, Enter to accept', canPickMany: true, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true });
  return picks && picks.length > 0 ? picks.map((p) => p.bdf) : undefined;
}
