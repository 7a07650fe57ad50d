// "Tests are data": runs the engine on C fixtures whose expectations are written on the lines they concern:
//   writel_relaxed(v, db);   // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
// Several expectations on one line are separated by ';'. Lines without `expect:` must stay clean for the rules the
// fixture is about: those its expectations name, or those listed in a `fixture-rules: a, b` comment (`all` for every
// rule); a fixture with no expectations at all must be clean for every rule.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import assert from 'node:assert/strict';
import type { Arch } from '../../src/engine/arch';
import type { Finding } from '../../src/engine/findings';
import { newProject } from './project';

export interface Expectation { file: string; line: number; rule: string; arches: string[] }

const EXPECT = /expect:\s*(.+?)\s*(?:\*\/)?\s*$/;

export function expectationsIn(file: string, text: string): Expectation[] {
  const out: Expectation[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = EXPECT.exec(line);
    if (!m) return;
    for (const part of m[1].split(';').map((p) => p.trim()).filter(Boolean)) {
      const pm = /^([a-z0-9-]+)\s*(?:\(([^)]*)\))?$/.exec(part);
      if (!pm) throw new Error(`${file}:${i + 1}: cannot read expectation '${part}'`);
      out.push({ file, line: i + 1, rule: pm[1], arches: (pm[2] ?? '').split(',').map((a) => a.trim()).filter(Boolean).sort() });
    }
  });
  return out;
}

/** Rules named by a `fixture-rules: a, b` comment, 'all', or undefined without such a comment. */
function declaredRules(texts: string[]): string[] | 'all' | undefined {
  for (const t of texts) {
    const m = /fixture-rules:\s*([a-z0-9, -]+)/.exec(t);
    if (m) return m[1].trim() === 'all' ? 'all' : m[1].split(',').map((s) => s.trim()).filter(Boolean);
  }
  return undefined;
}

function cFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((n) => cFiles(join(path, n))).filter((f) => /\.(c|h)$/.test(f));
}

function render(e: Expectation, root: string): string {
  return `${relative(root, e.file)}:${e.line}: ${e.rule} (${e.arches.join(', ')})`;
}

/** Analyses a fixture file (or a directory, all files together) and compares findings with the written expectations. */
/** `reversed`: the files are indexed and checked in reverse order (answers must not depend on the order asked). */
export async function checkFixture(path: string, options: { arches?: Arch[]; rules?: string[]; reversed?: boolean } = {}): Promise<Finding[]> {
  const project = await newProject();
  const files = options.reversed ? cFiles(path).reverse() : cFiles(path);
  const texts = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
  for (const [f, t] of texts) project.setFile(f, t);
  const findings = project.check(files, { arches: options.arches, lineText: (f, l) => texts.get(f)?.split(/\r?\n/)[l] });
  const written = files.flatMap((f) => expectationsIn(f, texts.get(f)!));
  const declared = declaredRules([...texts.values()]);
  const rules = options.rules ?? (declared === 'all' ? undefined : declared) ?? (written.length ? [...new Set(written.map((e) => e.rule))] : undefined);
  const relevant = findings.filter((f) => !rules || rules.includes(f.rule));
  const root = statSync(path).isDirectory() ? path : join(path, '..');
  const actual = relevant.map((f) => render({ file: f.file, line: f.span.start.line + 1, rule: f.rule, arches: [...f.arches].sort() }, root)).sort();
  const expected = written.filter((e) => !rules || rules.includes(e.rule)).map((e) => render(e, root)).sort();
  assert.deepEqual(actual, expected, `findings differ from the expectations written in ${relative(root, path) || path}${options.reversed ? ' (files in reverse order)' : ''}`);
  return findings;
}
