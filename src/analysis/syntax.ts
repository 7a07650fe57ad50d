// Small helpers over tree-sitter C nodes: names of calls, arguments, spans, member chains.
import type { Node } from 'web-tree-sitter';
import type { Span } from './facts';

export function spanOf(node: Node): Span {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

/** Strips parentheses and casts: `((u32 *)(x))` -> `x`. */
export function unwrap(node: Node): Node {
  let n = node;
  for (;;) {
    if (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0)!;
    else if (n.type === 'cast_expression' && n.childForFieldName('value')) n = n.childForFieldName('value')!;
    else return n;
  }
}

/** Name of the function called, for `f(...)`; undefined for calls through pointers. */
export function calleeName(call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  const inner = unwrap(fn);
  return inner.type === 'identifier' ? inner.text : undefined;
}

export function callArgs(call: Node): Node[] {
  const list = call.childForFieldName('arguments');
  if (!list) return [];
  return list.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
}

export function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null);
}

/** The named children except those held in the given fields (web-tree-sitter makes a new object per access, so `!==` cannot tell). */
export function namedChildrenExcept(node: Node, ...fields: string[]): Node[] {
  const skip = fields.map((f) => node.childForFieldName(f)).filter((c): c is Node => c !== null);
  return namedChildren(node).filter((c) => !skip.some((s) => s.equals(c)));
}

/** The identifier a declarator declares (`*p`, `p[4]`, `p = x`, `(*fn)(...)`). */
export function declaratorName(decl: Node | null): string | undefined {
  let d = decl;
  while (d) {
    if (d.type === 'identifier' || d.type === 'field_identifier' || d.type === 'type_identifier') return d.text;
    d = d.childForFieldName('declarator');
  }
  return undefined;
}

/** Pointer depth of a declarator: `**p` -> 2, `p[3]` -> 1 (arrays decay). */
export function pointerDepth(decl: Node | null): number {
  let depth = 0;
  let d = decl;
  while (d) {
    if (d.type === 'pointer_declarator' || d.type === 'array_declarator') depth++;
    d = d.childForFieldName('declarator');
  }
  return depth;
}

/** The struct/union/typedef name of a type node: `struct foo` -> `foo`, `foo_t` -> `foo_t`. */
export function typeName(type: Node | null): string | undefined {
  if (!type) return undefined;
  if (type.type === 'struct_specifier' || type.type === 'union_specifier') return type.childForFieldName('name')?.text;
  if (type.type === 'type_identifier') return type.text;
  return undefined;
}

export function isInsideError(node: Node): boolean {
  for (let p: Node | null = node; p; p = p.parent) if (p.type === 'ERROR') return true;
  return false;
}

/** Expression text shortened for messages (160 characters at most). */
export function clip(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
