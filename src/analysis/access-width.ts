// What a dereference in the tree says about the access it makes: its width (by cast or by the pointer's declared
// type) and, for `p->arr[i]`, the member indexed.
import type { Node } from 'web-tree-sitter';
import type { MemberSubscript } from './facts';
import { storeBase } from './pexpr';
import { castPointeeBytes } from './scalar-width';
import { clip } from './syntax';

/** `p->arr[i]`: the member indexed, so the flow can read it as a load of that member when it is an array. */
export function elementOf(node: Node, file: string): { element?: MemberSubscript } {
  if (node.type !== 'subscript_expression') return {};
  const arg = unwrapParens(node.childForFieldName('argument')!);
  const field = arg.type === 'field_expression' ? arg.childForFieldName('field')?.text : undefined;
  const base = field ? storeBase(arg, file) : undefined;
  return base && field ? { element: { base, field, text: clip(arg.text) } } : {};
}

/**
 * The width of a dereference or subscript when its text says: through a cast (`*(u_short *)(p + off)`) or a pointer
 * local or parameter declared with a sized type (`pointeeBytes`). Members' widths come from their struct declarations
 * (ProjectIndex).
 */
export function accessBytes(node: Node, pointeeBytes: Readonly<Record<string, number>>): { bytes?: number } {
  const bytes = derefBytes(node, pointeeBytes);
  return bytes ? { bytes } : {};
}

function derefBytes(node: Node, pointeeBytes: Readonly<Record<string, number>>): number | undefined {
  const n = unwrapParens(node);
  if (n.type !== 'pointer_expression' && n.type !== 'subscript_expression') return undefined;
  const cast = castPointeeBytes(n.text);
  if (cast) return cast;
  let ptr: Node | null = n.childForFieldName('argument');
  while (ptr && (ptr.type === 'parenthesized_expression' || ptr.type === 'binary_expression')) ptr = ptr.type === 'binary_expression' ? ptr.childForFieldName('left') : ptr.namedChild(0);
  return ptr?.type === 'identifier' ? pointeeBytes[ptr.text] : undefined;
}

/** A declarator of a pointer to a scalar (one level: `u16 *p`, `u16 *p = x`), not a pointer to a pointer. */
export function pointerTo(d: Node): boolean {
  const decl = d.type === 'init_declarator' ? d.childForFieldName('declarator') : d;
  return decl?.type === 'pointer_declarator' && decl.childForFieldName('declarator')?.type === 'identifier';
}

function unwrapParens(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0)!;
  return n;
}
