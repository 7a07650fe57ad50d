// Turns C expressions into symbolic pointer expressions (PExpr) and finds the pointer a store writes through.
import type { Node } from 'web-tree-sitter';
import type { Origin, PExpr } from './facts';
import { BAR_ADDRESS_CALLS, BUS_ADDRESS_CALLS, DEVICE_RESOURCE_CALLS, DMA_ALLOCS, DMA_MAPS, MAPPINGS, P2PDMA_ALLOCS, USER_MAPPING_CALLS } from './vocabulary';
import { calleeName, callArgs, spanOf, typeName } from './syntax';
import { scalarBytes } from './scalar-width';
import { PLATFORM_ONLY_FLAGS } from './constant-helpers';
import { userMmapKind } from './user-mmap';

const UNKNOWN: PExpr = { k: 'unknown' };

function memremapKind(flags: Node | undefined): string {
  const text = flags?.text ?? '';
  if (text.includes('MEMREMAP_WC')) return 'memremap_wc';
  if (text.includes('MEMREMAP_WT')) return 'memremap_wt';
  return 'memremap_wb';
}

function callOrigin(name: string, call: Node, file: string): Origin | undefined {
  const span = spanOf(call);
  const mapping = MAPPINGS.get(name);
  if (mapping) {
    const memKind = mapping.flagsArg !== undefined ? memremapKind(callArgs(call)[mapping.flagsArg]) : mapping.memKind;
    const guards = guardCalls(call);
    return { kind: 'mapping', api: name, memKind, file, span, ...(guards.length ? { guards } : {}) };
  }
  if (DMA_ALLOCS.has(name)) return { kind: 'dma-coherent', api: name, file, span };
  const userKind = USER_MAPPING_CALLS.has(name) ? userMmapKind(call) : undefined;
  if (userKind) return { kind: 'mapping', api: name, memKind: userKind, file, span };
  if (P2PDMA_ALLOCS.has(name)) return { kind: 'p2pdma', api: name, file, span };
  if (DMA_MAPS.has(name)) return { kind: 'dma-handle', api: name, file, span }; // the buffer's origin: cfg-builder recordDmaMapped
  const bar = BAR_ADDRESS_CALLS.get(name);
  const base = callArgs(call)[0]?.text;
  if (bar) return { kind: 'bar-address', api: name, bus: bar, file, span, base };
  if (BUS_ADDRESS_CALLS.has(name)) return { kind: 'bus-address', api: name, file, span };
  const res = DEVICE_RESOURCE_CALLS.get(name);
  if (res) return { kind: 'device-resource', api: name, bus: res, file, span, base };
  return undefined;
}

/**
 * The functions whose call is the whole condition of an `if` (or `else if`) whose then-branch holds `node`
 * (`else if (ocqp_supported(infop)) ... = ioremap_wc(...)`, cxgb4 device.c:1030-1035): the site runs only where each
 * may return non-zero. A platform-only flag the condition tests (`if (res.flags & IORESOURCE_MEM_NONPOSTED)`) is
 * recorded by its name: the site runs only where the flag is ever set.
 */
export function guardCalls(node: Node): string[] {
  const out: string[] = [];
  for (let child = node, parent = node.parent; parent && parent.type !== 'function_definition'; child = parent, parent = parent.parent) {
    if (parent.type !== 'if_statement' || parent.childForFieldName('consequence')?.id !== child.id) continue;
    const cond = unparen(parent.childForFieldName('condition'));
    const name = cond?.type === 'call_expression' ? calleeName(cond) : undefined;
    if (name) out.push(name);
    out.push(...flagTests(cond));
  }
  return out;
}

function unparen(node: Node | null | undefined): Node | undefined {
  let n = node ?? undefined;
  while (n && n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0) ?? undefined;
  return n;
}

/**
 * The platform-only flags (constant-helpers.ts PLATFORM_ONLY_FLAGS) a condition tests as `x & FLAG`, alone or as a
 * conjunct of `&&` (`res.flags & IORESOURCE_MEM_NONPOSTED`, drivers/of/address.c:903): the branch needs the flag set.
 */
function flagTests(cond: Node | undefined): string[] {
  if (cond?.type !== 'binary_expression') return [];
  const op = cond.childForFieldName('operator')?.type;
  const left = unparen(cond.childForFieldName('left'));
  const right = unparen(cond.childForFieldName('right'));
  if (op === '&&') return [...flagTests(left), ...flagTests(right)];
  if (op !== '&') return [];
  return [left, right].filter((n) => n?.type === 'identifier' && PLATFORM_ONLY_FLAGS.has(n.text)).map((n) => n!.text);
}

/** `X->resource[i]` (a PCI device's resource table entry), as the node of the subscript. */
function isPciResourceEntry(node: Node | null): boolean {
  if (node?.type !== 'subscript_expression') return false;
  const table = node.childForFieldName('argument');
  return table?.type === 'field_expression' && table.childForFieldName('field')?.text === 'resource';
}

/** `pdev->resource[i].start` is a BAR's CPU address; `&pdev->resource[i]` is its struct resource. */
function resourceOrigin(node: Node, file: string): Origin | undefined {
  if (node.type === 'field_expression') {
    const field = node.childForFieldName('field')?.text;
    if ((field === 'start' || field === 'end') && isPciResourceEntry(node.childForFieldName('argument'))) {
      return { kind: 'bar-address', api: 'resource[].start', bus: 'pci', file, span: spanOf(node), base: resourceBase(node.childForFieldName('argument')) };
    }
  }
  if (node.type === 'pointer_expression' && node.child(0)?.type === '&' && isPciResourceEntry(node.childForFieldName('argument'))) {
    return { kind: 'device-resource', api: '&resource[]', bus: 'pci', file, span: spanOf(node), base: resourceBase(node.childForFieldName('argument')) };
  }
  return undefined;
}

/** The device expression of `X->resource[i]` (platform_device has a `resource` table too: rules check its type). */
function resourceBase(entry: Node | null): string | undefined {
  return entry?.childForFieldName('argument')?.childForFieldName('argument')?.text;
}

function castType(node: Node): string | undefined {
  const desc = node.childForFieldName('type');
  return typeName(desc?.childForFieldName('type') ?? null);
}

export function toPExpr(node: Node | null | undefined, file: string): PExpr {
  if (!node) return UNKNOWN;
  switch (node.type) {
    case 'identifier': return { k: 'var', name: node.text };
    case 'parenthesized_expression': return toPExpr(node.namedChild(0), file);
    case 'cast_expression': return { k: 'cast', type: castType(node), inner: toPExpr(node.childForFieldName('value'), file) };
    case 'field_expression': {
      const res = resourceOrigin(node, file);
      if (res) return { k: 'origin', origin: res };
      const field = node.childForFieldName('field')?.text;
      return field ? { k: 'member', base: toPExpr(node.childForFieldName('argument'), file), field } : UNKNOWN;
    }
    case 'subscript_expression': return { k: 'index', base: toPExpr(node.childForFieldName('argument'), file) };
    case 'pointer_expression': {
      const res = resourceOrigin(node, file);
      if (res) return { k: 'origin', origin: res };
      const arg = toPExpr(node.childForFieldName('argument'), file);
      return node.child(0)?.type === '&' ? { k: 'addr', of: arg } : { k: 'deref', of: arg };
    }
    case 'binary_expression': {
      const op = node.childForFieldName('operator')?.type;
      if (op === '+' || op === '-') return union([toPExpr(node.childForFieldName('left'), file), toPExpr(node.childForFieldName('right'), file)]);
      // Bits of a value: a DMA address's low word masked out (`h & 0xffffffff`) or its high word shifted down
      // (`(h >> 16) >> 16`) still tells the device that address, written in halves (origin-resolution.ts keeps only that).
      if (op === '&' || op === '>>') return { k: 'bits', of: toPExpr(node.childForFieldName('left'), file) };
      return UNKNOWN;
    }
    case 'conditional_expression':
      return union([toPExpr(node.childForFieldName('consequence'), file), toPExpr(node.childForFieldName('alternative'), file)]);
    case 'assignment_expression': return toPExpr(node.childForFieldName('right'), file);
    case 'comma_expression': return toPExpr(node.childForFieldName('right'), file);
    case 'call_expression': return callPExpr(node, file);
    default: return UNKNOWN;
  }
}

function callPExpr(call: Node, file: string): PExpr {
  const casts = castChain(call);
  if (casts) return casts.reduceRight<PExpr>((inner, type) => ({ k: 'cast', type, inner }), toPExpr(callArgs(call)[0], file));
  const name = calleeName(call);
  if (!name) return UNKNOWN;
  const origin = callOrigin(name, call, file);
  if (origin) return { k: 'origin', origin };
  return { k: 'call', fn: name, args: callArgs(call).map((a) => toPExpr(a, file)) };
}

/**
 * The casts a "call" really is: tree-sitter parses `(u32)(x)` and `(u32)(__le32)(x)` (a typedef name in parentheses,
 * as register macros write them: p54pci.h's `P54P_WRITE`) as calls of `(u32)`, and of `(u32)(__le32)`. A parenthesised
 * scalar type name (scalar-width.ts: `u32`, `__le32`, `dma_addr_t`, never a function) applied to one argument is a
 * cast. The types, outermost first; undefined when `call` is not such a cast.
 */
export function castChain(call: Node): string[] | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'parenthesized_expression' && fn?.type !== 'call_expression') return undefined; // most calls: f(...)
  const args = callArgs(call);
  if (args.length !== 1) return undefined;
  const type = parenthesisedScalarType(fn);
  if (type) return [type];
  if (fn.type !== 'call_expression') return undefined;
  const outer = castChain(fn);
  const inner = callArgs(fn)[0];
  return outer && inner?.type === 'identifier' && scalarBytes(inner.text) !== undefined ? [...outer, inner.text] : undefined;
}

/** `(u32)`: a scalar type name alone in parentheses. */
function parenthesisedScalarType(n: Node): string | undefined {
  if (n.type !== 'parenthesized_expression' || n.namedChildCount !== 1) return undefined;
  const id = n.namedChild(0)!;
  return id.type === 'identifier' && scalarBytes(id.text) !== undefined ? id.text : undefined;
}

function union(parts: PExpr[]): PExpr {
  const useful = parts.filter((p) => p.k !== 'unknown');
  if (useful.length === 0) return UNKNOWN;
  return useful.length === 1 ? useful[0] : { k: 'union', parts: useful };
}

export function isArrow(field: Node): boolean {
  return field.children.some((c) => c?.type === '->');
}

/** The pointer a store to `lhs` writes through: `d->a.b` -> d, `r->desc[i].len` -> r->desc, `*p` -> p; undefined for plain variables. */
export function storeBase(lhs: Node, file: string): PExpr | undefined {
  let n: Node | null = lhs;
  while (n) {
    switch (n.type) {
      case 'parenthesized_expression': n = n.namedChild(0); break;
      case 'cast_expression': n = n.childForFieldName('value'); break;
      case 'field_expression':
        if (isArrow(n)) return toPExpr(n.childForFieldName('argument'), file);
        n = n.childForFieldName('argument');
        break;
      case 'subscript_expression': return toPExpr(n.childForFieldName('argument'), file);
      case 'pointer_expression':
        return n.child(0)?.type === '*' ? toPExpr(n.childForFieldName('argument'), file) : undefined;
      default: return undefined;
    }
  }
  return undefined;
}

/** True when a PExpr could carry provenance (worth recording as an assignment). */
export function mayCarry(p: PExpr): boolean {
  return p.k !== 'unknown';
}
