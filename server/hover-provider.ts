// Answers hover requests: finds the word under the cursor and asks the engine for its per-architecture text.
import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { hoverMarkdown } from '../src/engine/hover';
import type { Project } from '../src/engine/project';
import type { DocumentService } from './document-service';
import { linkCitations } from './citations';
import { uriToPath } from './paths';
import { archesOf } from './settings';

export function hoverAt(project: Project, service: DocumentService, params: HoverParams): Hover | null {
  const doc = service.documentText(params.textDocument.uri);
  if (!doc) return null;
  const line = doc.getText({ start: { line: params.position.line, character: 0 }, end: { line: params.position.line + 1, character: 0 } });
  const word = wordAt(line, params.position.character);
  if (!word) return null;
  const value = hoverMarkdown({ index: project.index, path: uriToPath(doc.uri), position: params.position, word: word.text, arches: archesOf(service.currentSettings()) });
  if (!value) return null;
  return { contents: { kind: 'markdown', value: linkCitations(value, service.currentSettings().sourceBrowser) }, range: { start: { line: params.position.line, character: word.start }, end: { line: params.position.line, character: word.end } } };
}

function wordAt(line: string, ch: number): { text: string; start: number; end: number } | undefined {
  const re = /[A-Za-z_][A-Za-z0-9_]*/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m.index <= ch && ch <= m.index + m[0].length) return { text: m[0], start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}
