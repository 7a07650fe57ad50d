// Bundles client, server, CLI, benchmark and tests with esbuild; copies the tree-sitter wasm files beside the bundles.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, statSync, rmSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const treeSitterDir = dirname(require.resolve('web-tree-sitter'));
const grammarWasm = join(dirname(require.resolve('tree-sitter-c/package.json')), 'tree-sitter-c.wasm');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  alias: { 'web-tree-sitter': join(treeSitterDir, 'tree-sitter.cjs') },
};

function testEntries(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...testEntries(full));
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

mkdirSync(join(root, 'dist'), { recursive: true });
for (const wasm of [join(treeSitterDir, 'tree-sitter.wasm'), grammarWasm]) {
  copyFileSync(wasm, join(root, 'dist', wasm.endsWith('tree-sitter-c.wasm') ? 'tree-sitter-c.wasm' : 'tree-sitter.wasm'));
}

await Promise.all([
  esbuild.build({ ...common, entryPoints: { client: 'client/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: { server: 'server/main.ts', cli: 'src/cli/main.ts', bench: 'src/bench/main.ts', 'bench-editor': 'src/bench/editor.ts', 'index-worker': 'src/cli/index-worker.ts', 'check-worker': 'src/cli/check-worker.ts' }, outdir: 'dist' }),
]);

rmSync(join(root, 'build', 'test'), { recursive: true, force: true });
const tests = testEntries(join(root, 'test'));
if (tests.length > 0) {
  await esbuild.build({ ...common, entryPoints: tests, outdir: join(root, 'build', 'test'), outbase: join(root, 'test'), external: ['vscode', 'playwright-core'] });
}
console.log(`built dist/ and ${tests.length} test bundle(s) in ${relative(process.cwd(), join(root, 'build', 'test')) || '.'}`);
