// The "Explain Ordering of Selection" page (pure): accesses, a litmus-style pair table per architecture, the orders the
// device may observe, and the change that would order each unordered pair.
import type { OrderingExplanation } from '../../src/engine/explain-ordering';
import { esc, page } from './html';

export interface OrderingViewState { title: string; explanation: OrderingExplanation; active?: number }

const CSS = `
td.yes { color: var(--vscode-charts-green); } td.no { color: var(--vscode-errorForeground); } td.hw { color: var(--vscode-charts-orange); }
.arch { display: none; } .orders li { font-family: var(--vscode-editor-font-family); }
`;

function archCss(n: number): string {
  return Array.from({ length: n }, (_, i) => `body[data-active="${i}"] .a-${i} { display: block; }`).join('\n');
}

export function orderingHtml(state: OrderingViewState, nonce: string): string {
  const ex = state.explanation;
  const active = Math.min(state.active ?? 0, ex.arches.length - 1);
  const accesses = `<table><thead><tr><th>id</th><th>line</th><th>access</th><th>kind</th><th>memory</th></tr></thead><tbody>${ex.accesses.map((a) => `<tr><td><strong>${esc(a.id)}</strong></td><td>${a.line}</td><td><code>${esc(a.label)}</code>${a.via.length ? ` <span class="muted">(in ${esc(a.via.join('() → '))}())</span>` : ''}</td><td>${esc(a.kind)}</td><td>${esc(a.memory ?? '')}</td></tr>`).join('')}</tbody></table>`;
  const steps = ex.steps.length ? `<p class="muted">Between them: ${ex.steps.map((s) => `<code>${esc(s.label)}</code> (line ${s.line})`).join(', ')}</p>` : '';
  const tabs = `<div role="tablist" aria-label="Architectures">${ex.arches.map((a, i) => {
    const bad = a.pairs.filter((p) => p.level !== 'api').length;
    return `<button role="tab" id="tab-${i}" aria-controls="arch-${i}" data-i="${i}">${esc(a.arch)}${bad ? ` (${bad} unordered)` : ' (ordered)'}</button>`;
  }).join('')}</div>`;
  const panels = ex.arches.map((a, i) => `<section class="arch a-${i}" id="arch-${i}" role="tabpanel" aria-labelledby="tab-${i}">
<h2>${esc(a.arch)}: which pairs the device sees in program order</h2>
${a.pairs.length ? `<table class="pairs"><thead><tr><th>pair</th><th>question</th><th>ordered?</th><th>by</th><th>to order it</th></tr></thead><tbody>
${a.pairs.map((p) => `<tr><td><strong>${esc(p.first)} → ${esc(p.second)}</strong></td><td>${esc(p.question)}</td><td class="${p.level === 'api' ? 'yes' : p.level === 'hw' ? 'hw' : 'no'}">${p.level === 'api' ? 'yes' : p.level === 'hw' ? 'hardware only' : 'no'}</td><td>${esc(p.by)}${p.cite ? ` <code>${esc(p.cite)}</code>` : ''}</td><td>${esc(p.fix ?? '')}</td></tr>`).join('\n')}
</tbody></table>` : '<p>No pair of these accesses is one the model covers.</p>'}
<h2>Orders the device may observe: ${a.orderCount}${a.countCapped ? '+' : ''}</h2>
<ol class="orders">${a.orders.map((o) => `<li>${esc(o.join(' → '))}</li>`).join('')}${a.orderCount > a.orders.length ? `<li class="muted">… ${a.orderCount - a.orders.length} more</li>` : ''}</ol>
</section>`).join('\n');
  const body = `<h1>${esc(state.title)}</h1>
<p class="muted">${esc(ex.function)}() in ${esc(ex.file)}, lines ${ex.range.start.line + 1}-${ex.range.end.line + 1}</p>
<h2>Device-visible accesses in program order</h2>
${accesses}${steps}
${tabs}
${panels}
<h2>Notes</h2><ul>${ex.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`;
  const script = `
const vscode = acquireVsCodeApi();
const state = Object.assign({}, ${JSON.stringify({ ...state, active }).replace(/</g, '\\u003c')}, vscode.getState() || {});
function show(i) {
  document.body.dataset.active = String(i);
  document.querySelectorAll('[role=tab]').forEach((t) => { const on = t.dataset.i === String(i); t.setAttribute('aria-selected', String(on)); t.tabIndex = on ? 0 : -1; });
  state.active = i; vscode.setState(state);
}
const tabs = [...document.querySelectorAll('[role=tab]')];
tabs.forEach((t, k) => {
  t.addEventListener('click', () => show(k));
  t.addEventListener('keydown', (e) => {
    const next = e.key === 'ArrowRight' ? (k + 1) % tabs.length : e.key === 'ArrowLeft' ? (k + tabs.length - 1) % tabs.length : -1;
    if (next >= 0) { e.preventDefault(); tabs[next].focus(); show(next); }
  });
});
show(state.active || 0);
`;
  return page({ nonce, title: state.title, css: CSS + archCss(ex.arches.length), body, script }).replace('<body>', `<body data-active="${active}">`);
}
