// The README's quick start shows the real output of `npx fabric-lens check test-fixtures/demo` (Done-when of issue 2).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli';
import { REPO } from '../helpers/project';

test('README quick-start output is exactly what `fabric-lens check test-fixtures/demo` prints, with both first rules in it', async () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  assert.match(readme, /npm ci && npx fabric-lens check test-fixtures\/demo/);
  assert.match(readme, /^npm test$/m);
  const m = /npx fabric-lens check test-fixtures\/demo\n```\n[\s\S]*?```text\n([\s\S]*?)\n```/.exec(readme);
  assert.ok(m, 'README has a ```text block with the output right after the quick-start command');
  const r = await runCli(['check', 'test-fixtures/demo'], { entry: 'bin/fabric-lens.js' });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(m[1], r.stdout.trimEnd(), 'README.md shows stale output: paste the output of `node bin/fabric-lens.js check test-fixtures/demo`');
  assert.match(m[1], /\[missing-wmb-before-doorbell\]/);
  assert.match(m[1], /\[missing-wc-flush\]/);
});

test('README keeps the sections others fill: Benchmarks and Results on Linux 6.1 drivers/', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  assert.match(readme, /^## Benchmarks$/m);
  assert.match(readme, /^## Results on Linux 6\.1 drivers\/$/m);
});
