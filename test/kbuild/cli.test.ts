// `fabric-lens check` inside a (fake) Linux tree keeps only the architectures Kbuild builds each file for; --no-kbuild keeps all.
// The expectations are written on the C lines: "no-kbuild: rule (arches)" and "kbuild: rule (arches)" (absent: dropped).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { parseReport, runCli } from '../helpers/cli';
import { FIXTURES, newProject, REPO } from '../helpers/project';

const TREE = join(FIXTURES, 'kbuild', 'linux');
const ETHERNET = join(TREE, 'drivers', 'net', 'ethernet');

function cFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => (statSync(join(dir, n)).isDirectory() ? cFiles(join(dir, n)) : /\.[ch]$/.test(n) ? [join(dir, n)] : []));
}

/** "file:line rule (arches)" for each written expectation of a mode. */
function written(mode: 'kbuild' | 'no-kbuild'): string[] {
  return cFiles(TREE).flatMap((f) => readFileSync(f, 'utf8').split('\n').flatMap((line, i) =>
    [...line.matchAll(/(?<![\w-])(no-kbuild|kbuild):\s*([a-z0-9-]+)\s*\(([^)]*)\)/g)]
      .filter((m) => m[1] === mode)
      .map((m) => `${relative(TREE, f)}:${i + 1} ${m[2]} (${m[3]})`))).sort();
}

async function reported(args: string[]): Promise<string[]> {
  const r = await runCli(['check', '--format', 'json', '--fail-on', 'never', ...args]);
  assert.equal(r.code, 0, r.stderr);
  return parseReport(r).diagnostics.map((d) => `${relative(TREE, d.file)}:${d.range.start.line + 1} ${d.rule} (${d.arches.join(', ')})`).sort();
}

describe('fabric-lens check in a Linux tree', () => {
  test('findings keep only the architectures Kconfig and the Makefiles build their file for', async () => {
    assert.deepEqual(await reported([TREE]), written('kbuild'));
  });

  test('--no-kbuild reports every architecture the rules find', async () => {
    assert.deepEqual(await reported(['--no-kbuild', TREE]), written('no-kbuild'));
  });

  test('one file given on its own is placed in its tree the same way', async () => {
    const sun3 = join(ETHERNET, 'sun3vend', 'sun3nic.c');
    const x86 = join(ETHERNET, 'x86vend', 'x86nic.c');
    assert.deepEqual(await reported([sun3]), []);
    assert.deepEqual((await reported([x86])).map((l) => l.replace(/^.*? /, '')), ['missing-dma-wmb-before-ownership (x86_64)', 'missing-wmb-before-doorbell (x86_64)']);
  });

  test('files outside a Linux tree are not restricted', async () => {
    const demo = join(FIXTURES, 'demo');
    assert.deepEqual(await reported([demo]), await reported(['--no-kbuild', demo]));
  });

  test('the usage texts name --no-kbuild', async () => {
    const help = await runCli(['--help']);
    assert.match(help.stdout, /--no-kbuild/);
    const bad = await runCli(['check', '--frobnicate', TREE]);
    assert.match(bad.stderr, /\[--no-kbuild\]/);
    assert.match(readFileSync(join(REPO, 'README.md'), 'utf8'), /--no-kbuild/);
  });
});

describe('CheckOptions.buildArches', () => {
  const source = readFileSync(join(ETHERNET, 'x86vend', 'x86nic.c'), 'utf8');
  for (const [label, built, arches] of [
    ['undefined keeps every architecture', undefined, [['x86_64', 'arm64', 'powerpc64', 'riscv64'], ['x86_64', 'arm64', 'riscv64']]],
    ['powerpc64 only drops the doorbell finding (not on powerpc64)', ['powerpc64'], [['powerpc64']]],
    ['none drops every finding', [], []],
  ] as const) {
    test(label, async () => {
      const project = await newProject();
      project.setFile('nic.c', source);
      const findings = project.check(['nic.c'], { buildArches: () => built });
      assert.deepEqual([...findings].sort((a, b) => a.span.start.line - b.span.start.line).map((f) => f.arches), arches);
    });
  }
});
