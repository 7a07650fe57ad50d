// Protocol tests: the bundled server (dist/server.js --stdio) publishes, updates and clears diagnostics over LSP.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileUri, linesContaining, LspClient, messageOf, type Published } from '../helpers/lsp-client';
import { FIXTURES } from '../helpers/project';

const DEMO = join(FIXTURES, 'demo', 'demo_nic.c');
const DEMO_TEXT = readFileSync(DEMO, 'utf8');
const DOORBELL = 'writel_relaxed(ring->tail, ring->doorbell);';
const UNLOCK = 'spin_unlock_irqrestore(&ring->lock, flags);';

/** 0-based line of the first line containing `needle`. */
function line0(text: string, needle: string): number {
  const [l] = linesContaining(text, needle);
  assert.ok(l, `'${needle}' not found`);
  return l - 1;
}

/** The two rules these tests are about (other rules may report on the demo too; their own fixtures cover them). */
const FIRST_RULES = ['missing-wc-flush', 'missing-wmb-before-doorbell'];

function codes(p: Published): string[] {
  return p.diagnostics.map((d) => String(d.code)).filter((c) => FIRST_RULES.includes(c)).sort();
}

function byCode(p: Published, code: string) {
  const d = p.diagnostics.find((x) => x.code === code);
  assert.ok(d, `no ${code} diagnostic in ${JSON.stringify(codes(p))}`);
  return d;
}

/** Matches a publication whose diagnostics are all computed for exactly these architectures (and there is one). */
function onlyArches(arches: string[]): (p: Published) => boolean {
  return (p) => codes(p).length > 0 && p.diagnostics.every((d) => JSON.stringify((d.data as { arches?: string[] } | undefined)?.arches) === JSON.stringify(arches));
}

/** A distinct URI per test (same file system path under a per-test directory name), so tests do not see each other. */
function demoUri(name: string): string {
  return fileUri(join(FIXTURES, 'demo', name, 'demo_nic.c'));
}

describe('diagnostics over LSP (push settings)', () => {
  let client: LspClient;
  before(async () => { client = await LspClient.start({ pullConfiguration: false }); });
  after(() => client.stop());

  test('didOpen publishes each finding with the rule id as code, source fabric-lens, range on the doorbell line, related store locations', async () => {
    const uri = fileUri(DEMO);
    const p = await client.openAndWait(uri, DEMO_TEXT);
    assert.deepEqual(codes(p), ['missing-wc-flush', 'missing-wmb-before-doorbell']);
    for (const d of p.diagnostics) assert.equal(d.source, 'fabric-lens');

    const db = byCode(p, 'missing-wmb-before-doorbell');
    assert.equal(db.range.start.line, line0(DEMO_TEXT, DOORBELL));
    assert.equal(db.range.start.character, DEMO_TEXT.split('\n')[db.range.start.line].indexOf('writel_relaxed'));
    assert.match(messageOf(db), /\(x86_64, arm64, riscv64\)$/);
    const related = db.relatedInformation ?? [];
    assert.ok(related.length > 0, 'the doorbell diagnostic points at the earlier stores');
    assert.ok(related.every((r) => r.location.uri === uri));
    assert.ok(related.some((r) => r.location.range.start.line === line0(DEMO_TEXT, 'd->flags = cpu_to_le32(DEMO_DESC_OWN);')), 'related information includes the last descriptor store');

    const wc = byCode(p, 'missing-wc-flush');
    assert.equal(wc.range.start.line, line0(DEMO_TEXT, UNLOCK));
    assert.match(messageOf(wc), /\(x86_64, powerpc64\)$/);
    assert.ok((wc.relatedInformation ?? []).some((r) => r.location.uri === uri && r.location.range.start.line === line0(DEMO_TEXT, '__iowrite64_copy(ring->push')), 'related information points at the WC write');
  });

  test('didChange that fixes a bug removes its diagnostic, and reintroducing the bug brings it back', async () => {
    const uri = demoUri('change');
    await client.openAndWait(uri, DEMO_TEXT);
    const fixed = DEMO_TEXT.replace(DOORBELL, `wmb();\n\t${DOORBELL}`);
    assert.deepEqual(codes(await client.changeAndWait(uri, fixed)), ['missing-wc-flush']);
    const both = fixed.replace(UNLOCK, `wmb();\n\t${UNLOCK}`);
    assert.deepEqual(codes(await client.changeAndWait(uri, both)), []);
    assert.deepEqual(codes(await client.changeAndWait(uri, DEMO_TEXT)), ['missing-wc-flush', 'missing-wmb-before-doorbell']);
  });

  test('rapid changes: no diagnostics for an older version are published after a newer one, and the newest text wins', async () => {
    const uri = demoUri('rapid');
    await client.openAndWait(uri, DEMO_TEXT);
    const since = client.mark();
    const fixedDb = DEMO_TEXT.replace(DOORBELL, `wmb();\n\t${DOORBELL}`);
    const fixedBoth = fixedDb.replace(UNLOCK, `wmb();\n\t${UNLOCK}`);
    await client.change(uri, fixedDb);
    await client.change(uri, DEMO_TEXT);
    const last = await client.change(uri, fixedBoth);
    const final = await client.diagnostics(uri, { since, version: last });
    assert.deepEqual(codes(final), []);
    // A round trip through another document: everything the server had queued for `uri` has been published by now.
    await client.openAndWait(demoUri('rapid-sentinel'), DEMO_TEXT);
    const versions = client.published.filter((p) => p.uri === uri && p.seq >= since).map((p) => p.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `published versions must never go back: ${versions}`);
    assert.equal(versions.at(-1), last, 'the newest version is the last one published');
  });

  test('a didOpen is analysed and published once (the content event that follows the open is not a second analysis)', async () => {
    const uri = demoUri('open-once');
    await client.openAndWait(uri, DEMO_TEXT);
    // A later debounced analysis of another document: timers with the same delay fire in order, so any
    // duplicate analysis scheduled by the open above has been published before this one.
    const other = demoUri('open-once-sentinel');
    await client.openAndWait(other, DEMO_TEXT);
    await client.changeAndWait(other, DEMO_TEXT.replace(DOORBELL, `wmb();\n\t${DOORBELL}`));
    assert.equal(client.published.filter((p) => p.uri === uri).length, 1);
  });

  test('didClose clears the diagnostics of the closed document', async () => {
    const uri = demoUri('close');
    assert.equal(codes(await client.openAndWait(uri, DEMO_TEXT)).length, 2);
    const since = client.mark();
    await client.close(uri);
    const cleared = await client.diagnostics(uri, { since });
    assert.deepEqual(cleared.diagnostics, []);
  });

  test('didChangeConfiguration with targetArch powerpc64 (pushed in the notification) changes the arches live', async () => {
    const uri = demoUri('config-push');
    await client.openAndWait(uri, DEMO_TEXT);
    let since = client.mark();
    await client.pushConfiguration({ targetArch: 'powerpc64' });
    const ppc = await client.diagnostics(uri, { since, where: onlyArches(['powerpc64']) });
    // On powerpc64 writel_relaxed is the fully ordered writel: only the WC flush is missing there.
    assert.deepEqual(codes(ppc), ['missing-wc-flush']);
    assert.match(messageOf(byCode(ppc, 'missing-wc-flush')), /\(powerpc64\)$/);
    assert.deepEqual((byCode(ppc, 'missing-wc-flush').data as { arches: string[] }).arches, ['powerpc64']);

    since = client.mark();
    await client.pushConfiguration({ targetArch: 'arm64' });
    const arm = await client.diagnostics(uri, { since, where: onlyArches(['arm64']) });
    assert.deepEqual(codes(arm), ['missing-wmb-before-doorbell']);
    assert.match(messageOf(arm.diagnostics[0]), /\(arm64\)$/);

    since = client.mark();
    await client.pushConfiguration({ targetArch: 'all' });
    assert.deepEqual(codes(await client.diagnostics(uri, { since, where: (p) => codes(p).length === 2 })), ['missing-wc-flush', 'missing-wmb-before-doorbell']);
  });
});

describe('diagnostics over LSP (pull settings with workspace/configuration)', () => {
  let client: LspClient;
  before(async () => { client = await LspClient.start({ pullConfiguration: true, settings: { targetArch: 'all' } }); });
  after(() => client.stop());

  test('on didChangeConfiguration the server asks workspace/configuration and re-publishes for the new targetArch', async () => {
    const uri = demoUri('config-pull');
    assert.deepEqual(codes(await client.openAndWait(uri, DEMO_TEXT)), ['missing-wc-flush', 'missing-wmb-before-doorbell']);
    const asked = client.configurationRequests;
    const since = client.mark();
    await client.signalConfigurationChanged({ targetArch: 'powerpc64' });
    const ppc = await client.diagnostics(uri, { since, where: onlyArches(['powerpc64']) });
    assert.ok(client.configurationRequests > asked, 'the server pulled the settings');
    assert.deepEqual(codes(ppc), ['missing-wc-flush']);
    assert.match(messageOf(ppc.diagnostics[0]), /\(powerpc64\)$/);
  });
});
