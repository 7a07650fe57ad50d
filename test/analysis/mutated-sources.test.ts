// Broken code as an editor sees it while typing: every rule fixture, cut short, with lines deleted and with stray
// brackets, re-analysed incrementally as an open document (kept trees, swapped functions, cached findings) and checked
// again from scratch, never throws, gives the open document the findings of the check from scratch, and the original
// text afterwards gives its original findings.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ARCHES } from '../../src/engine/arch';
import type { Finding } from '../../src/engine/findings';
import { FIXTURES, newProject } from '../helpers/project';

const RULE_FIXTURES = join(FIXTURES, 'rules');

/** A fixed pseudo-random sequence, so a failure names a reproducible variant. */
function sequence(seed: number): () => number {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) & 0x7fffffff; return s / 0x7fffffff; };
}

/** Edits of `text` an editor passes through: cut at a point, lines deleted, an unbalanced `{(` typed in. */
function variants(text: string, seed: number): { what: string; text: string }[] {
  const next = sequence(seed);
  const at = () => Math.floor(next() * text.length);
  const lines = text.split('\n');
  const out: { what: string; text: string }[] = [];
  for (let k = 0; k < 3; k++) { const cut = at(); out.push({ what: `cut at ${cut}`, text: text.slice(0, cut) }); }
  for (let k = 0; k < 2; k++) {
    const kept = lines.slice();
    const gone: number[] = [];
    for (let j = 0; j < 4; j++) { const i = Math.floor(next() * kept.length); gone.push(i); kept.splice(i, 1 + (j % 3)); }
    out.push({ what: `lines ${gone.join(',')} deleted`, text: kept.join('\n') });
  }
  const open = at();
  out.push({ what: `'{(' typed at ${open}`, text: `${text.slice(0, open)}{(${text.slice(open)}` });
  return out;
}

function summary(findings: Finding[]): string[] {
  return findings.map((f) => `${f.span.start.line}:${f.rule}:${f.arches.join(',')}`).sort();
}

test('every rule fixture, cut short, with lines deleted or brackets typed in, is analysed without an exception and incrementally as from scratch, and its original text gives its findings again', async () => {
  const files = readdirSync(RULE_FIXTURES).filter((f) => f.endsWith('.c')).sort();
  assert.ok(files.length > 40, `rule fixtures found: ${files.length}`);
  for (const [n, name] of files.entries()) {
    const path = join(RULE_FIXTURES, name);
    const text = readFileSync(path, 'utf8');
    const fresh = await newProject();
    fresh.setFile(path, text);
    const expected = summary(fresh.check([path], { arches: ARCHES }));
    const editor = await newProject();
    editor.setFile(path, text, { incremental: true });
    editor.check([path], { arches: ARCHES, incremental: true });
    for (const v of variants(text, n + 1)) {
      let incremental: Finding[] = [];
      let scratch: Finding[] = [];
      assert.doesNotThrow(() => {
        editor.setFile(path, v.text, { incremental: true });
        incremental = editor.check([path], { arches: ARCHES, incremental: true });
        fresh.setFile(path, v.text);
        scratch = fresh.check([path], { arches: ARCHES });
      }, `${name}, ${v.what}`);
      assert.deepEqual(summary(incremental), summary(scratch), `${name}, ${v.what}: the open document's findings are those of a check from scratch`);
    }
    editor.setFile(path, text, { incremental: true });
    assert.deepEqual(summary(editor.check([path], { arches: ARCHES, incremental: true })), expected, `${name}: the original text again`);
  }
});
