// The buffer a userspace driver hands its device through vfio: `ioctl(container, VFIO_IOMMU_MAP_DMA, &map)` pins what
// `map.vaddr` was last given before the call (vocabulary.ts VFIO_DMA_MAPS), which is DMA-visible from then on.
import type { Node } from 'web-tree-sitter';
import { VFIO_DMA_MAPS } from './vocabulary';
import { declaratorName, unwrap } from './syntax';
import { statementsBefore } from './statement-shapes';

/** The ioctl request argument and the struct argument of `ioctl(fd, request, &map)`. */
const REQUEST_ARG = 1;
const STRUCT_ARG = 2;

/**
 * The buffer (`ring`, `q->desc`; casts to an integer stripped) an `ioctl(fd, VFIO_IOMMU_MAP_DMA, &map)` call pins:
 * the value of `map.vaddr = ...;` or of the `.vaddr = ...` initialiser of `map`, the nearest before the call.
 */
export function vfioDmaMapped(call: Node, args: readonly Node[]): Node | undefined {
  const member = args[REQUEST_ARG] ? VFIO_DMA_MAPS.get(unwrap(args[REQUEST_ARG]).text) : undefined;
  const map = member && args[STRUCT_ARG] ? structName(args[STRUCT_ARG]) : undefined;
  if (!member || !map) return undefined;
  for (const stmt of statementsBefore(call)) {
    const value = memberValue(stmt, map, member);
    if (value) return unwrap(value);
  }
  return undefined;
}

/** `&map` or a pointer `map`: the struct's local name. */
function structName(arg: Node): string | undefined {
  const a = unwrap(arg);
  const target = a.type === 'pointer_expression' && a.child(0)?.type === '&' ? a.childForFieldName('argument') : a;
  const name = target ? unwrap(target) : undefined;
  return name?.type === 'identifier' ? name.text : undefined;
}

/** What `stmt` gives `map`'s `member`: `map.member = v;` / `map->member = v;`, or `T map = { .member = v };`. */
function memberValue(stmt: Node, map: string, member: string): Node | undefined {
  if (stmt.type === 'expression_statement') {
    const e = stmt.namedChildren[0];
    if (e?.type !== 'assignment_expression' || e.childForFieldName('operator')?.text !== '=') return undefined;
    const left = e.childForFieldName('left');
    const lhs = left ? unwrap(left) : undefined;
    if (lhs?.type !== 'field_expression' || lhs.childForFieldName('field')?.text !== member) return undefined;
    const base = lhs.childForFieldName('argument');
    return base && unwrap(base).text === map ? e.childForFieldName('right') ?? undefined : undefined;
  }
  if (stmt.type !== 'declaration') return undefined;
  for (const d of stmt.childrenForFieldName('declarator')) {
    if (d?.type !== 'init_declarator' || declaratorName(d.childForFieldName('declarator')) !== map) continue;
    const list = d.childForFieldName('value');
    if (list?.type !== 'initializer_list') return undefined;
    for (const pair of list.namedChildren) {
      if (pair?.type !== 'initializer_pair') continue;
      const designator = pair.childForFieldName('designator');
      if (designator?.type === 'field_designator' && designator.namedChildren[0]?.text === member) return pair.childForFieldName('value') ?? undefined;
    }
  }
  return undefined;
}
