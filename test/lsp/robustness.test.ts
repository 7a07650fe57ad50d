// Protocol tests: the server survives garbage (binary-ish text, a 5 MB file, unterminated comments and macros,
// non-UTF-8 content) and keeps serving other documents afterwards.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileUri, LspClient, type Published } from '../helpers/lsp-client';
import { FIVE_MB, generatedDriver } from '../helpers/generated';
import { FIXTURES } from '../helpers/project';

const DEMO = join(FIXTURES, 'demo', 'demo_nic.c');
const DEMO_TEXT = readFileSync(DEMO, 'utf8');
const BOTH = ['missing-wc-flush', 'missing-wmb-before-doorbell'];

function uri(name: string): string {
  return fileUri(join('/tmp/fabric-lens-garbage', name));
}

/** Only the two rules these tests look for (other rules may report on the demo too). */
function codes(p: Published): string[] {
  return p.diagnostics.map((d) => String(d.code)).filter((c) => BOTH.includes(c)).sort();
}

describe('the server survives bad input', () => {
  let client: LspClient;
  let probe = 0;
  before(async () => { client = await LspClient.start(); });
  after(() => client.stop());

  /** The server is up and still analyses a fresh document correctly. */
  async function stillServing(): Promise<void> {
    assert.ok(client.alive, `server exited; stderr: ${client.stderr}`);
    const p = await client.openAndWait(uri(`probe-${probe++}.c`), DEMO_TEXT);
    assert.deepEqual(codes(p), BOTH);
    assert.ok(!client.serverLog.some((m) => /uncaught|unhandled/.test(m)), `no uncaught errors: ${client.serverLog.join('\n')}`);
  }

  test('a binary-ish document (NUL bytes, control characters) gets empty diagnostics', async () => {
    let junk = '\u007fELF\u0002\u0001\u0001\u0000\u0000\u0000';
    for (let i = 0; i < 20000; i++) junk += String.fromCharCode((i * 7919) % 256);
    const p = await client.openAndWait(uri('firmware.bin.c'), junk);
    assert.deepEqual(p.diagnostics, []);
    await stillServing();
  });

  test('a 5 MB generated C file still gets its diagnostics (time reported)', async (t) => {
    const big = generatedDriver(FIVE_MB);
    const started = performance.now();
    const since = client.mark();
    await client.open(uri('big.c'), big.text);
    const published = await client.diagnostics(uri('big.c'), { since, version: 1, timeoutMs: 180_000 });
    const ms = performance.now() - started;
    t.diagnostic(`5 MB (${big.text.length} bytes, ${big.functions} functions) analysed through the server in ${Math.round(ms)} ms`);
    assert.equal(published.diagnostics.filter((d) => d.code === 'missing-wmb-before-doorbell').length, big.buggy);
    await client.close(uri('big.c'));
    await stillServing();
  });

  for (const [name, text] of [
    ['an unterminated comment', `${DEMO_TEXT}\n/* never closed\nstatic void tail(void) { writel_relaxed(1, 0); }\n`],
    ['an unterminated macro (backslash at end of file)', `${DEMO_TEXT}\n#define DEMO_RING(x) do { \\\n\twritel_relaxed((x), db); \\`],
    ['an #if without #endif', `#if defined(CONFIG_DEMO)\n${DEMO_TEXT}`],
    ['unbalanced braces', `${DEMO_TEXT.replace('static void demo_push', 'static void demo_push_broken(void) { {{ \nstatic void demo_push')}`],
    ['an empty document', ''],
  ] as const) {
    test(`${name}: diagnostics are published and the server keeps serving`, async () => {
      const p = await client.openAndWait(uri(`${name.replace(/\W+/g, '-')}.c`), text);
      assert.ok(Array.isArray(p.diagnostics));
      await stillServing();
    });
  }

  test('non-UTF-8-ish content (lone surrogates, U+FFFD, Latin-1, a BOM) still yields the demo findings', async () => {
    const text = `\ufeff// caf\u00e9 \ud800 \udfff \ufffd \u00ff\u00fe\n${DEMO_TEXT.replace('/* Bug: the pushed', '/* Bug \ud83d: the pushed')}`;
    const p = await client.openAndWait(uri('latin1.c'), text);
    assert.deepEqual(codes(p), BOTH);
    await stillServing();
  });

  test('invalid UTF-8 bytes inside the JSON of a didOpen do not break the connection', async () => {
    const u = uri('raw-bytes.c');
    const head = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: u, languageId: 'c', version: 1, text: 'RAW' } } }));
    const at = head.indexOf('RAW');
    const body = Buffer.concat([head.subarray(0, at), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('\\n'), Buffer.from(DEMO_TEXT.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\t/g, '\\t').replace(/\n/g, '\\n')), head.subarray(at + 3)]);
    const since = client.mark();
    await client.sendRawMessage(body);
    const p = await client.diagnostics(u, { since, version: 1 });
    assert.deepEqual(codes(p), BOTH);
    await stillServing();
  });

  test('a message that is not JSON at all is dropped and the connection keeps working', async () => {
    await client.sendRawMessage(Buffer.from('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{ \u0000 this is not json'));
    await stillServing();
  });

  test('CRLF line endings: the findings land on the same lines as with LF', async () => {
    const p = await client.openAndWait(uri('crlf.c'), DEMO_TEXT.replace(/\n/g, '\r\n'));
    const lf = await client.openAndWait(uri('lf.c'), DEMO_TEXT);
    assert.deepEqual(p.diagnostics.map((d) => [d.code, d.range.start.line]).sort(), lf.diagnostics.map((d) => [d.code, d.range.start.line]).sort());
  });

  test('requests about a document that was never opened get empty answers', async () => {
    assert.equal(await client.hover(uri('never-opened.c'), { line: 0, character: 0 }), null);
    assert.deepEqual(await client.codeActions(uri('never-opened.c'), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []), []);
    await stillServing();
  });
});
