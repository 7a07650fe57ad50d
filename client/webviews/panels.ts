// Webview panels for topologies and ordering explanations: strict CSP, no local or remote resources, state kept while
// hidden (retainContextWhenHidden) and restored after a reload by WebviewPanelSerializers.
import * as vscode from 'vscode';
import { classifyP2P, formatIssue, validateTopology, type P2PReport, type Topology } from '../../src/engine/fabric';
import { newNonce } from './html';
import { orderingHtml, type OrderingViewState } from './ordering-html';
import { topologyHtml, type TopologyViewState } from './topology-html';

export const TOPOLOGY_VIEW = 'fabricLens.topology';
export const ORDERING_VIEW = 'fabricLens.ordering';

const OPTIONS: vscode.WebviewPanelOptions & vscode.WebviewOptions = { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [], enableFindWidget: true };

function renderTopology(panel: vscode.WebviewPanel, state: TopologyViewState): void {
  const r = validateTopology(state.topologyJson);
  if (!r.topology) throw new Error(`the saved topology is invalid: ${r.errors.map(formatIssue).join('; ')}`);
  let report: P2PReport | undefined;
  if (state.kind === 'p2p' && state.provider && state.clients?.length) {
    const res = classifyP2P(r.topology, state.provider, state.clients);
    if (!res.ok) throw new Error(res.error);
    report = res.report;
  }
  panel.title = state.title;
  panel.webview.html = topologyHtml(state, r.topology as Topology, report, newNonce());
}

export function showTopologyPanel(state: TopologyViewState): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel(TOPOLOGY_VIEW, state.title, vscode.ViewColumn.Beside, OPTIONS);
  renderTopology(panel, state);
  return panel;
}

export function showOrderingPanel(state: OrderingViewState): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel(ORDERING_VIEW, state.title, vscode.ViewColumn.Beside, OPTIONS);
  panel.webview.html = orderingHtml(state, newNonce());
  return panel;
}

/** Restores panels after a window reload from the state their page saved with setState(). */
export function registerPanelSerializers(): vscode.Disposable[] {
  const restore = (render: (panel: vscode.WebviewPanel, state: never) => void) => ({
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      panel.webview.options = OPTIONS;
      try {
        if (!state) throw new Error('nothing was saved');
        render(panel, state as never);
      } catch (e) {
        panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>Fabric Lens could not restore this view: ${String((e as Error).message).replace(/</g, '&lt;')}</p></body></html>`;
      }
    },
  });
  return [
    vscode.window.registerWebviewPanelSerializer(TOPOLOGY_VIEW, restore((p, s: TopologyViewState) => renderTopology(p, s))),
    vscode.window.registerWebviewPanelSerializer(ORDERING_VIEW, restore((p, s: OrderingViewState) => { p.title = s.title; p.webview.html = orderingHtml(s, newNonce()); })),
  ];
}
