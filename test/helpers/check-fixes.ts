// "Tests are data" for quick fixes: a fixture line `code; // fix: fixed code;` says what the line reads after the
// preferred fix of the rule the fixture is named after is applied; a line the rule reports without `fix:` must be
// offered none. Applying all the fixes must leave the rule nothing to report on those lines.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Finding, TextEdit } from '../../src/engine/findings';
import { newProject } from './project';

const FIX = /\/\/\s*fix:\s*(.+?)\s*$/;

/** The code of a line without its trailing `//` comment, trimmed. */
function code(line: string): string {
  return line.replace(/\s*\/\/.*$/, '').trim();
}

/** Applies edits that each lie on one line (the fixes checked here), from the last to the first. */
function apply(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const sorted = [...edits].sort((a, b) => b.span.start.line - a.span.start.line || b.span.start.character - a.span.start.character);
  for (const e of sorted) {
    assert.equal(e.span.start.line, e.span.end.line, 'a one-line edit');
    const l = lines[e.span.start.line];
    lines[e.span.start.line] = l.slice(0, e.span.start.character) + e.newText + l.slice(e.span.end.character);
  }
  return lines.join('\n');
}

async function findingsOf(file: string, text: string, rule: string): Promise<Finding[]> {
  const project = await newProject();
  project.setFile(file, text);
  const lines = text.split('\n');
  return project.check([file], { lineText: (_f, l) => lines[l] }).filter((f) => f.rule === rule);
}

export async function checkFixes(file: string): Promise<void> {
  const rule = basename(file).replace(/\.c$/, '');
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const findings = await findingsOf(file, text, rule);
  const preferred = (f: Finding) => f.fixes.find((x) => x.preferred);
  const actual = findings.map((f) => {
    const fix = preferred(f);
    const fixed = fix ? code(apply(text, fix.edits).split('\n')[f.span.start.line]) : '(no fix)';
    return `${f.span.start.line + 1}: ${fixed}`;
  }).sort();
  const expected = findings.map((f) => `${f.span.start.line + 1}: ${FIX.exec(lines[f.span.start.line])?.[1] ?? '(no fix)'}`).sort();
  assert.deepEqual(actual, expected, `preferred fixes differ from the fix: comments in ${basename(file)}`);
  const written = lines.flatMap((l, i) => (FIX.test(l) ? [i] : []));
  const missing = written.filter((i) => !findings.some((f) => f.span.start.line === i)).map((i) => i + 1);
  assert.deepEqual(missing, [], 'every line with a fix: comment is reported');
  const fixedText = apply(text, findings.flatMap((f) => preferred(f)?.edits ?? []));
  const left = (await findingsOf(file, fixedText, rule)).map((f) => f.span.start.line).filter((l) => written.includes(l)).map((l) => l + 1);
  assert.deepEqual(left, [], `${rule} still reports fixed lines`);
}
