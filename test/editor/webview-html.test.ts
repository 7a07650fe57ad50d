// The webview pages as HTML: strict CSP with a nonce, no remote content, the route/ACS/IOMMU marks of the bundled
// sample's GPU -> NIC verdict, a text alternative, and package.json contributions that exist in the code.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { classifyP2P, sampleTopology, topologyToJson } from '../../src/engine/fabric';
import { layoutTopology, routeOf, topologyHtml, type TopologyViewState } from '../../client/webviews/topology-html';
import { orderingHtml } from '../../client/webviews/ordering-html';
import { REPO } from '../helpers/project';

const t = sampleTopology();
const state = (clients: string[]): TopologyViewState => ({ kind: 'p2p', title: 'P2P', source: 'sample', topologyJson: topologyToJson(t), provider: '0000:03:00.0', clients, active: 0 });
const report = (clients: string[]) => { const r = classifyP2P(t, '0000:03:00.0', clients); assert.ok(r.ok); return r.report; };

function assertStrictPage(html: string, nonce: string): void {
  const cspMeta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(cspMeta, 'CSP meta');
  assert.match(cspMeta[1], /default-src 'none'/);
  assert.match(cspMeta[1], new RegExp(`script-src 'nonce-${nonce}'`));
  assert.doesNotMatch(cspMeta[1], /unsafe-inline|unsafe-eval|https?:/);
  const scripts = html.match(/<script[^>]*>/g) ?? [];
  assert.ok(scripts.length > 0 && scripts.every((s) => s.includes(`nonce="${nonce}"`)), 'every script has the nonce');
  assert.doesNotMatch(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, ''), /(src|href)=["']?https?:/, 'no remote content');
  assert.doesNotMatch(html, /style="/, 'no inline style attributes (the CSP would block them)');
  assert.doesNotMatch(html, /#[0-9a-fA-F]{6}\b/, 'colours come from the theme');
}

test('P2P page for GPU -> NIC on the sample: verdict, route through the root complex, ACS-redirecting ports, IOMMU', () => {
  const r = report(['0000:04:00.0']);
  const html = topologyHtml(state(['0000:04:00.0']), t, r, 'N0nce');
  assertStrictPage(html, 'N0nce');
  assert.match(html, /<td class="maptype">THRU_HOST_BRIDGE<\/td>/);
  assert.match(html, /<code>iova<\/code>/);
  assert.match(html, /Distance<\/th><td>4</);
  assert.equal((html.match(/<li class="step /g) ?? []).length, r.clients[0].steps.length, 'every reasoning step listed');
  // Route edges highlighted: the switch legs and the climb to the root complex.
  for (const e of ['0000:02:08.0>0000:03:00.0', '0000:01:00.0>0000:02:08.0', '0000:00:02.0>0000:01:00.0', 'hb:pci0000:00>0000:00:02.0', 'rc>hb:pci0000:00']) {
    const { nodes } = layoutTopology(t);
    assert.ok(routeOf(r, 0, nodes).edges.has(e), e);
  }
  assert.match(html, /class="edge on-0"/);
  assert.match(html, /class="node kind-rc on-0 iommu-0"/, 'the IOMMU is marked where the route reaches it');
  assert.match(html, /class="acs acs-0"[^>]*><rect[^>]*\/><text[^>]*>ACS RR CR/, 'a port whose ACS redirects this route');
  assert.match(html, /<details id="text-view">[\s\S]*Route to 0000:04:00.0 \(THRU_HOST_BRIDGE\): 0000:03:00.0 → 0000:02:08.0/);
  assert.match(html, /tabindex="0" role="img" aria-label="03:00.0 endpoint, gpu0[^"]*provider"/);
});

test('several clients get tabs; a cross-socket client is NOT_SUPPORTED with no route', () => {
  const r = report(['0000:04:00.0', '0000:81:00.0']);
  const html = topologyHtml(state(['0000:04:00.0', '0000:81:00.0']), t, r, 'n');
  assert.equal((html.match(/role="tab"/g) ?? []).length, 2);
  assert.match(html, /NOT_SUPPORTED/);
  assert.equal(routeOf(r, 1, layoutTopology(t).nodes).edges.size, 0);
  assert.match(html, /body\[data-active="1"\] \.v-1 \{ display: block; \}/);
});

test('the topology page without a route still marks ACS-redirecting ports and has no verdict', () => {
  const html = topologyHtml({ kind: 'topology', title: 'T', source: 'sample', topologyJson: topologyToJson(t) }, t, undefined, 'x');
  assertStrictPage(html, 'x');
  assert.doesNotMatch(html, /maptype/);
  assert.equal((html.match(/class="acs /g) ?? []).length, 5, 'root ports and switch downstream ports of the sample');
});

test('ordering page: strict CSP, one tab per architecture, pairs table', () => {
  const html = orderingHtml({ title: 'O', explanation: {
    file: 'a.c', function: 'f', range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }, steps: [], notes: ['n'],
    accesses: [{ id: 'A', kind: 'dma-store', label: 'the store to d->x', line: 2, span: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } }, via: [] },
      { id: 'B', kind: 'mmio-write', label: 'writel_relaxed()', line: 3, span: { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } }, via: [] }],
    arches: [{ arch: 'arm64', pairs: [{ first: 'A', second: 'B', question: 'q', ordered: false, level: 'none', by: 'nothing', fix: 'use writel() at line 3' }], orderCount: 2, orders: [['A', 'B'], ['B', 'A']], countCapped: false }],
  } }, 'k');
  assertStrictPage(html, 'k');
  assert.match(html, /arm64 \(1 unordered\)/);
  assert.match(html, /use writel\(\) at line 3/);
  assert.match(html, /<li>B → A<\/li>/);
});

test('every contributed command is registered by the client, with walkthrough media and rule docs present', () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const clientSrc = readdirSync(join(REPO, 'client')).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(REPO, 'client', f), 'utf8')).join('\n');
  for (const c of pkg.contributes.commands) assert.ok(clientSrc.includes(`'${c.command}'`) || clientSrc.includes(`= '${c.command}'`), `${c.command} registered`);
  for (const w of pkg.contributes.walkthroughs) for (const s of w.steps) assert.ok(existsSync(join(REPO, s.media.markdown)), s.media.markdown);
  for (const m of Object.values(pkg.contributes.menus).flat() as { command: string }[]) assert.ok(pkg.contributes.commands.some((c: { command: string }) => c.command === m.command), m.command);
  assert.ok(existsSync(join(REPO, 'test-fixtures', 'demo', 'demo_nic.c')), 'the demo the walkthrough opens');
});
