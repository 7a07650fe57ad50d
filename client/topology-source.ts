// Chooses the topology a P2P command works on: the configured fabricLens.topologyFile, a *.fabric.json in the
// workspace, the bundled sample, or (on Linux) this machine captured from sysfs.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { captureSysfs } from '../src/cli/topo-capture';
import { formatIssue, parseTopologyText, sampleTopology, topologyToJson, type Topology } from '../src/engine/fabric';

export interface ChosenTopology { topology: Topology; source: string; json: unknown }

interface SourceItem extends vscode.QuickPickItem { load: () => Promise<ChosenTopology | undefined> }

export const SAMPLE_LABEL = 'Bundled sample topology';

export function resolveTopologyPath(setting: string): vscode.Uri | undefined {
  if (!setting) return undefined;
  if (path.isAbsolute(setting)) return vscode.Uri.file(setting);
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  return root ? vscode.Uri.joinPath(root, setting) : undefined;
}

export async function loadTopologyUri(uri: vscode.Uri): Promise<ChosenTopology | undefined> {
  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (e) {
    void vscode.window.showErrorMessage(`Fabric Lens: cannot read ${uri.fsPath}: ${(e as Error).message}`);
    return undefined;
  }
  const r = parseTopologyText(text);
  if (!r.topology) {
    void vscode.window.showErrorMessage(`Fabric Lens: ${path.basename(uri.fsPath)} is not a valid topology: ${r.errors.slice(0, 3).map(formatIssue).join('; ')}`);
    return undefined;
  }
  return { topology: r.topology, source: vscode.workspace.asRelativePath(uri), json: topologyToJson(r.topology) };
}

export function sampleChoice(): ChosenTopology {
  const topology = sampleTopology();
  return { topology, source: 'bundled sample (2-socket Xeon E5 v3, PLX switch, IOMMU on)', json: topologyToJson(topology) };
}

export function captureChoice(): ChosenTopology {
  const r = captureSysfs();
  if (r.problems.length) void vscode.window.showWarningMessage(`Fabric Lens: captured with ${r.problems.length} gap(s): ${r.problems.slice(0, 2).join('; ')}${r.problems.length > 2 ? ' …' : ''}`);
  return { topology: r.topology, source: 'captured from this machine (/sys/bus/pci)', json: topologyToJson(r.topology) };
}

export async function pickTopology(): Promise<ChosenTopology | undefined> {
  const items: SourceItem[] = [];
  const configured = vscode.workspace.getConfiguration('fabricLens').get<string>('topologyFile', '');
  const configuredUri = resolveTopologyPath(configured);
  if (configuredUri) items.push({ label: '$(settings-gear) Configured topology', description: configured, detail: 'fabricLens.topologyFile', load: () => loadTopologyUri(configuredUri) });
  const found = await vscode.workspace.findFiles('**/*.fabric.json', '**/node_modules/**', 200);
  for (const uri of found.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
    if (configuredUri && uri.fsPath === configuredUri.fsPath) continue;
    items.push({ label: `$(file) ${path.basename(uri.fsPath)}`, description: vscode.workspace.asRelativePath(uri), load: () => loadTopologyUri(uri) });
  }
  items.push({ label: `$(package) ${SAMPLE_LABEL}`, description: 'sample', detail: 'Two sockets, a PLX switch with ACS, GPU, RDMA NIC, NVMe; IOMMU translated', load: async () => sampleChoice() });
  if (process.platform === 'linux') items.push({ label: '$(vm) Capture this machine', description: '/sys/bus/pci', detail: 'Reads the running system; ACS bits need root', load: async () => captureChoice() });
  const pick = await vscode.window.showQuickPick(items, { title: 'Fabric Lens: choose a PCIe topology', placeHolder: 'Topology to simulate on', matchOnDescription: true, ignoreFocusOut: true });
  return pick?.load();
}
