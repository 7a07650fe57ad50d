// The layering docs/architecture.md promises: the analysis and the engine import no editor, protocol or file-system
// module (front ends do I/O), and only server/lsp-convert.ts builds LSP diagnostics.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { REPO } from './helpers/project';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const full = join(dir, n);
    return statSync(full).isDirectory() ? tsFiles(full) : n.endsWith('.ts') ? [full] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

const FORBIDDEN = /^(vscode|vscode-languageserver.*|vscode-languageclient.*|vscode-jsonrpc.*|(node:)?fs(\/promises)?)$/;

test('src/analysis and src/engine import no vscode, no vscode-languageserver* and no fs', () => {
  const offenders = ['src/analysis', 'src/engine'].flatMap((d) => tsFiles(join(REPO, d)))
    .flatMap((f) => imports(f).filter((i) => FORBIDDEN.test(i)).map((i) => `${relative(REPO, f)} imports ${i}`));
  assert.deepEqual(offenders, []);
});

test('only server/lsp-convert.ts turns findings into LSP diagnostics', () => {
  const builders = tsFiles(join(REPO, 'server'))
    .filter((f) => /DiagnosticSeverity\.|relatedInformation\s*:/.test(readFileSync(f, 'utf8')))
    .map((f) => relative(REPO, f));
  assert.deepEqual(builders, ['server/lsp-convert.ts']);
});
