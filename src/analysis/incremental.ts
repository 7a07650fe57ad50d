// Incremental re-analysis of an edited document: the edit between two texts as tree-sitter wants it, and the parse
// that reuses the old tree, so a keystroke re-parses only what changed.
import type { Edit, Parser, Point, Tree } from 'web-tree-sitter';

function pointAt(text: string, index: number): Point {
  let row = 0;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) { row++; last = i; }
  return { row, column: index - last - 1 };
}

const CHUNK = 256;

/** The single edit turning `before` into `after`: common prefix and suffix kept, the middle replaced. */
export function editBetween(before: string, after: string): Edit | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  let start = 0;
  // Whole chunks first (a string comparison is a memory compare), then characters.
  while (start + CHUNK <= max && before.slice(start, start + CHUNK) === after.slice(start, start + CHUNK)) start += CHUNK;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endOld = before.length;
  let endNew = after.length;
  while (endOld - CHUNK >= start && endNew - CHUNK >= start && before.slice(endOld - CHUNK, endOld) === after.slice(endNew - CHUNK, endNew)) { endOld -= CHUNK; endNew -= CHUNK; }
  while (endOld > start && endNew > start && before.charCodeAt(endOld - 1) === after.charCodeAt(endNew - 1)) { endOld--; endNew--; }
  return {
    startIndex: start, oldEndIndex: endOld, newEndIndex: endNew,
    startPosition: pointAt(before, start), oldEndPosition: pointAt(before, endOld), newEndPosition: pointAt(after, endNew),
  };
}

/** Parses `text`, reusing `old` (the tree of `oldText`) when given; the old tree is consumed. */
export function reparse(parser: Parser, text: string, old?: { tree: Tree; text: string }): Tree | undefined {
  if (!old) return parser.parse(text) ?? undefined;
  const edit = editBetween(old.text, text);
  if (edit) old.tree.edit(edit);
  const tree = parser.parse(text, old.tree) ?? undefined;
  old.tree.delete();
  return tree;
}
