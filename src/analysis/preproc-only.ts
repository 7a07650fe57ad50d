// Fast path for files made of preprocessor lines and comments only (register headers: asic_reg/ is 373 MB of
// `#define mmREG 0x1234`): their plain object-like #define lines and `//` comment lines are read by text and emptied
// (the line stays, so every other line keeps its row and columns) so tree-sitter parses only what is left: its cost is
// per byte, blanks included. Exact: such a line yields no fact but the numeric define the tree walk would read from it,
// recorded here with its row; the rest of such a file holds no struct or function whose byte offsets could matter.

/** A numeric object-like #define read by text, with its 0-based line (for tree order). */
export interface ScannedDefine { row: number; name: string; value: string }

/** `#define NAME` or `#define NAME value` on one line: no comment, continuation, string or char literal in it. */
const PLAIN_DEFINE = /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_][A-Za-z0-9_]*)(?:[ \t]+([^/\\"'\r\n]*))?\r?$/;
const LINE_COMMENT = /^[ \t]*\/\/[^\\\r\n]*\r?$/;
const NUMERIC_DEFINE = /^\(?\s*(0x[0-9a-fA-F]+|\d+)[uUlL]*\s*\)?$/;

/** The value fabric facts keep for an object-like #define's (trimmed) text, or undefined when it is not a number. */
export function numericDefineValue(value: string | undefined): string | undefined {
  return value && NUMERIC_DEFINE.test(value) ? value.replace(/[()\suUlL]/g, '') : undefined;
}

/**
 * For a file whose every line outside comments is a directive (or its continuation): the text with plain #define
 * and `//` comment lines emptied, and the numeric defines read from them. Undefined for any other file, and for
 * files naming `pci_device_id` (their text is searched for id tables).
 */
/** The names with a lower-case letter in a text (an object-like define's value): FileFacts.namedOutside. */
export function namesInDefineValue(value: string | undefined): string[] {
  return [...(value ?? '').matchAll(/(?<!\w)[A-Za-z_]\w*/g)].map((m) => m[0]).filter((n) => /[a-z]/.test(n));
}

/** `named`: the lower-case names the dropped defines' values name (FileFacts.namedOutside, as the whole parse gives). */
export function dropPlainDefines(text: string): { text: string; defines: ScannedDefine[]; named: string[] } | undefined {
  if (text.includes('pci_device_id') || !text.includes('#')) return undefined;
  const lines = text.split('\n');
  const defines: ScannedDefine[] = [];
  const named: string[] = [];
  let inComment = false;
  let continued = false;
  let removed = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!inComment && !continued && i < lines.length - 1) { // a last line without its newline is left to the grammar
      const m = PLAIN_DEFINE.exec(line);
      if (m || LINE_COMMENT.test(line)) {
        const value = numericDefineValue(m?.[2]?.trim());
        if (m && value !== undefined) defines.push({ row: i, name: m[1], value });
        else if (m) named.push(...namesInDefineValue(m[2]));
        lines[i] = '';
        removed++;
        continue;
      }
    }
    const rest = inComment ? afterComment(line) : line;
    if (rest === undefined) continue;
    const s = stripComments(rest);
    if (s === undefined) return undefined;
    const wasContinued = continued;
    inComment = s.open;
    continued = !s.open && /\\\r?$/.test(line);
    if (!wasContinued && s.code.trim() !== '' && !/^\s*#/.test(s.code)) return undefined;
  }
  return removed > 0 ? { text: lines.join('\n'), defines, named } : undefined;
}

/** The part of a line after the end of a block comment opened on an earlier line, or undefined if it stays open. */
function afterComment(line: string): string | undefined {
  const end = line.indexOf('*/');
  return end < 0 ? undefined : ' '.repeat(end + 2) + line.slice(end + 2);
}

/**
 * A line's code without its comments, and whether a block comment stays open at its end. Undefined when a string or
 * character literal makes the comment boundaries unclear.
 */
function stripComments(line: string): { code: string; open: boolean } | undefined {
  let code = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"' || c === '\'') {
      let j = i + 1;
      while (j < line.length && line[j] !== c) j += line[j] === '\\' ? 2 : 1;
      if (j >= line.length) return undefined;
      code += line.slice(i, j + 1);
      i = j;
      continue;
    }
    if (c === '/' && line[i + 1] === '/') { if (/\\\r?$/.test(line)) return undefined; break; }
    if (c === '/' && line[i + 1] === '*') {
      const end = line.indexOf('*/', i + 2);
      if (end < 0) return { code, open: true };
      code += ' ';
      i = end + 1;
      continue;
    }
    code += c;
  }
  return { code, open: false };
}
