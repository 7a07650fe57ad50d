// Whether a memcpy()/memset() size is known only at run time: the compiler then emits a call of the out-of-line
// function (arch data `outOfLineCopies`), whose stores are complete when it returns; and whether its source may be
// memory the function's earlier stores wrote.
import type { Node } from 'web-tree-sitter';
import { UNEVALUATED_CALLS } from './vocabulary';

/** An UPPER_CASE name: a macro constant (`PAGE_SIZE`, `ETH_ALEN`) by kernel convention. */
const MACRO_CONSTANT = /^[A-Z_][A-Z0-9_]*$/;

/**
 * True when the size expression reads a variable or a member (`len`, `skb->len`, `min(len, MAX)`): not only literals,
 * UPPER_CASE macros, casts and the operands of `sizeof`/`ARRAY_SIZE()`/`offsetof()`. A lowercase `const` or enum
 * constant counts as a variable.
 */
export function runtimeSize(size: Node | null | undefined): boolean {
  if (!size) return false;
  switch (size.type) {
    case 'sizeof_expression': case 'alignof_expression': case 'type_descriptor': case 'string_literal': return false;
    case 'field_expression': return true;
    case 'identifier': return !MACRO_CONSTANT.test(size.text);
    case 'call_expression': {
      const fn = size.childForFieldName('function');
      if (fn?.type === 'identifier' && UNEVALUATED_CALLS.test(fn.text)) return false;
      return size.childForFieldName('arguments')?.namedChildren.some((a) => runtimeSize(a)) ?? false;
    }
    case 'cast_expression': return runtimeSize(size.childForFieldName('value'));
    default: return size.namedChildren.some((c) => runtimeSize(c));
  }
}

/**
 * True when a copy's source is reached through a pointer member (`cmd->cmnd`, `&p->hdr`, `(u8 *)skb->data + off`): the
 * compiler cannot tell it from memory the caller stored to before the call, so the out-of-line memcpy() may read those
 * stores and they must be in memory when it is called. A local (`buf`, `&cmd`, `tmp.data`) is left out: the compiler may
 * know it distinct and sink other stores past the call.
 */
export function sourceThroughPointer(src: Node): boolean {
  if (src.type === 'field_expression') return src.childForFieldName('operator')?.text === '->' || sourceThroughPointer(src.childForFieldName('argument')!);
  if (src.type === 'identifier' || src.type === 'number_literal' || src.type === 'string_literal') return false;
  return src.namedChildren.some((c) => !!c && c.type !== 'type_descriptor' && sourceThroughPointer(c));
}
