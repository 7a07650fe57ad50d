// Packaging: the `vsce package` step of `npm run package` (run here on the already built dist/) makes a .vsix offline
// that holds the bundles and both wasm files, and nothing from node_modules, src/ or test/ (.vscodeignore is an allowlist).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tempDir } from '../helpers/cli';
import { DIST, REPO } from '../helpers/project';
import { zipEntries, type ZipEntry } from '../helpers/zip';

const VSCE = join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');

/** The vsce arguments of `npm run package` (after its build step), with the output redirected to `out`. */
function packageArgs(out: string): string[] {
  const script = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.package;
  const m = /\bvsce (package\b.*)$/.exec(script);
  assert.ok(m, `npm run package runs vsce package: ${script}`);
  const args = m[1].trim().split(/\s+/);
  const o = args.indexOf('-o');
  assert.ok(o > 0, 'npm run package names its output with -o');
  args[o + 1] = out;
  assert.ok(args.includes('--no-dependencies'), 'packaging must not need the network or node_modules');
  return args;
}

function vscePackage(out: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VSCE, ...packageArgs(out)], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { output += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { output += s; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, output }); });
  });
}

describe('the .vsix', () => {
  let entries: ZipEntry[];
  let names: string[];
  let size: number;
  const tmp = tempDir('fabric-lens-vsix-');
  after(() => tmp.cleanup());

  before(async () => {
    const out = join(tmp.dir, 'fabric-lens.vsix');
    const r = await vscePackage(out);
    assert.equal(r.code, 0, `vsce package failed:\n${r.output}`);
    size = statSync(out).size;
    entries = zipEntries(out);
    names = entries.map((e) => e.name);
  });

  test('is packaged offline and holds the client, server and CLI bundles, both wasm files, package.json, README and LICENSE', (t) => {
    t.diagnostic(`.vsix: ${(size / 1024).toFixed(0)} KiB, ${names.length} entries`);
    for (const f of ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'dist/tree-sitter.wasm', 'dist/tree-sitter-c.wasm', 'package.json']) {
      assert.ok(names.includes(`extension/${f}`), `extension/${f} in ${names.join(', ')}`);
    }
    assert.ok(names.some((n) => /^extension\/readme\.md$/i.test(n)), 'README');
    assert.ok(names.some((n) => /^extension\/LICENSE(\.txt)?$/i.test(n)), 'LICENSE');
  });

  test('the wasm files in the .vsix are the ones the build put beside the bundles (same size)', () => {
    for (const wasm of ['tree-sitter.wasm', 'tree-sitter-c.wasm']) {
      const entry = entries.find((e) => e.name === `extension/dist/${wasm}`)!;
      assert.equal(entry.size, statSync(join(DIST, wasm)).size);
    }
  });

  test('holds no node_modules, no sources (src/, server/, client/, scripts/), no tests, no source maps, no TypeScript', () => {
    const bad = names.filter((n) => /^extension\/(node_modules|src|test|server|client|scripts|build|\.ci|\.git)\//.test(n) || /\.(ts|map)$/.test(n) || /\.vsix$/.test(n));
    assert.deepEqual(bad, []);
    assert.ok(!names.some((n) => n.startsWith('extension/test-fixtures/') && !n.startsWith('extension/test-fixtures/demo/')), 'only the demo driver (for the Open Demo command) among the fixtures');
  });

  test('what package.json points at is in the .vsix (main, walkthrough media)', () => {
    const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { main: string; contributes?: { walkthroughs?: { steps: { media?: { markdown?: string; image?: string } }[] }[] } };
    const wanted = [manifest.main, ...(manifest.contributes?.walkthroughs ?? []).flatMap((w) => w.steps.flatMap((s) => [s.media?.markdown, s.media?.image]))]
      .filter((p): p is string => typeof p === 'string').map((p) => `extension/${p.replace(/^\.\//, '')}`);
    assert.ok(wanted.length > 0);
    for (const w of wanted) assert.ok(names.includes(w), `${w} is referenced by package.json but not packaged`);
  });
});
