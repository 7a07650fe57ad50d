// Triage helper. usage: node scripts/triage/sample.js RUN.json OUT.json SEED rule=N ... ; draws a seeded random sample, excluding findings already judged in the triage docs
const fs = require('fs');
const [input, out, seedArg, ...specs] = process.argv.slice(2);
const j = JSON.parse(fs.readFileSync(input, 'utf8'));
const judged = new Set();
for (const f of [require('path').join(__dirname, '../../docs/triage-ordering-rules.md'), ...(process.env.JUDGED_DIR ? fs.readdirSync(process.env.JUDGED_DIR).filter(f => f.endsWith('.md')).map(f => require('path').join(process.env.JUDGED_DIR, f)) : [])]) {
  for (const m of fs.readFileSync(f, 'utf8').matchAll(/(drivers\/[\w\/.\-+]+:\d+)/g)) judged.add(m[1]);
}
let seed = Number(seedArg);
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const res = [];
for (const s of specs) {
  const [rule, n] = s.split('=');
  const pool = j.diagnostics.filter(d => d.rule === rule).map(d => ({ ...d, rel: d.file.replace(/.*linux-source-6.1\//, '') + ':' + (d.range.start.line + 1) }))
    .filter(d => !judged.has(d.rel));
  for (let i = pool.length - 1; i > 0; i--) { const k = Math.floor(rnd() * (i + 1)); [pool[i], pool[k]] = [pool[k], pool[i]]; }
  const seen = new Set();
  for (const d of pool) { if (res.filter(r => r.rule === rule).length >= Number(n)) break; const key = d.function + d.file; if (seen.has(key)) continue; seen.add(key);
    res.push({ rule, finding: d.rel, function: d.function, arches: d.arches, message: d.message }); }
}
fs.writeFileSync(out, JSON.stringify(res, null, 1));
console.log(res.length, 'findings sampled from', j.diagnostics.length);
