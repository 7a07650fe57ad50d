// Bulk "to I/O" calls whose destination is the function's own stack: memcpy_toio(&local, regs, n) used backwards.
import type { Node } from 'web-tree-sitter';
import type { AccessFamily, Event, PExpr, Span } from './facts';
import { isArrow } from './pexpr';
import { unwrap } from './syntax';

/** How a local was declared: an object (struct or scalar), an array of objects, or through a pointer or parentheses. */
export type LocalKind = 'object' | 'array' | 'pointer';

export function localKind(d: Node): LocalKind {
  let array = false;
  for (let decl = d.type === 'init_declarator' ? d.childForFieldName('declarator') : d; decl; decl = decl.childForFieldName('declarator')) {
    if (decl.type === 'identifier') return array ? 'array' : 'object';
    if (decl.type !== 'array_declarator') return 'pointer'; // `*p`, `(*fp)(...)`, `(*rows)[4]`
    array = true;
  }
  return 'pointer';
}

/** The bulk writes to I/O memory that, given the stack as destination, only read their source (memset_io: nothing). */
const BACKWARD = new Set(['memcpy_toio', 'memset_io', '__iowrite32_copy', '__iowrite64_copy']);

/**
 * True when `dest` is the function's own stack memory: `&setup` (possibly cast, `(void __iomem *)&setup`), `&req.hdr`,
 * `&buf[2]` or `buf` for a local array, where the local's latest declaration is an object, not a pointer.
 */
export function stackDestination(api: string, dest: Node | undefined, kinds: ReadonlyMap<string, LocalKind>): boolean {
  if (!BACKWARD.has(api) || !dest) return false;
  const n = unwrap(dest);
  if (n.type === 'identifier') return kinds.get(n.text) === 'array';
  if (n.type !== 'pointer_expression' || n.child(0)?.type !== '&') return false;
  let t = n.childForFieldName('argument');
  while (t?.type === 'field_expression' && !isArrow(t)) t = t.childForFieldName('argument');
  if (t?.type === 'subscript_expression') {
    const root = t.childForFieldName('argument');
    return root?.type === 'identifier' && kinds.get(root.text) === 'array';
  }
  return t?.type === 'identifier' && (kinds.get(t.text) === 'object' || kinds.get(t.text) === 'array');
}

/**
 * What a backward bulk copy into the stack does to the device: memcpy_toio(&local, src, n) and __iowrite*_copy read
 * `src` (as memcpy_fromio would: plain loads, no barrier) and write no register; memset_io(&local, ...) touches no
 * device memory at all (undefined).
 */
export function stackCopyRead(api: string, family: AccessFamily, src: PExpr | undefined, srcText: string, span: Span): Event | undefined {
  if (api === 'memset_io' || !src) return undefined;
  return { kind: 'access', api, dir: 'read', family, addr: src, addrText: srcText, span };
}
