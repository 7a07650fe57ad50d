// Triage helper. usage: node scripts/triage/lookup.js RUN.json docs/triage-ordering-rules.md [LIST=1 in the env lists each; UNJUDGED=1 the findings no row claims]: looks every judged finding up in a run (same rule, file and line; else an unclaimed finding of the same rule and function: one judged finding per reported line)
const fs = require('fs');
const [run, ...docs] = process.argv.slice(2);
const diags = JSON.parse(fs.readFileSync(run, 'utf8')).diagnostics;
const RULES = ['iomem-plain-access','missing-dma-rmb','wc-combining-defeated','wc-read','mmio-unordered-with-unlock','missing-wmb-before-doorbell','redundant-barrier','missing-wc-flush','missing-dma-wmb-before-ownership','mapping-unsupported-on-arch','dma-wmb-insufficient'];
const byLine = new Set(diags.map(d => `${d.rule}|${d.file.replace(/.*linux-source-6.1\//, '')}:${d.range.start.line + 1}`));
const rel = (d) => d.file.replace(/.*linux-source-6.1\//, '');
const linesByFn = new Map(); // rule|file|function -> reported lines no judged finding names exactly
for (const d of diags) { const k = `${d.rule}|${rel(d)}|${d.function}`; if (!linesByFn.has(k)) linesByFn.set(k, []); linesByFn.get(k).push(d.range.start.line + 1); }
const rows = [];
for (const doc of docs) {
  let rule;
  for (const line of fs.readFileSync(doc, 'utf8').split('\n')) {
    const h = /^##+ ([a-z0-9-]+)/.exec(line);
    if (h) { rule = RULES.includes(h[1]) ? h[1] : (/^## /.test(line) ? undefined : rule); continue; }
    const m = /^\| (drivers\/[^ |]+):(\d+) \| ([^|]+?) \| \*{0,2}(real|intended|false)/.exec(line);
    if (!m || !rule) continue;
    const [, file, ln, fn, verdict] = m;
    rows.push({ doc: doc.split('/').pop(), rule, finding: `${file}:${ln}`, fn: fn.trim(), verdict, key: `${rule}|${file}|${fn.replace(/`/g, '').trim()}`, line: Number(ln) });
  }
}
// Exact lines first: a reported line a judged finding names is that finding's, never another's "same function".
for (const r of rows) if (byLine.has(`${r.rule}|${r.finding}`)) { r.present = 'same line'; const ls = linesByFn.get(r.key); if (ls && ls.includes(r.line)) ls.splice(ls.indexOf(r.line), 1); }
// A rule reporting the access or call itself (not a later sink) has no moved line: only the exact line counts, else a
// judged line gone would claim an unjudged sibling in the same function (iphase.c's many plain accesses).
const AT_THE_ACCESS = new Set(['iomem-plain-access', 'mapping-unsupported-on-arch']);
const moved = new Map(); // a finding judged twice is looked up once
// The tree is a later 6.1 point release than some verdicts were written against, so lines can move: a rule reporting
// the access itself keeps a judged line that moved only when its function has one finding of the rule, unclaimed, and
// one judged line of the rule, so no other judged line can be the one that moved there.
const onlyOne = (r) => (linesByFn.get(r.key) ?? []).length === 1 && (diags.filter((d) => `${d.rule}|${rel(d)}|${d.function}` === r.key).length === 1)
  && new Set(rows.filter((o) => o.key === r.key).map((o) => o.finding)).size === 1;
for (const r of rows) {
  if (r.present) continue;
  const id = r.finding + r.rule;
  if (!moved.has(id)) { const ls = AT_THE_ACCESS.has(r.rule) && !onlyOne(r) ? undefined : linesByFn.get(r.key); moved.set(id, ls && ls.length ? (ls.shift(), 'same function') : 'gone'); }
  r.present = moved.get(id);
}
const table = {};
for (const r of rows) {
  const t = (table[r.rule] ??= { real: [0, 0], intended: [0, 0], false: [0, 0] });
  t[r.verdict][0]++; if (r.present !== 'gone') t[r.verdict][1]++;
}
console.log('rule | real kept/judged | intended kept/judged | false kept/judged');
for (const [rule, t] of Object.entries(table)) console.log(`${rule} | ${t.real[1]}/${t.real[0]} | ${t.intended[1]}/${t.intended[0]} | ${t.false[1]}/${t.false[0]}`);
if (process.env.LIST) for (const r of rows) console.log(r.doc, r.rule, r.finding, r.fn, r.verdict, r.present);
// UNJUDGED=1: the ordering rules' findings no judged row claims (its line, or the line it moved to), one per line.
if (process.env.UNJUDGED) for (const [k, ls] of linesByFn) {
  const [rule, file, fn] = k.split('|');
  if (RULES.includes(rule)) for (const l of ls) console.log(`unjudged ${rule} ${file}:${l} ${fn}`);
}
