// Whether a memcpy()/memset() size is known only at run time: the compiler then emits a call of the out-of-line
// function (arch data `outOfLineCopies`), whose stores are complete when it returns.
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
