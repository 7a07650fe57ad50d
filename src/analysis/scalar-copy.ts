// A memcpy() that moves one scalar: between a plain scalar local (`&v`) and a pointer whose type makes it aligned for
// that scalar (`u16 *tbl`), of exactly the local's size, a power of two up to 8. GCC folds such a copy into one load
// and one store of that width wherever the target takes an unaligned access of it (the arch data's scalarCopy).
import type { Node } from 'web-tree-sitter';
import type { Event } from './facts';
import { scalarBytes } from './scalar-width';
import { callArgs, unwrap } from './syntax';
import { localBytes, localUses, takesAddress, type IdentifierIndex, type ValueUses } from './value-uses';

/** The copy's width and, when it copies into the local, where the local's value goes (value-uses.ts). */
export interface ScalarCopy { bytes: number; intoLocal: boolean; uses?: ValueUses }

/**
 * `call` = memcpy(dst, src, n) with one of dst/src `&local` and the other a pointer of pointee width at least n
 * (`pointeeBytes`: pointer locals and parameters by name). Undefined for any other copy.
 */
export function scalarCopy(call: Node, ids: IdentifierIndex, pointeeBytes: Readonly<Record<string, number>>): ScalarCopy | undefined {
  const [dst, src, size] = callArgs(call);
  if (!dst || !src || !size) return undefined;
  const intoLocal = localAddress(dst) !== undefined;
  const local = localAddress(intoLocal ? dst : src);
  const pointer = intoLocal ? src : dst;
  if (!local) return undefined;
  const bytes = localBytes(ids, local);
  if (!bytes || ![1, 2, 4, 8].includes(bytes) || sizeBytes(size, local, bytes, pointeeBytes) !== bytes) return undefined;
  if ((alignedFor(pointer, pointeeBytes) ?? 0) < bytes) return undefined;
  const uses = intoLocal ? localUses(ids, local, call) : undefined;
  return { bytes, intoLocal, ...(uses ? { uses } : {}) };
}

/** `&name` (through casts and parentheses, `(caddr_t)&name` too): the local's name. */
function localAddress(arg: Node): string | undefined {
  const n = unwrap(arg);
  const v = n.type === 'pointer_expression' ? n.childForFieldName('argument') : n.type === 'binary_expression' ? n.childForFieldName('right') : null;
  return v?.type === 'identifier' && takesAddress(n, v) ? v.text : undefined;
}

/** The value of a copy's size argument: a literal, `sizeof(local)`, `sizeof(T)` of a scalar type, `sizeof(*p)`. */
function sizeBytes(size: Node, local: string, localBytes: number, pointeeBytes: Readonly<Record<string, number>>): number | undefined {
  const t = size.text.replace(/\s+/g, '');
  if (/^\d+$/.test(t)) return Number(t);
  const m = /^sizeof\(?(\*?)\(?([A-Za-z_][\w ]*?)\)?\)?$/.exec(size.text.replace(/\s+/g, ' ').replace(/\s*([()*])\s*/g, '$1').trim());
  if (!m) return undefined;
  if (m[1]) return pointeeBytes[m[2]];
  return m[2] === local ? localBytes : scalarBytes(m[2]);
}

/** The alignment a pointer expression's C type promises: a sized pointer (`u16 *p`), or such a pointer plus an index. */
function alignedFor(pointer: Node, pointeeBytes: Readonly<Record<string, number>>): number | undefined {
  const n = unwrap(pointer);
  if (n.type === 'identifier') return pointeeBytes[n.text];
  if (n.type === 'binary_expression' && ['+', '-'].includes(n.childForFieldName('operator')?.text ?? '')) {
    // Not through a cast: `(u8 *)p + 1` steps by bytes.
    const left = n.childForFieldName('left');
    return left?.type === 'identifier' ? pointeeBytes[left.text] : undefined;
  }
  return undefined;
}

/** memcpy()'s events with the scalar copy marked: `scalarCopy` on both, the local's `uses` on the load of a copy into it. */
export function markScalarCopy(events: Event[], call: Node, name: string, ids: IdentifierIndex, pointeeBytes: Readonly<Record<string, number>>): Event[] {
  if (name !== 'memcpy' && name !== '__builtin_memcpy') return events;
  const copy = scalarCopy(call, ids, pointeeBytes);
  if (!copy) return events;
  return events.map((e) => e.kind === 'load' ? { ...e, scalarCopy: copy.bytes, ...(copy.uses ? { uses: copy.uses } : {}) } : e.kind === 'store' ? { ...e, scalarCopy: copy.bytes } : e);
}
