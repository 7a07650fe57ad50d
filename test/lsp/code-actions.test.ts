// Protocol tests: quick fixes for each rule come back as code actions, and applying one's edit removes the diagnostic.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, fileUri, LspClient } from '../helpers/lsp-client';
import { FIXTURES } from '../helpers/project';

const DEMO = join(FIXTURES, 'demo', 'demo_nic.c');
const DEMO_TEXT = readFileSync(DEMO, 'utf8');
/** The two rules whose fixes these tests apply (other rules may report on the demo too). */
const FIRST_RULES = ['missing-wc-flush', 'missing-wmb-before-doorbell'];

function uriFor(name: string): string {
  return fileUri(join(FIXTURES, 'demo', name, 'demo_nic.c'));
}

function editedText(client: LspClient, uri: string, action: CodeAction): string {
  const edits = action.edit?.changes?.[uri];
  assert.ok(edits && edits.length > 0, `the action '${action.title}' edits this document: ${JSON.stringify(action.edit)}`);
  return applyEdits(uri, client.text(uri), edits);
}

describe('code actions over LSP', () => {
  let client: LspClient;
  before(async () => { client = await LspClient.start(); });
  after(() => client.stop());

  async function actionsFor(uri: string, rule: string): Promise<{ diagnostic: Diagnostic; actions: CodeAction[] }> {
    const published = await client.openAndWait(uri, DEMO_TEXT);
    const diagnostic = published.diagnostics.find((d) => d.code === rule);
    assert.ok(diagnostic, `${rule} is reported on the demo`);
    const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
    return { diagnostic, actions };
  }

  for (const rule of ['missing-wmb-before-doorbell', 'missing-wc-flush']) {
    test(`${rule}: exactly one preferred quick fix, and applying its edit removes the diagnostic (the other rule stays)`, async () => {
      const uri = uriFor(`fix-${rule}`);
      const { actions } = await actionsFor(uri, rule);
      assert.ok(actions.length >= 1);
      for (const a of actions) assert.equal(a.kind, 'quickfix');
      const preferred = actions.filter((a) => a.isPreferred);
      assert.equal(preferred.length, 1, `one preferred fix among ${actions.map((a) => a.title).join(' | ')}`);
      assert.match(preferred[0].title, /wmb\(\)/);
      const after = await client.changeAndWait(uri, editedText(client, uri, preferred[0]));
      const codes = after.diagnostics.map((d) => String(d.code)).filter((c) => FIRST_RULES.includes(c));
      assert.ok(!codes.includes(rule), `${rule} is gone after the fix: ${codes}`);
      assert.equal(codes.length, 1, 'the other rule is still reported');
    });
  }

  test('missing-wmb-before-doorbell: the preferred fix inserts wmb() on its own line, indented, right before the doorbell', async () => {
    const uri = uriFor('fix-shape');
    const { diagnostic, actions } = await actionsFor(uri, 'missing-wmb-before-doorbell');
    const lines = editedText(client, uri, actions.find((a) => a.isPreferred)!).split('\n');
    const db = diagnostic.range.start.line;
    assert.equal(lines[db], '\twmb();');
    assert.match(lines[db + 1], /^\twritel_relaxed\(ring->tail, ring->doorbell\);/);
  });

  test('missing-wmb-before-doorbell: the alternative fix (writel instead of writel_relaxed) also removes the diagnostic', async () => {
    const uri = uriFor('fix-alt');
    const { actions } = await actionsFor(uri, 'missing-wmb-before-doorbell');
    const alt = actions.find((a) => !a.isPreferred && /writel\(\)/.test(a.title));
    assert.ok(alt, `a writel() alternative among ${actions.map((a) => a.title).join(' | ')}`);
    const text = editedText(client, uri, alt);
    assert.match(text, /\twritel\(ring->tail, ring->doorbell\);/);
    const after = await client.changeAndWait(uri, text);
    assert.deepEqual(after.diagnostics.map((d) => String(d.code)).filter((c) => FIRST_RULES.includes(c)), ['missing-wc-flush']);
  });

  test('no code actions for a range without fabric-lens diagnostics', async () => {
    const uri = uriFor('no-actions');
    await client.openAndWait(uri, DEMO_TEXT);
    const foreign: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', source: 'gcc' };
    assert.deepEqual(await client.codeActions(uri, foreign.range, [foreign]), []);
    assert.deepEqual(await client.codeActions(uri, foreign.range, []), []);
  });
});
