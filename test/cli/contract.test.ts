// The `fabric-lens check` contract that tests outside this repository rely on: the JSON shape (0-based, as LSP),
// the text shape (1-based, as compilers print), exit codes and --arch, through both entry points.
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ENTRIES, parseReport, runCli, runScript, tempDir, type Entry } from '../helpers/cli';
import { expectationsIn } from '../helpers/check-fixture';
import { FIXTURES } from '../helpers/project';

const DEMO_DIR = 'test-fixtures/demo';
const DEMO_FILE = 'test-fixtures/demo/demo_nic.c';
const DEMO_EXPECT = expectationsIn(DEMO_FILE, readFileSync(join(FIXTURES, 'demo', 'demo_nic.c'), 'utf8'));
/** The two first rules (other rules may report on the demo too; their expectations are in its comments). */
const FIRST_RULES = ['missing-wc-flush', 'missing-wmb-before-doorbell'];
const ARCHES = ['x86_64', 'arm64', 'powerpc64', 'riscv64'];
const TEXT_LINE = /^(.+):(\d+):(\d+): (error|warning|information|hint): (.+) \[([a-z0-9-]+)\] \(([a-z0-9_]+(?:, [a-z0-9_]+)*)\)$/;

for (const entry of Object.keys(ENTRIES) as Entry[]) {
  describe(`fabric-lens check through ${entry}`, () => {
    test('--format json prints exactly {version, files, diagnostics[{file, range, rule, severity, arches, message, function}]} with 0-based positions', async () => {
      const r = await runCli(['check', '--format', 'json', DEMO_DIR], { entry });
      assert.equal(r.code, 0, r.stderr);
      const report = parseReport(r);
      assert.deepEqual(Object.keys(report).sort(), ['diagnostics', 'files', 'version']);
      assert.equal(report.version, 1);
      assert.equal(report.files, 1);
      for (const d of report.diagnostics) {
        assert.deepEqual(Object.keys(d).sort(), ['arches', 'file', 'function', 'message', 'range', 'rule', 'severity']);
        assert.deepEqual(Object.keys(d.range).sort(), ['end', 'start']);
        for (const p of [d.range.start, d.range.end]) {
          assert.deepEqual(Object.keys(p).sort(), ['character', 'line']);
          assert.ok(Number.isInteger(p.line) && p.line >= 0 && Number.isInteger(p.character) && p.character >= 0);
        }
        assert.equal(d.file, DEMO_FILE, 'file is relative to the directory as given on the command line');
        assert.ok(['error', 'warning', 'information', 'hint'].includes(d.severity));
        assert.ok(d.arches.length > 0 && d.arches.every((a) => ARCHES.includes(a)));
        assert.equal(typeof d.message, 'string');
        assert.ok(!/\((x86_64|arm64|powerpc64|riscv64)(, \w+)*\)$/.test(d.message), 'the arch list is a field, not appended to the JSON message');
      }
      // 0-based: the line of the `// expect:` comment (1-based) minus one, and the column of the call.
      assert.deepEqual(report.diagnostics.map((d) => `${d.range.start.line + 1}:${d.rule}:${[...d.arches].sort().join(',')}`).sort(),
        DEMO_EXPECT.map((e) => `${e.line}:${e.rule}:${e.arches.join(',')}`).sort());
      assert.deepEqual(report.diagnostics.filter((d) => FIRST_RULES.includes(d.rule)).map((d) => d.function).sort(), ['demo_push', 'demo_xmit']);
      const lines = readFileSync(join(FIXTURES, 'demo', 'demo_nic.c'), 'utf8').split('\n');
      for (const d of report.diagnostics.filter((x) => FIRST_RULES.includes(x.rule))) assert.equal(d.range.start.character, lines[d.range.start.line].search(/\S/), 'the range starts at the statement');
    });

    test('--format text prints file:line:col: severity: message [rule-id] (arch, arch), 1-based, matching the JSON', async () => {
      const [text, json] = await Promise.all([runCli(['check', DEMO_DIR], { entry }), runCli(['check', '--format', 'json', DEMO_DIR], { entry })]);
      assert.equal(text.code, 0, text.stderr);
      const lines = text.stdout.trimEnd().split('\n');
      const report = parseReport(json);
      assert.equal(lines.length, report.diagnostics.length);
      lines.forEach((l, i) => {
        const m = TEXT_LINE.exec(l);
        assert.ok(m, `not in the compiler format: ${l}`);
        const d = report.diagnostics[i];
        assert.deepEqual([m[1], Number(m[2]), Number(m[3]), m[4], m[5], m[6], m[7]],
          [d.file, d.range.start.line + 1, d.range.start.character + 1, d.severity, d.message, d.rule, d.arches.join(', ')]);
      });
    });
  });
}

describe('fabric-lens as npm runs it', () => {
  test('through a symlink named fabric-lens (node_modules/.bin, npx) the CLI runs and prints the findings', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const link = join(dir, 'fabric-lens');
      symlinkSync(ENTRIES['bin/fabric-lens.js'], link);
      const r = await runScript(link, ['check', '--format', 'json', '--fail-on', 'warning', DEMO_DIR]);
      assert.equal(r.code, 1, `exit code through the symlink; stderr: ${r.stderr}`);
      assert.equal(parseReport(r).diagnostics.length, DEMO_EXPECT.length);
    } finally {
      cleanup();
    }
  });
});

describe('fabric-lens check exit codes', () => {
  for (const [args, code, why] of [
    [['check', DEMO_DIR], 0, 'warnings only, default --fail-on error'],
    [['check', '--fail-on', 'warning', DEMO_DIR], 1, 'warnings with --fail-on warning'],
    [['check', '--fail-on=warning', DEMO_DIR], 1, 'the --opt=value form'],
    [['check', '--fail-on', 'information', DEMO_DIR], 1, 'warnings are above information'],
    [['check', '--fail-on', 'never', DEMO_DIR], 0, '--fail-on never'],
    [['check', '--fail-on', 'warning', 'test-fixtures/rules/uc-only-driver.c'], 0, 'a clean driver with --fail-on warning'],
  ] as const) {
    test(`exit ${code}: ${why}`, async () => {
      const r = await runCli([...args]);
      assert.equal(r.code, code, `stderr: ${r.stderr}`);
      assert.equal(r.stderr, '');
    });
  }

  for (const [args, message, why] of [
    [['check'], /no PATH given/, 'no PATH'],
    [['check', '--frobnicate', DEMO_DIR], /unknown option '--frobnicate'/, 'an unknown option'],
    [['check', '--arch', 'sparc', DEMO_DIR], /unknown architecture 'sparc'/, 'an unknown architecture'],
    [['check', '--format', 'xml', DEMO_DIR], /unknown format 'xml'/, 'an unknown format'],
    [['check', '--fail-on', 'sometimes', DEMO_DIR], /--fail-on/, 'an unknown --fail-on level'],
    [['check', '--arch'], /architecture/, 'an option without its value'],
    [['frobnicate'], /unknown command/, 'an unknown command'],
  ] as const) {
    test(`exit 2 with a message and usage on stderr, nothing on stdout: ${why}`, async () => {
      const r = await runCli([...args]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /usage: fabric-lens/);
      assert.equal(r.stdout, '');
    });
  }

  test('exit 2 on a missing path, with the message on stderr, while the other paths are still checked', async () => {
    const r = await runCli(['check', '--format', 'json', 'no/such/file.c', DEMO_DIR]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no\/such\/file\.c: no such file or directory/);
    assert.equal(parseReport(r).diagnostics.length, DEMO_EXPECT.length);
  });

  test('exit 2 on an unreadable file, with the message on stderr', async () => {
    // Root reads any mode-000 file, so use a file the kernel refuses to read for everyone.
    const r = await runCli(['check', '/proc/self/mem']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\/proc\/self\/mem: cannot read/);
  });

  test('--help prints the usage and exits 0', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /check \[--arch/);
  });
});

describe('fabric-lens check --arch', () => {
  for (const [arch, rules] of [
    ['powerpc64', ['missing-wc-flush']],
    ['arm64', ['missing-wmb-before-doorbell']],
    ['x86_64', ['missing-wc-flush', 'missing-wmb-before-doorbell']],
    ['riscv64', ['missing-wmb-before-doorbell']],
  ] as const) {
    test(`--arch ${arch} reports only findings that hold on ${arch}, with arches [${arch}]`, async () => {
      const r = await runCli(['check', '--format', 'json', '--arch', arch, DEMO_DIR]);
      assert.equal(r.code, 0, r.stderr);
      const report = parseReport(r);
      assert.deepEqual(report.diagnostics.map((d) => d.rule).filter((r) => FIRST_RULES.includes(r)).sort(), [...rules]);
      for (const d of report.diagnostics) assert.deepEqual(d.arches, [arch]);
    });
  }

  test('--arch all is the default', async () => {
    const [all, dflt] = await Promise.all([runCli(['check', '--format', 'json', '--arch', 'all', DEMO_DIR]), runCli(['check', '--format', 'json', DEMO_DIR])]);
    assert.deepEqual(parseReport(all), parseReport(dflt));
  });
});
