// Builds quick fixes as text edits: insert a barrier on its own line, or rename a call.
import type { FlowNode } from '../analysis/flow';
import type { Fix } from './findings';

export function insertLineBefore(file: string, node: FlowNode, text: string, lineText: (f: string, l: number) => string | undefined, title: string, preferred = false): Fix | undefined {
  const line = node.site.start.line;
  const current = lineText(file, line);
  if (current === undefined) return undefined;
  const indent = /^\s*/.exec(current)?.[0] ?? '';
  const at = { line, character: 0 };
  return { title, preferred, edits: [{ file, span: { start: at, end: at }, newText: `${indent}${text}\n` }] };
}

export function insertLineAfter(file: string, node: FlowNode, text: string, lineText: (f: string, l: number) => string | undefined, title: string, preferred = false): Fix | undefined {
  const line = node.site.end.line;
  const current = lineText(file, line);
  if (current === undefined) return undefined;
  const indent = /^\s*/.exec(current)?.[0] ?? '';
  const at = { line: line + 1, character: 0 };
  return { title, preferred, edits: [{ file, span: { start: at, end: at }, newText: `${indent}${text}\n` }] };
}

/** Replaces the called name at the start of the node's own span (only for events in the analysed function itself). */
export function renameCall(file: string, node: FlowNode, from: string, to: string, title: string, preferred = false): Fix | undefined {
  if (node.chain.length > 0) return undefined;
  const start = node.site.start;
  return { title, preferred, edits: [{ file, span: { start, end: { line: start.line, character: start.character + from.length } }, newText: to }] };
}
