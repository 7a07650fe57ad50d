// Strict JSON parser that also records the source line/column of every value by JSON path (for diagnostics).

import type { SourcePos } from './types';

export interface JsonSource {
  value: unknown;
  /** Position of the value at a JSON path (`a.b[0].c`). */
  positions: Map<string, SourcePos>;
}

export class JsonSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(`${message} at line ${line}, column ${column}`);
  }
}

export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

class Cursor {
  pos = 0;
  readonly lineStarts: number[] = [0];
  constructor(readonly text: string, readonly positions: Map<string, SourcePos>) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  where(at = this.pos): SourcePos {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - this.lineStarts[lo] + 1 };
  }

  fail(message: string, at = this.pos): never {
    const p = this.where(at);
    throw new JsonSyntaxError(message, p.line, p.column);
  }

  skipWs(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos])) this.pos++;
  }

  expect(ch: string): void {
    if (this.text[this.pos] !== ch) this.fail(`expected '${ch}'`);
    this.pos++;
  }
}

function parseString(c: Cursor): string {
  const start = c.pos;
  c.expect('"');
  let out = '';
  while (c.pos < c.text.length) {
    const ch = c.text[c.pos++];
    if (ch === '"') return out;
    if (ch === '\\') {
      const esc = c.text[c.pos++];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (esc in simple) out += simple[esc];
      else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(c.text.slice(c.pos, c.pos + 4))) {
        out += String.fromCharCode(parseInt(c.text.slice(c.pos, c.pos + 4), 16));
        c.pos += 4;
      } else c.fail('invalid escape in string', c.pos - 1);
    } else if (ch < ' ') c.fail('control character in string', c.pos - 1);
    else out += ch;
  }
  return c.fail('unterminated string', start);
}

function parseNumber(c: Cursor): number {
  const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(c.text.slice(c.pos));
  if (!m) c.fail('invalid number');
  c.pos += m[0].length;
  return Number(m[0]);
}

function parseLiteral(c: Cursor): boolean | null {
  for (const [word, val] of [['true', true], ['false', false], ['null', null]] as const) {
    if (c.text.startsWith(word, c.pos)) {
      c.pos += word.length;
      return val;
    }
  }
  return c.fail('unexpected token');
}

function parseObject(c: Cursor, path: string): Record<string, unknown> {
  c.expect('{');
  const out: Record<string, unknown> = {};
  c.skipWs();
  if (c.text[c.pos] === '}') {
    c.pos++;
    return out;
  }
  for (;;) {
    c.skipWs();
    if (c.text[c.pos] !== '"') c.fail('expected a property name in double quotes');
    const key = parseString(c);
    c.skipWs();
    c.expect(':');
    out[key] = parseValue(c, childPath(path, key));
    c.skipWs();
    if (c.text[c.pos] === ',') {
      c.pos++;
      continue;
    }
    c.expect('}');
    return out;
  }
}

function parseArray(c: Cursor, path: string): unknown[] {
  c.expect('[');
  const out: unknown[] = [];
  c.skipWs();
  if (c.text[c.pos] === ']') {
    c.pos++;
    return out;
  }
  for (;;) {
    out.push(parseValue(c, childPath(path, out.length)));
    c.skipWs();
    if (c.text[c.pos] === ',') {
      c.pos++;
      continue;
    }
    c.expect(']');
    return out;
  }
}

function parseValue(c: Cursor, path: string): unknown {
  c.skipWs();
  if (c.pos >= c.text.length) c.fail('unexpected end of input');
  c.positions.set(path, c.where());
  const ch = c.text[c.pos];
  if (ch === '{') return parseObject(c, path);
  if (ch === '[') return parseArray(c, path);
  if (ch === '"') return parseString(c);
  if (ch === '-' || (ch >= '0' && ch <= '9')) return parseNumber(c);
  return parseLiteral(c);
}

/** Parses JSON text; throws JsonSyntaxError with line/column on bad syntax. */
export function parseJsonWithPositions(text: string): JsonSource {
  const positions = new Map<string, SourcePos>();
  const c = new Cursor(text.replace(/^\uFEFF/, ''), positions);
  const value = parseValue(c, '');
  c.skipWs();
  if (c.pos < c.text.length) c.fail('unexpected text after the JSON value');
  return { value, positions };
}
