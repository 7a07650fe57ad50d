// What `fabric-lens check` reads: directory walks (.c and .h only, analysed together so helpers and struct members
// defined in one file are known in the others) and bad input (binary, empty, 5 MB, unterminated, non-UTF-8 bytes).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseReport, runCli, tempDir } from '../helpers/cli';
import { FIVE_MB, generatedDriver } from '../helpers/generated';
import { expectationsIn } from '../helpers/check-fixture';
import { FIXTURES } from '../helpers/project';

const PROJECT = 'test-fixtures/projects/split-driver';
const DEMO_TEXT = readFileSync(join(FIXTURES, 'demo', 'demo_nic.c'), 'utf8');
/** The two first rules; other rules have their own fixtures (and may add expectations to these files). */
const FIRST_RULES = ['missing-wc-flush', 'missing-wmb-before-doorbell'];
/** What the demo's `// expect:` comments say, as `line:rule` (1-based). */
const DEMO_FINDINGS = expectationsIn('demo_nic.c', DEMO_TEXT).filter((e) => FIRST_RULES.includes(e.rule)).map((e) => `${e.line}:${e.rule}`).sort();
const PROJECT_FINDINGS = ['nic.h', 'nic_main.c', 'nic_tx.c']
  .flatMap((f) => expectationsIn(f, readFileSync(join(FIXTURES, 'projects', 'split-driver', f), 'utf8')).filter((e) => FIRST_RULES.includes(e.rule)).map((e) => `${f}:${e.line}:${e.rule}`)).sort();

function findings(stdout: string): string[] {
  return parseReport({ stdout, stderr: '', code: 0, signal: null, ms: 0 }).diagnostics
    .filter((d) => FIRST_RULES.includes(d.rule)).map((d) => `${d.range.start.line + 1}:${d.rule}`).sort();
}

describe('directory walks and cross-file provenance', () => {
  test('a directory is analysed as one project: the doorbell helper and the WC mapping in nic_main.c are known in nic_tx.c', async () => {
    const r = await runCli(['check', '--format', 'json', PROJECT]);
    assert.equal(r.code, 0, r.stderr);
    const report = parseReport(r);
    assert.equal(report.files, 3);
    assert.deepEqual(report.diagnostics.filter((d) => FIRST_RULES.includes(d.rule)).map((d) => `${d.file.slice(PROJECT.length + 1)}:${d.range.start.line + 1}:${d.rule}`).sort(), PROJECT_FINDINGS);
    assert.ok(PROJECT_FINDINGS.some((f) => f.startsWith('nic_tx.c:')), 'the fixture expects findings in nic_tx.c');
  });

  test('the same file alone knows nothing of the mappings made in the other file: no findings', async () => {
    const r = await runCli(['check', '--format', 'json', `${PROJECT}/nic_tx.c`]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(parseReport(r).diagnostics.filter((d) => FIRST_RULES.includes(d.rule)), []);
  });

  test('files given one by one are analysed together like a directory', async () => {
    const r = await runCli(['check', '--format', 'json', `${PROJECT}/nic_tx.c`, `${PROJECT}/nic_main.c`, `${PROJECT}/nic.h`]);
    assert.equal(parseReport(r).files, 3);
    assert.equal(parseReport(r).diagnostics.filter((d) => FIRST_RULES.includes(d.rule)).length, PROJECT_FINDINGS.length);
  });

  test('the walk takes .c and .h files only and skips hidden directories and node_modules', async () => {
    const { dir, cleanup } = tempDir();
    try {
      cpSync(join(FIXTURES, 'projects', 'split-driver'), join(dir, 'drv'), { recursive: true });
      writeFileSync(join(dir, 'drv', 'notes.txt'), 'writel_relaxed(1, db);\n');
      writeFileSync(join(dir, 'drv', 'Makefile'), 'obj-m += nic.o\n');
      for (const hidden of ['.git', 'node_modules']) {
        mkdirSync(join(dir, 'drv', hidden));
        writeFileSync(join(dir, 'drv', hidden, 'demo_nic.c'), DEMO_TEXT);
      }
      const r = await runCli(['check', '--format', 'json', 'drv'], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(parseReport(r).files, 3);
      const files = parseReport(r).diagnostics.filter((d) => FIRST_RULES.includes(d.rule)).map((d) => d.file);
      assert.equal(files.length, PROJECT_FINDINGS.length);
      assert.ok(files.every((f) => /^drv\/nic[\w.]*$/.test(f)), `only the driver's own files: ${files}`);
    } finally {
      cleanup();
    }
  });
});

describe('bad input finishes with the right exit code', () => {
  let dir: string;
  let cleanup: () => void;
  before(() => { ({ dir, cleanup } = tempDir()); });
  after(() => cleanup());

  function write(name: string, content: string | Buffer): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }

  test('a binary file is skipped with a note on stderr; the other files are still checked (exit 0)', async () => {
    const blob = Buffer.alloc(4096);
    for (let i = 0; i < blob.length; i++) blob[i] = (i * 131) % 256;
    const bin = write('firmware.c', Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\0'), blob]));
    const demo = write('demo_nic.c', DEMO_TEXT);
    const r = await runCli(['check', '--format', 'json', bin, demo]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /note: .*firmware\.c: skipped, binary file/);
    assert.equal(parseReport(r).files, 1);
    assert.deepEqual(findings(r.stdout), DEMO_FINDINGS);
  });

  test('an empty file is fine: no findings, exit 0', async () => {
    const r = await runCli(['check', '--format', 'json', '--fail-on', 'hint', write('empty.c', '')]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(parseReport(r).diagnostics, []);
  });

  test('a 5 MB generated file: every buggy transmit function is reported, exit 1 with --fail-on warning (time reported)', async (t) => {
    const big = generatedDriver(FIVE_MB);
    const own = tempDir();
    t.after(own.cleanup);
    const path = join(own.dir, 'big.c');
    writeFileSync(path, big.text);
    const r = await runCli(['check', '--format', 'json', '--fail-on', 'warning', path], { timeoutMs: 300_000 });
    t.diagnostic(`5 MB (${big.text.length} bytes, ${big.functions} functions) checked by the CLI in ${Math.round(r.ms)} ms`);
    assert.equal(r.code, 1, r.stderr);
    const report = parseReport(r);
    const doorbells = report.diagnostics.filter((d) => d.rule === 'missing-wmb-before-doorbell');
    assert.equal(doorbells.length, big.buggy);
    assert.ok(doorbells.every((d) => /^gen_xmit_\d*[02468]$/.test(d.function)), 'only the functions without wmb()');
  });

  for (const [name, text] of [
    ['an unterminated comment', `${DEMO_TEXT}\n/* never closed\nstatic void tail(void) { writel_relaxed(1, 0); }\n`],
    ['an unterminated macro', `${DEMO_TEXT}\n#define DEMO_RING(x) do { \\\n\twritel_relaxed((x), db); \\`],
    ['an #if without #endif', `${DEMO_TEXT}\n#if defined(CONFIG_DEMO)\nstatic int x;\n`],
  ] as const) {
    test(`${name} at the end: the findings before it are still reported (exit 0)`, async () => {
      const r = await runCli(['check', '--format', 'json', write(`${name.replace(/\W+/g, '-')}.c`, text)]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(findings(r.stdout), DEMO_FINDINGS);
    });
  }

  test('non-UTF-8 bytes (Latin-1, invalid sequences) in comments and strings: same findings on the same lines', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('// Copyright (c) 2024 Fran'), Buffer.from([0xe7]), Buffer.from('ois M'), Buffer.from([0xfc, 0xff, 0xfe, 0xc3, 0x28]), Buffer.from('ller\n'),
      Buffer.from(DEMO_TEXT.split('\n').slice(1).join('\n').replace('/* Bug: the pushed', '/* Bug \u00e9\u00e9: the pushed'), 'latin1'),
    ]);
    const r = await runCli(['check', '--format', 'json', write('latin1.c', latin1)]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(findings(r.stdout), DEMO_FINDINGS);
  });

  test('CRLF line endings: same findings on the same lines', async () => {
    const r = await runCli(['check', '--format', 'json', write('crlf.c', DEMO_TEXT.replace(/\n/g, '\r\n'))]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(findings(r.stdout), DEMO_FINDINGS);
  });

  test('a directory holding all of the above still finishes: exit 0 without --fail-on, binaries noted', async () => {
    const r = await runCli(['check', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /skipped, binary file/);
    assert.ok(!/internal error/.test(r.stderr));
  });
});
