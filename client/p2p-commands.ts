// P2P commands: simulate a provider -> clients route, show a topology, import lspci output, capture this machine.
// Everything runs in the extension host: the fabric engine is pure TypeScript bundled into the client.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { captureSysfs } from '../src/cli/topo-capture';
import { importLspci, topologyToJson, topologyToText, type Topology } from '../src/engine/fabric';
import { pickClients, pickProvider } from './device-pick';
import { pickTopology } from './topology-source';
import { showTopologyPanel } from './webviews/panels';

export async function simulateP2P(): Promise<void> {
  const chosen = await pickTopology();
  if (!chosen) return;
  const provider = await pickProvider(chosen.topology);
  if (!provider) return;
  const clients = await pickClients(chosen.topology, provider);
  if (!clients) return;
  showTopologyPanel({ kind: 'p2p', title: `P2P ${provider.replace(/^0000:/, '')} → ${clients.map((c) => c.replace(/^0000:/, '')).join(', ')}`, source: chosen.source, topologyJson: chosen.json, provider, clients, active: 0 });
}

export async function showTopology(): Promise<void> {
  const chosen = await pickTopology();
  if (!chosen) return;
  showTopologyPanel({ kind: 'topology', title: `Topology: ${chosen.topology.name ?? path.basename(chosen.source)}`, source: chosen.source, topologyJson: chosen.json });
}

async function saveTopology(t: Topology, suggested: string): Promise<vscode.Uri | undefined> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Fabric Lens: save the topology', filters: { 'Fabric topology': ['fabric.json'] },
    defaultUri: root ? vscode.Uri.joinPath(root, suggested) : vscode.Uri.file(path.join(process.cwd(), suggested)),
  });
  if (!target) return undefined;
  const uri = target.path.endsWith('.fabric.json') ? target : target.with({ path: target.path.replace(/(\.json)?$/, '.fabric.json') });
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(topologyToText(t)));
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri;
}

async function readPicked(title: string, optional: boolean): Promise<string | undefined | null> {
  const picked = await vscode.window.showOpenDialog({ title, canSelectMany: false, openLabel: optional ? 'Use (Esc: skip)' : 'Import', filters: { 'lspci output': ['txt', 'log', 'out'], 'All files': ['*'] } });
  if (!picked?.[0]) return optional ? null : undefined;
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(picked[0]));
}

export async function importLspciOutput(): Promise<void> {
  const verbose = await readPicked('Fabric Lens: lspci -vvv output (run as root for ACS bits)', false);
  if (!verbose) return;
  const tree = await readPicked('Optional: lspci -tv output (places devices in the tree; Esc to skip)', true);
  const r = importLspci(verbose, tree ? { tree } : {});
  if (r.deviceCount === 0) { void vscode.window.showErrorMessage('Fabric Lens: no devices found (expected `lspci -vvv` output).'); return; }
  const uri = await saveTopology(r.topology, 'imported.fabric.json');
  if (uri) void vscode.window.showInformationMessage(`Fabric Lens: imported ${r.deviceCount} device(s) into ${vscode.workspace.asRelativePath(uri)}${r.notes.length ? ` (${r.notes.length} note(s) in the file)` : ''}.`);
}

export async function captureTopology(): Promise<void> {
  const r = captureSysfs();
  const uri = await saveTopology(r.topology, 'this-machine.fabric.json');
  if (!uri) return;
  const gaps = r.problems.length ? ` ${r.problems.length} thing(s) could not be read (listed under "notes"; ACS needs root).` : '';
  void vscode.window.showInformationMessage(`Fabric Lens: captured this machine into ${vscode.workspace.asRelativePath(uri)}.${gaps}`, 'Show Topology').then((a) => {
    if (a) showTopologyPanel({ kind: 'topology', title: 'Topology: this machine', source: vscode.workspace.asRelativePath(uri), topologyJson: topologyToJson(r.topology) });
  });
}
