// The topology webview page (pure: no vscode import): the PCIe tree as SVG, each client's TLP route, ACS-redirecting
// ports, the IOMMU where a route reaches it, the verdict and the kernel's reasoning, plus a text alternative.
import { effectiveAcsCtrl, kernelEnablesAcs, renderTopologyText, type P2PReport, type PciNode, type Topology } from '../../src/engine/fabric';
import { esc, page } from './html';

/** What a topology panel shows; kept by the webview (getState/setState) and used to restore it after a reload. */
export interface TopologyViewState {
  kind: 'topology' | 'p2p';
  title: string;
  /** Where the topology came from (a file path, "bundled sample", "captured from this machine"). */
  source: string;
  /** The topology as `*.fabric.json` JSON. */
  topologyJson: unknown;
  provider?: string;
  clients?: string[];
  /** Index of the client whose route is shown. */
  active?: number;
}

const BOX_W = 160;
const BOX_H = 44;
const SLOT = 176;
const ROW = 84;
const MARGIN = 12;

interface LNode { id: string; label1: string; label2: string; kind: string; depth: number; x: number; parent?: string; pci?: PciNode; hb?: string }

const RC = 'rc';
const hbId = (id: string) => `hb:${id}`;
const short = (bdf: string) => bdf.replace(/^0000:/, '');

function flat(nodes: PciNode[]): PciNode[] {
  return nodes.flatMap((n) => [n, ...n.functions]);
}

/** Tidy tree layout: leaves left to right, parents centred over their children. */
export function layoutTopology(t: Topology): { nodes: LNode[]; width: number; height: number } {
  const nodes: LNode[] = [];
  let leaf = 0;
  const place = (n: LNode, kids: () => LNode[]): LNode => {
    nodes.push(n);
    const ks = kids();
    n.x = ks.length === 0 ? leaf++ * SLOT : (ks[0].x + ks[ks.length - 1].x) / 2;
    return n;
  };
  const device = (p: PciNode, depth: number, parent: string, hb: string): LNode => place(
    { id: p.bdf, label1: `${short(p.bdf)} ${p.type}`, label2: p.name ?? (p.vendor && p.device ? `${p.vendor}:${p.device}` : ''), kind: p.type, depth, x: 0, parent, pci: p, hb },
    () => flat(p.children).map((c) => device(c, depth + 1, p.bdf, hb)),
  );
  const mode = t.iommu.mode;
  place({ id: RC, label1: `Root complex (CPU ${t.cpu.vendor})`, label2: `IOMMU ${mode}`, kind: 'rc', depth: 0, x: 0 },
    () => t.hostBridges.map((b) => place({ id: hbId(b.id), label1: b.id, label2: `host bridge, bus ${b.rootBus.toString(16).padStart(2, '0')}`, kind: 'hb', depth: 1, x: 0, parent: RC },
      () => flat(b.devices).map((d) => device(d, 2, hbId(b.id), hbId(b.id))))));
  const depth = Math.max(...nodes.map((n) => n.depth));
  return { nodes, width: Math.max(leaf, 1) * SLOT + 2 * MARGIN, height: (depth + 1) * ROW + 2 * MARGIN };
}

function redirectBits(n: PciNode | undefined, enabled: boolean): string[] {
  if (!n?.acs?.cap) return [];
  return effectiveAcsCtrl(n, enabled).filter((b) => b === 'RR' || b === 'CR' || b === 'EC');
}

/** Edge ids (`parent>child`) and node ids on client i's route. */
export function routeOf(report: P2PReport, i: number, nodes: LNode[]): { edges: Set<string>; nodes: Set<string>; acs: Set<string> } {
  const v = report.clients[i];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = new Set<string>();
  const on = new Set<string>(v.path);
  for (let k = 0; k + 1 < v.path.length; k++) {
    const a = byId.get(v.path[k]);
    const b = byId.get(v.path[k + 1]);
    if (!a || !b) continue;
    if (b.parent === a.id) edges.add(`${a.id}>${b.id}`);
    else if (a.parent === b.id) edges.add(`${b.id}>${a.id}`);
  }
  if (v.mapType === 'THRU_HOST_BRIDGE') {
    for (const id of v.path) {
      const n = byId.get(id);
      if (n?.parent?.startsWith('hb:')) { edges.add(`${n.parent}>${n.id}`); edges.add(`${RC}>${n.parent}`); on.add(n.parent); on.add(RC); }
    }
  }
  const acs = new Set(v.steps.filter((s) => s.kind === 'acs' && s.bdf).map((s) => s.bdf!));
  return { edges, nodes: on, acs };
}

function svg(t: Topology, report: P2PReport | undefined): string {
  const { nodes, width, height } = layoutTopology(t);
  const enabled = kernelEnablesAcs(t);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const routes = report ? report.clients.map((_, i) => routeOf(report, i, nodes)) : [];
  const cls = (base: string, test: (r: ReturnType<typeof routeOf>) => boolean) => [base, ...routes.flatMap((r, i) => (test(r) ? [`on-${i}`] : []))].join(' ');
  const cx = (n: LNode) => MARGIN + n.x + BOX_W / 2;
  const top = (n: LNode) => MARGIN + n.depth * ROW;
  const edges = nodes.filter((n) => n.parent).map((n) => {
    const p = byId.get(n.parent!)!;
    const id = `${p.id}>${n.id}`;
    return `<line class="${cls('edge', (r) => r.edges.has(id))}" x1="${cx(p)}" y1="${top(p) + BOX_H}" x2="${cx(n)}" y2="${top(n)}"/>`;
  }).join('\n');
  const boxes = nodes.map((n) => {
    const acs = redirectBits(n.pci, enabled);
    const roles: string[] = [];
    if (report && n.id === report.provider) roles.push('provider');
    report?.clients.forEach((c, i) => { if (c.bdf === n.id) roles.push(`client-${i}`); });
    const aria = `${n.label1}${n.label2 ? `, ${n.label2}` : ''}${acs.length ? `, ACS redirect ${acs.join(' ')}` : ''}${roles.length ? `, ${roles.join(', ').replace(/client-(\d+)/g, (_m, d) => `client ${Number(d) + 1}`)}` : ''}`;
    const iommuHit = n.id === RC ? routes.flatMap((_, i) => (report!.clients[i].reachesIommu ? [`iommu-${i}`] : [])) : [];
    const c = [cls(`node kind-${n.kind}`, (r) => r.nodes.has(n.id)), ...roles.map((r) => `role-${r}`), ...iommuHit].join(' ');
    const acsHit = routes.flatMap((r, i) => (r.acs.has(n.id) ? [`acs-${i}`] : [])).join(' ');
    const x = MARGIN + n.x;
    const y = top(n);
    return `<g class="${c}" data-id="${esc(n.id)}" tabindex="0" role="img" aria-label="${esc(aria)}"><title>${esc(aria)}</title>
<rect x="${x}" y="${y}" width="${BOX_W}" height="${BOX_H}" rx="4"/>
<text x="${x + 6}" y="${y + 17}" class="l1">${esc(n.label1.slice(0, 30))}</text>
<text x="${x + 6}" y="${y + 34}" class="l2">${esc(n.label2.slice(0, 28))}</text>
${acs.length ? `<g class="acs ${acsHit}"><rect x="${x + BOX_W - 58}" y="${y - 9}" width="56" height="16" rx="3"/><text x="${x + BOX_W - 54}" y="${y + 3}">ACS ${esc(acs.join(' '))}</text></g>` : ''}
</g>`;
  }).join('\n');
  const label = report ? `PCIe topology with the route of provider ${report.provider}` : 'PCIe topology';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="group" aria-label="${esc(label)}">
${edges}
${boxes}
</svg>`;
}

const PROGRAM: Record<string, string> = {
  'pci-bus-address': 'the PCI bus address of the provider BAR (pci_bus_address(), no IOMMU on the path)',
  iova: 'an IOVA from the client\'s IOMMU domain (dma_map_sg()/dma_map_resource())',
  'cpu-physical': 'the CPU physical address (dma-direct, no translating IOMMU)',
  none: 'nothing: the mapping fails with -EREMOTEIO',
};

function verdictHtml(report: P2PReport): string {
  const top = `<p id="summary"><strong>Provider ${esc(report.provider)}</strong>: <span class="${report.mapType === 'NOT_SUPPORTED' ? 'bad' : report.mapType === 'BUS_ADDR' ? 'ok' : 'warn'}">${esc(report.mapType)}</span>, distance ${report.distance}${report.clients.length > 1 ? ` (pci_p2pdma_distance_many over ${report.clients.length} clients, worst ${esc(report.worstClient)})` : ''}</p>`;
  const tabs = report.clients.length > 1
    ? `<div role="tablist" aria-label="Clients">${report.clients.map((c, i) => `<button role="tab" id="tab-${i}" aria-controls="verdict-${i}" data-client="${i}">${esc(short(c.bdf))} ${esc(c.mapType)}</button>`).join('')}</div>` : '';
  const panels = report.clients.map((c, i) => `<section class="verdict v-${i}" id="verdict-${i}" role="tabpanel" aria-labelledby="tab-${i}">
<h2>Client ${esc(c.bdf)}</h2>
<table class="facts"><tbody>
<tr><th>Map type</th><td class="maptype">${esc(c.mapType)}</td></tr>
<tr><th>Distance</th><td>${c.distance}${c.distance !== c.kernelDistance ? ` (calc_map_type_and_dist() computed ${c.kernelDistance})` : ''}</td></tr>
<tr><th>Program</th><td><code>${esc(c.programAddress)}</code>: ${esc(PROGRAM[c.programAddress] ?? '')}</td></tr>
<tr><th>ACS redirect</th><td>${c.acsRedirect ? 'yes' : 'no'}</td></tr>
<tr><th>Reaches the IOMMU</th><td>${c.reachesIommu ? 'yes' : 'no'}</td></tr>
<tr><th>Route</th><td>${c.path.length ? esc(c.path.map(short).join(' → ')) : 'none'}</td></tr>
</tbody></table>
<h2>The kernel's reasoning</h2>
<ol class="steps">${c.steps.map((s) => `<li class="step step-${esc(s.kind)}">${esc(s.text)}${s.citation ? ` <code class="cite">${esc(s.citation)}</code>` : ''}</li>`).join('\n')}</ol>
</section>`).join('\n');
  return `${top}${tabs}${panels}`;
}

const CSS = `
.diagram { overflow: auto; border: 1px solid var(--vscode-panel-border); margin: 8px 0; }
.edge { stroke: var(--vscode-descriptionForeground); stroke-width: 1.5; }
.node rect { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-panel-border); stroke-width: 1.5; }
.node text { fill: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: 12px; }
.node .l2 { fill: var(--vscode-descriptionForeground); }
.node:focus { outline: none; } .node:focus > rect { stroke: var(--vscode-focusBorder); stroke-width: 3; }
.kind-rc > rect, .kind-hb > rect { fill: var(--vscode-textCodeBlock-background); }
.acs rect { fill: var(--vscode-editor-background); stroke: var(--vscode-charts-orange); stroke-width: 1; }
.acs text { fill: var(--vscode-charts-orange); font-size: 10px; }
.role-provider > rect { stroke: var(--vscode-charts-blue); stroke-width: 3; }
.verdict { display: none; }
.legend span { margin-right: 14px; }
.legend .route { color: var(--vscode-charts-green); } .legend .acsl { color: var(--vscode-charts-orange); } .legend .iommu { color: var(--vscode-charts-purple); }
`;

function activeCss(n: number): string {
  const rules: string[] = [];
  for (let i = 0; i < n; i++) {
    const on = `body[data-active="${i}"]`;
    rules.push(`${on} .edge.on-${i} { stroke: var(--vscode-charts-green); stroke-width: 4; }`);
    rules.push(`${on} .node.on-${i} > rect { stroke: var(--vscode-charts-green); stroke-width: 3; }`);
    rules.push(`${on} .role-client-${i} > rect { stroke: var(--vscode-charts-yellow); stroke-width: 3; stroke-dasharray: 5 2; }`);
    rules.push(`${on} .acs.acs-${i} rect { fill: var(--vscode-charts-orange); } ${on} .acs.acs-${i} text { fill: var(--vscode-editor-background); font-weight: bold; }`);
    rules.push(`${on} .iommu-${i} > rect { stroke: var(--vscode-charts-purple); stroke-width: 4; }`);
    rules.push(`${on} .v-${i} { display: block; }`);
  }
  return rules.join('\n');
}

const SCRIPT = (initial: TopologyViewState) => `
const vscode = acquireVsCodeApi();
const initial = ${JSON.stringify(initial).replace(/</g, '\\u003c')};
const state = Object.assign({}, initial, vscode.getState() || {});
function show(i) {
  document.body.dataset.active = String(i);
  document.querySelectorAll('[role=tab]').forEach((t) => { const on = t.dataset.client === String(i); t.setAttribute('aria-selected', String(on)); t.tabIndex = on ? 0 : -1; });
  state.active = i; vscode.setState(state);
}
document.querySelectorAll('[role=tab]').forEach((t) => {
  t.addEventListener('click', () => show(Number(t.dataset.client)));
  t.addEventListener('keydown', (e) => {
    const tabs = [...document.querySelectorAll('[role=tab]')]; const k = tabs.indexOf(t);
    const next = e.key === 'ArrowRight' ? (k + 1) % tabs.length : e.key === 'ArrowLeft' ? (k + tabs.length - 1) % tabs.length : -1;
    if (next >= 0) { e.preventDefault(); tabs[next].focus(); show(Number(tabs[next].dataset.client)); }
  });
});
show(state.active || 0);
`;

export function topologyHtml(state: TopologyViewState, topology: Topology, report: P2PReport | undefined, nonce: string): string {
  const n = report?.clients.length ?? 0;
  const active = Math.min(state.active ?? 0, Math.max(n - 1, 0));
  const routes = report ? report.clients.map((c) => `<li>Route to ${esc(c.bdf)} (${esc(c.mapType)}): ${c.path.length ? esc(c.path.join(' → ')) : 'none (not supported)'}${c.reachesIommu ? ', through the IOMMU' : ''}</li>`).join('') : '';
  const body = `<h1>${esc(state.title)}</h1>
<p class="muted">Topology: ${esc(state.source)}</p>
${report ? verdictHtml(report) : ''}
<h2 id="diagram-title">Diagram</h2>
<p class="legend muted">${report ? '<span class="route">━ route of the selected client</span><span class="acsl">▮ ACS redirect (highlighted: redirects this route)</span><span class="iommu">▢ root complex outlined: the route reaches the IOMMU</span>' : '<span class="acsl">▮ ports whose ACS bits redirect P2P requests</span>'} Tab moves through the devices.</p>
<div class="diagram" aria-labelledby="diagram-title">${svg(topology, report)}</div>
<details id="text-view"><summary>Text view of the diagram</summary>
${routes ? `<ul>${routes}</ul>` : ''}
<pre>${esc(renderTopologyText(topology))}</pre>
</details>`;
  return page({ nonce, title: state.title, css: CSS + activeCss(n), body: body.replace('<body>', ''), script: SCRIPT({ ...state, active }) })
    .replace('<body>', `<body data-active="${active}">`);
}
