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

/** Runtime imports between the modules of a tree (`import type` is erased and cannot cycle at load time). */
function runtimeGraph(dir: string): Map<string, string[]> {
  const files = tsFiles(join(REPO, dir));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const deps = [...text.matchAll(/^import\s+(?!type\b)[^'"]*?from\s+'(\.[^']+)'/gm)]
      .map((m) => join(f, '..', m[1])).flatMap((t) => [`${t}.ts`, join(t, 'index.ts')].filter((c) => known.has(c)).slice(0, 1));
    graph.set(f, deps);
  }
  return graph;
}

/** One cycle of the graph as a path of module names, if there is one (depth-first search). */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (v: string): string[] | undefined => {
    state.set(v, 'open');
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (state.get(w) === 'open') return [...stack.slice(stack.indexOf(w)), w];
      const found = state.has(w) ? undefined : visit(w);
      if (found) return found;
    }
    stack.pop();
    state.set(v, 'done');
    return undefined;
  };
  for (const v of graph.keys()) {
    const found = state.has(v) ? undefined : visit(v);
    if (found) return found.map((f) => relative(REPO, f));
  }
  return undefined;
}

test('the modules of src/ import one another without a cycle (a module is never read half-initialised)', () => {
  assert.deepEqual(findCycle(runtimeGraph('src')), undefined);
});
