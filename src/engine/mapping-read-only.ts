// A mapping only ever read through: its result stays in a local that is tested, read through read accessors and
// unmapped, never stored, returned, passed elsewhere or written through. Write combining only affects stores, so
// losing it on such a mapping costs nothing (amdgpu_bios.c:116, one memcpy_fromio() then iounmap()). Anything not
// recognised counts as an escape: the mapping is then not read-only.
import type { Span } from '../analysis/facts';
import type { FunctionFlow } from '../analysis/flow';
import { ACCESSORS, UNMAP_POINTER_ARG as UNMAPS } from '../analysis/vocabulary';
import { madeBy } from './mapped-per-call';
import { codeOnly } from '../analysis/text-scan';

/** Calls that only test a pointer. */
const TESTS: ReadonlySet<string> = new Set(['IS_ERR', 'IS_ERR_OR_NULL', 'PTR_ERR', 'PTR_ERR_OR_ZERO']);

/** Calls that only pass their operand's truth on (`if (unlikely(!p))`). */
const TRANSPARENT: ReadonlySet<string> = new Set(['likely', 'unlikely']);

/** True when `n`'s mapping (at `site`) is held only in locals of `flow`'s function that are only read through. */
export function mappingReadOnly(flow: FunctionFlow, site: Span, lineText: (file: string, line: number) => string | undefined): boolean {
  const locals = flow.fn.body?.locals ?? {};
  const params = new Set(flow.fn.params.map((p) => p.name));
  const held = Object.keys(locals).filter((name) => !params.has(name) && locals[name].values.some((v) => madeBy(v, site)));
  if (!held.length) return false;
  const text = bodyText(flow, lineText);
  if (text === undefined) return false;
  return held.every((name) => usesReadOnly(text, name));
}

/** The function's text with comments and string literals blanked (same length, so offsets keep their meaning). */
function bodyText(flow: FunctionFlow, lineText: (file: string, line: number) => string | undefined): string | undefined {
  const { start, end } = flow.fn.span;
  const lines: string[] = [];
  for (let l = start.line; l <= end.line; l++) {
    const t = lineText(flow.fn.file, l);
    if (t === undefined) return undefined;
    lines.push(t);
  }
  return codeOnly(lines.join('\n'));
}

/** Every occurrence of `name` in `text` is a read-only use. */
function usesReadOnly(text: string, name: string): boolean {
  const re = new RegExp(`(?<![\\w.>])${name}\\b`, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!readOnlyUse(text, m.index, name.length)) return false;
  }
  return true;
}

function readOnlyUse(text: string, at: number, len: number): boolean {
  const after = text.slice(at + len).trimStart();
  if (/^=[^=]/.test(after)) return assignedMapping(text, at, after);
  const call = enclosingCall(text, at);
  if (!call) return /^[;,]/.test(after) && /\*\s*$/.test(text.slice(0, at)) && isDeclaration(text, at);
  if (TESTS.has(call.name) || call.name === 'if' || call.name === 'while') return !/[^=!<>]=[^=]/.test(call.args.join(','));
  const unmap = UNMAPS.get(call.name);
  if (unmap !== undefined) return call.argIndex === unmap && isPlain(call.args[unmap], len);
  const accessor = ACCESSORS.get(call.name);
  return accessor?.dir === 'read' && call.argIndex === accessor.addrArg && isAddress(call.args[accessor.addrArg]);
}

/** `p = <mapping>(...)` (the assignment the locals facts saw) or `p = NULL`. */
function assignedMapping(text: string, at: number, after: string): boolean {
  const before = text.slice(0, at).trimEnd();
  if (!/(?:[;{},)]|\belse)$/.test(before) && !(before.endsWith('*') && isDeclaration(text, at))) return false;
  if (/^=\s*(NULL|0)\s*;/.test(after)) return true;
  return /^=\s*(?:\([^()]*\)\s*)?\w*(?:ioremap|iomap|io_mapping_map|memremap)\w*\s*\(/.test(after);
}

/** The name of a declaration (`void __iomem *p;`, `u8 __iomem *p = ...`), not a dereference (`*p = 0`). */
function isDeclaration(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at) + 1;
  return /^\s*(?:(?:struct\s+\w+|\w+)\s+)+(?:__iomem\s*)?\*[\s\w*,]*$/.test(text.slice(lineStart, at));
}

/** An argument that is the pointer itself (maybe cast). */
function isPlain(arg: string | undefined, len: number): boolean {
  return arg !== undefined && arg.replace(/\([^()]*\)/g, '').trim().length === len;
}

/** An address argument: the pointer plus offsets, no assignment, no call. */
function isAddress(arg: string | undefined): boolean {
  return arg !== undefined && !/[^=!<>]=[^=]|\+\+|--|\w\s*\(/.test(arg.replace(/^\s*\([^()]*\)/, '').replace(/\(\s*(?:const\s+)?(?:void|u8|u16|u32|u64|char)[\s\w]*\*\s*\)/g, ''));
}

interface CallSite { name: string; args: string[]; argIndex: number }

/** The innermost call around offset `at` (grouping and cast parentheses and likely()/unlikely() skipped). */
function enclosingCall(text: string, at: number): CallSite | undefined {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth > 0) { depth--; continue; }
      if (c !== '(') return undefined;
      const name = /(\w+)\s*$/.exec(text.slice(Math.max(0, i - 80), i))?.[1];
      if (!name || TRANSPARENT.has(name)) continue;
      return callAt(text, i, name, at);
    } else if (c === ';' && depth === 0) return undefined;
  }
  return undefined;
}

/** The arguments of the call whose '(' is at `open`, and which of them holds offset `at`. */
function callAt(text: string, open: number, name: string, at: number): CallSite | undefined {
  const args: string[] = [];
  let depth = 0, from = open + 1, argIndex = -1;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if ((c === ',' || c === ')') && depth === 0) {
      if (at >= from && at < i) argIndex = args.length;
      args.push(text.slice(from, i));
      from = i + 1;
      if (c === ')') return { name, args, argIndex };
    }
  }
  return undefined;
}


