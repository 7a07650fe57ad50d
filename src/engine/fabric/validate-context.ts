// Collects validation errors/warnings with JSON paths and source lines, plus small typed field readers.

import { childPath } from './json-source';
import { parseHexBigInt } from './bdf';
import type { SourcePos, TopologyIssue } from './types';

export class ValidateContext {
  readonly errors: TopologyIssue[] = [];
  readonly warnings: TopologyIssue[] = [];

  constructor(private readonly positions?: Map<string, SourcePos>) {}

  private issue(path: string, message: string): TopologyIssue {
    const pos = this.positionOf(path);
    return pos ? { path, message, line: pos.line, column: pos.column } : { path, message };
  }

  /** Position of the value at `path`, else of its nearest ancestor that has one. */
  positionOf(path: string): SourcePos | undefined {
    if (!this.positions) return undefined;
    let p = path;
    for (;;) {
      const found = this.positions.get(p);
      if (found) return found;
      if (p === '') return undefined;
      const parent = p.replace(/(\.[^.[\]]+|\[\d+\]|^[^.[\]]+)$/, '');
      if (parent === p) return undefined;
      p = parent;
    }
  }

  error(path: string, message: string): void {
    this.errors.push(this.issue(path, message));
  }

  warn(path: string, message: string): void {
    this.warnings.push(this.issue(path, message));
  }
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
  return `${typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`}`;
}

export function readObject(ctx: ValidateContext, v: unknown, path: string): Obj | undefined {
  if (isObj(v)) return v;
  ctx.error(path, `expected an object, got ${describe(v)}`);
  return undefined;
}

export function checkKeys(ctx: ValidateContext, o: Obj, path: string, allowed: readonly string[]): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k) && k !== 'comment') ctx.warn(childPath(path, k), `unknown property "${k}" (ignored)`);
  }
}

export function readHex(ctx: ValidateContext, o: Obj, key: string, path: string): bigint | undefined {
  const p = childPath(path, key);
  if (!(key in o)) {
    ctx.error(p, 'missing required property (a hex string such as "0x4000000000")');
    return undefined;
  }
  const v = o[key];
  const n = typeof v === 'string' ? parseHexBigInt(v) : undefined;
  if (n === undefined) ctx.error(p, `expected a hex string such as "0x4000000000", got ${describe(v)}`);
  return n;
}

export function readInt(ctx: ValidateContext, o: Obj, key: string, path: string, max: number, dflt?: number): number | undefined {
  const p = childPath(path, key);
  const v = o[key];
  if (v === undefined) {
    if (dflt === undefined) ctx.error(p, 'missing required property (an integer)');
    return dflt;
  }
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max) return v;
  if (typeof v === 'string' && /^0x[0-9a-fA-F]+$/.test(v) && parseInt(v, 16) <= max) return parseInt(v, 16);
  ctx.error(p, `expected an integer between 0 and ${max}, got ${describe(v)}`);
  return undefined;
}

export function readBool(ctx: ValidateContext, o: Obj, key: string, path: string, dflt?: boolean): boolean | undefined {
  const v = o[key];
  if (v === undefined) {
    if (dflt === undefined) ctx.error(childPath(path, key), 'missing required property (true or false)');
    return dflt;
  }
  if (typeof v === 'boolean') return v;
  ctx.error(childPath(path, key), `expected true or false, got ${describe(v)}`);
  return undefined;
}

export function readEnum<T extends string>(
  ctx: ValidateContext,
  o: Obj,
  key: string,
  path: string,
  allowed: readonly T[],
  dflt?: T,
): T | undefined {
  const v = o[key];
  if (v === undefined) {
    if (dflt === undefined) ctx.error(childPath(path, key), `missing required property (one of ${allowed.join(', ')})`);
    return dflt;
  }
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  ctx.error(childPath(path, key), `expected one of ${allowed.join(', ')}, got ${describe(v)}`);
  return undefined;
}

export function readString(ctx: ValidateContext, o: Obj, key: string, path: string, required: boolean): string | undefined {
  const v = o[key];
  if (v === undefined) {
    if (required) ctx.error(childPath(path, key), 'missing required property (a string)');
    return undefined;
  }
  if (typeof v === 'string') return v;
  ctx.error(childPath(path, key), `expected a string, got ${describe(v)}`);
  return undefined;
}

export function readHexId(ctx: ValidateContext, o: Obj, key: string, path: string, required: boolean): string | undefined {
  const s = readString(ctx, o, key, path, required);
  if (s === undefined) return undefined;
  const m = /^(?:0x)?([0-9a-fA-F]{4})$/.exec(s);
  if (m) return m[1].toLowerCase();
  ctx.error(childPath(path, key), `expected a 4-digit hex ID such as "8086", got ${describe(s)}`);
  return undefined;
}

export function readArray(ctx: ValidateContext, o: Obj, key: string, path: string, required: boolean): unknown[] | undefined {
  const v = o[key];
  if (v === undefined) {
    if (required) ctx.error(childPath(path, key), 'missing required property (an array)');
    return undefined;
  }
  if (Array.isArray(v)) return v;
  ctx.error(childPath(path, key), `expected an array, got ${describe(v)}`);
  return undefined;
}
