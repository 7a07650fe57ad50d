// `check` on two threads: a check worker with its own copy of the index takes chunks of the files beside the main
// thread. Its findings must be the one thread's, in the same order; a worker that fails leaves its files to the main
// thread; the chunks cover the files once; two threads only where their memory fits.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { chunkRanges, claims } from '../../src/cli/check-chunks';
import { CheckThreads, checkThreadCount } from '../../src/cli/check-threads';
import { CheckSession, checkFiles } from '../../src/engine/check';
import { parseReport, runCli } from '../helpers/cli';
import { FIXTURES, newProject } from '../helpers/project';

const INPUTS = ['test-fixtures/projects', 'test-fixtures/rules', 'test-fixtures/demo'];
const GB = 1024 ** 3;

describe('checking on two threads', () => {
  test('--jobs 2 reports what --jobs 1 reports, byte for byte, and the check worker checked a share of the files', async () => {
    const one = await runCli(['check', '--format', 'json', '--fail-on', 'never', '--jobs', '1', ...INPUTS]);
    const two = await runCli(['check', '--format', 'json', '--fail-on', 'never', '--jobs', '2', ...INPUTS], { env: { FABRIC_LENS_CHECK_FIXED: '1', FABRIC_LENS_TIMING: '1' } });
    assert.equal(one.code, 0, one.stderr);
    assert.equal(two.code, 0, two.stderr);
    assert.ok(parseReport(one).diagnostics.length > 100, 'the fixtures have findings to compare');
    assert.equal(two.stdout, one.stdout);
    const share = /check thread 1: (\d+) of (\d+) chunks/.exec(two.stderr);
    assert.ok(share, two.stderr);
    assert.ok(Number(share[1]) > 0 && Number(share[1]) < Number(share[2]), share[0]);
  });

  test('a check worker that cannot start leaves its chunks to the main thread, which says so', async () => {
    const project = await newProject();
    const paths = cFiles(join(FIXTURES, 'rules'));
    for (const p of paths) project.setFile(p, readFileSync(p, 'utf8'));
    const expected = checkFiles(project.index, paths);
    const threads = new CheckThreads(1, { wasmDir: join(FIXTURES, 'no-such-dir'), options: {} }, true);
    const notes: string[] = [];
    const session = new CheckSession(project.index, paths);
    const parts = await threads.run(session, paths.map((_, i) => i), undefined, (n) => notes.push(n));
    assert.deepEqual(session.finish(parts), expected);
    assert.ok(expected.length > 0);
    assert.match(notes.join('\n'), /a check thread failed .*; the main thread checked its files/);
  });
});

describe('how the threads share the files', () => {
  const paths = [
    ...Array.from({ length: 6 }, (_, i) => `d/a/f${i}.c`), ...Array.from({ length: 3 }, (_, i) => `d/b/f${i}.c`),
    ...Array.from({ length: 70 }, (_, i) => `d/c/f${i}.c`),
  ];

  test('chunks cover the files once, in order, closing at a directory change only once they hold four files, and at 32', () => {
    const chunks = chunkRanges(paths);
    assert.deepEqual(chunks.flatMap(([a, b]) => paths.slice(a, b)), paths);
    assert.deepEqual(chunks.slice(0, 2), [[0, 6], [6, 38]], 'd/a closes at the change to d/b; d/b (3 files) runs on into d/c');
    assert.ok(chunks.every(([a, b]) => b - a <= 32));
  });

  test('two threads claiming in turn take every chunk once, the first from the front and the second from the back', () => {
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const front = claims(counter, 10, 0, 2, false);
    const back = claims(counter, 10, 1, 2, false);
    const taken: number[][] = [[], []];
    for (let turn = 0; turn < 12; turn++) {
      const next = (turn % 3 === 2 ? back : front).next();
      if (!next.done) taken[turn % 3 === 2 ? 1 : 0].push(next.value);
    }
    for (let n = back.next(); !n.done; n = back.next()) taken[1].push(n.value);
    assert.deepEqual(taken[0], [0, 1, 2, 3, 4, 5, 6]);
    assert.deepEqual(taken[1], [9, 8, 7]);
  });

  test('two check threads only with two index workers and where the expected memory fits in half the machine', () => {
    assert.equal(checkThreadCount(1, 67e6, 23 * GB), 1);
    assert.equal(checkThreadCount(2, 67e6, 23 * GB), 2, 'drivers/net/ethernet on this machine');
    assert.equal(checkThreadCount(8, 67e6, 23 * GB), 2, 'never more than two');
    assert.equal(checkThreadCount(2, 902e6, 23 * GB), 1, 'all of drivers/');
    assert.equal(checkThreadCount(2, 67e6, 8 * GB), 1, 'drivers/net/ethernet on an 8 GB machine');
  });
});

function cFiles(dir: string): string[] {
  return readdirSync(dir).map((n) => join(dir, n)).filter((p) => statSync(p).isFile() && /\.[ch]$/.test(p)).sort();
}
