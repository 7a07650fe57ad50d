// Reads a function's text for the values it stores into one struct member, and classifies each: a DMA address, a
// literal constant, or anything else (so a member only ever given DMA addresses can be known as CPU-written).

/**
 * What a member store assigns: a DMA address (dma_addr_t-derived or a dma_map_* result), a constant (a literal, or a
 * name a numeric object-like `#define` gives one value), other.
 */
export type StoredValue = 'address' | 'constant' | 'other';

/**
 * The driver's knowledge of types: its dma_addr_t members, the functions that return dma_addr_t, and the
 * function-like macros the writer's file sees (`QTN_HOST_HI32(a)`: `((u32)(((u64)a) >> 32))`).
 */
export interface AddressTypes {
  dmaMember(field: string): boolean;
  returnsDma(fn: string): boolean;
  macro?(name: string): { params: string[]; body: string } | undefined;
  /** True when `name` is a numeric object-like `#define` the writer's file sees, one value (`#define WQ_RX_L 0xB`). */
  numericDefine?(name: string): boolean;
}

const WRAPPERS = /^(?:cpu_to_le(?:16|32|64)|__cpu_to_le(?:32|64)|cpu_to_be(?:32|64)|lower_32_bits|upper_32_bits)\s*\(/;
const CAST = /^\(\s*(?:const\s+|__force\s+|unsigned\s+|signed\s+)*[A-Za-z_]\w*(?:\s+(?:int|long))?\s*\)\s*/;
const LITERAL = /^(?:0[xX][0-9a-fA-F]+|\d+)[uUlL]*$/;

/** The values stored into `->field` / `.field` (also `field[i]`) in this function text. */
export function storedValues(text: string, field: string): string[] {
  const re = new RegExp(`(?:->|\\.)\\s*${field}\\s*(?:\\[[^\\]\\n]*\\]\\s*)?=(?!=)([^;]*);`, 'g');
  return [...text.matchAll(re)].map((m) => m[1].trim());
}

/** True when `text` opens with `(` whose matching `)` is its last character. */
function wrapped(text: string, open: number): boolean {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i === text.length - 1;
  }
  return false;
}

/** Removes casts, parentheses, byte-order and 32-bit-half wrappers, and a trailing `+ offset`. */
function core(value: string): string {
  let t = value.trim();
  for (let i = 0; i < 8; i++) {
    const before = t;
    const cast = CAST.exec(t);
    if (cast && !/^\(\s*\w+\s*\)$/.test(t)) t = t.slice(cast[0].length).trim();
    if (t.startsWith('(') && wrapped(t, 0)) t = t.slice(1, -1).trim();
    const w = WRAPPERS.exec(t);
    if (w && wrapped(t, w[0].length - 1)) t = t.slice(w[0].length, -1).trim();
    const plus = /^([^+?:]+?)\s*\+\s*[\w\s()*]+$/.exec(t);
    if (plus) t = plus[1].trim();
    // A 32-bit half written out: `x >> 32` (upper_32_bits()), `x & 0xffffffff` (lower_32_bits()).
    const half = /^(.+?)\s*(?:>>\s*32|&\s*0[xX][fF]{8})[uUlL]*$/.exec(t);
    if (half && !/[?:|<>=!]/.test(half[1].replace(/->/g, ''))) t = half[1].trim();
    if (t === before) break;
  }
  return t;
}

/** Whether a local or parameter `name` of the function text is declared dma_addr_t. */
function dmaLocal(fnText: string, name: string): boolean {
  const other = String.raw`\**\s*\w+\s*(?:\[[^\]]*\])?\s*(?:=[^,;()]*)?,\s*`;
  return new RegExp(String.raw`\bdma_addr_t\s+(?:${other})*\**\s*${name}\b`).test(fnText);
}

export function classifyStore(value: string, fnText: string, types: AddressTypes, depth = 0): StoredValue {
  const t = core(value);
  if (LITERAL.test(t)) return 'constant';
  const call = /^([A-Za-z_]\w*)\s*\(/.exec(t);
  if (call && wrapped(t, call[0].length - 1)) {
    if (/^dma_map_/.test(call[1]) || types.returnsDma(call[1])) return 'address';
    const expanded = depth < 2 ? expandMacro(types.macro?.(call[1]), t.slice(call[0].length, -1)) : undefined;
    return expanded !== undefined ? classifyStore(expanded, fnText, types, depth + 1) : 'other';
  }
  if (/^[A-Za-z_]\w*$/.test(t)) return dmaLocal(fnText, t) ? 'address' : types.numericDefine?.(t) ? 'constant' : 'other';
  const member = /(?:->|\.)\s*([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?$/.exec(t);
  if (member && /^[\w\s>.\-[\]]+$/.test(t)) return types.dmaMember(member[1]) ? 'address' : 'other';
  const indexed = /^([A-Za-z_]\w*)\s*\[[^\]]*\]$/.exec(t);
  if (indexed) return dmaLocal(fnText, indexed[1]) ? 'address' : 'other';
  return 'other';
}

/** A one-parameter macro's body with its parameter replaced by `arg` (text only; undefined for any other macro). */
function expandMacro(macro: { params: string[]; body: string } | undefined, arg: string): string | undefined {
  if (!macro || macro.params.length !== 1 || !/^\w+$/.test(macro.params[0]) || !macro.body.trim() || arg.includes(',')) return undefined;
  return macro.body.replace(new RegExp(`\\b${macro.params[0]}\\b`, 'g'), `(${arg.trim()})`);
}

/** True when `returnType` text (what precedes the function's name) declares dma_addr_t. */
export function declaresDmaReturn(fnText: string, name: string): boolean {
  const head = fnText.slice(0, fnText.indexOf('('));
  return new RegExp(`\\bdma_addr_t\\b[\\s*]*${name}\\s*$`).test(head);
}
