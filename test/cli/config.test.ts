// Per-rule settings from --rule and from a .fabric-lens.json at the project root (or --config), and their errors.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, type JsonReport } from '../helpers/cli';
import { FIXTURES } from '../helpers/project';

const DEMO = join(FIXTURES, 'demo');

function rules(r: { stdout: string }): string[] {
  return (JSON.parse(r.stdout) as JsonReport).diagnostics.map((d) => `${d.rule}:${d.severity}`);
}

function tempProject(config?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'fabric-lens-config-'));
  cpSync(DEMO, join(dir, 'demo'), { recursive: true });
  if (config !== undefined) writeFileSync(join(dir, '.fabric-lens.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

test('--rule ID=off turns a rule off and --rule ID=error raises it, failing the default --fail-on error', async () => {
  const base = rules(await runCli(['check', '--format', 'json', DEMO]));
  assert.ok(base.includes('missing-wmb-before-doorbell:warning'));
  const off = await runCli(['check', '--format', 'json', '--rule', 'missing-wmb-before-doorbell=off', DEMO]);
  assert.ok(!rules(off).some((r) => r.startsWith('missing-wmb-before-doorbell')));
  assert.equal(rules(off).length, base.length - 1);
  const err = await runCli(['check', '--format', 'json', '--rule=missing-wmb-before-doorbell=error', DEMO]);
  assert.ok(rules(err).includes('missing-wmb-before-doorbell:error'));
  assert.equal(err.code, 1);
});

test('a .fabric-lens.json above the analysed path sets rules and architectures; command-line flags win', async () => {
  const dir = tempProject({ arch: 'powerpc64', rules: { 'mapping-unsupported-on-arch': 'off', 'missing-wc-flush': { severity: 'error' } } });
  try {
    const r = await runCli(['check', '--format', 'json', join(dir, 'demo')]);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.ok(report.diagnostics.length > 0);
    assert.ok(report.diagnostics.every((d) => d.arches.length === 1 && d.arches[0] === 'powerpc64'));
    assert.ok(!report.diagnostics.some((d) => d.rule === 'mapping-unsupported-on-arch'));
    assert.ok(report.diagnostics.some((d) => d.rule === 'missing-wc-flush' && d.severity === 'error'));
    const flags = await runCli(['check', '--format', 'json', '--arch', 'all', '--rule', 'missing-wc-flush=off', join(dir, 'demo')]);
    const all = JSON.parse(flags.stdout) as JsonReport;
    assert.ok(all.diagnostics.some((d) => d.arches.includes('arm64')));
    assert.ok(!all.diagnostics.some((d) => d.rule === 'missing-wc-flush'));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a malformed config, an unknown rule id and a bad severity exit 2 naming what is wrong', async () => {
  const cases: [unknown, RegExp][] = [
    ['{ "rules": ', /not valid JSON/],
    [{ rules: { 'no-such-rule': 'off' } }, /rules\.no-such-rule: unknown rule id/],
    [{ rules: { 'wc-read': 'loud' } }, /rules\.wc-read: expected "off", "on" or a severity/],
    [{ arch: 'vax' }, /arch: expected/],
  ];
  for (const [config, message] of cases) {
    const dir = tempProject(config);
    try {
      const r = await runCli(['check', join(dir, 'demo')]);
      assert.equal(r.code, 2, `exit code for ${JSON.stringify(config)}`);
      assert.match(r.stderr, message);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  }
  const bad = await runCli(['check', '--rule', 'nonsense=off', DEMO]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown rule id 'nonsense'/);
});
