// Whether two loads or two stores touch bitfields packed in one storage unit: one memory location, so they cannot
// become visible (or be read) out of order with each other.
import type { FlowNode } from '../analysis/flow';
import type { ProjectIndex } from '../analysis/project-index';
import { lastField } from './descriptor-words';

/** The access's lvalue text and last field, for a load or a store. */
function accessOf(n: FlowNode): { text: string; field?: string } | undefined {
  const e = n.event;
  if (e?.kind === 'load') return { text: e.text, field: e.field };
  if (e?.kind === 'store') return { text: e.targetText, field: lastField(e.targetText) };
  return undefined;
}

/**
 * Two accesses of one kind through the same object (`mode.count : 16`, `mode.status : 8`) to bitfields of one
 * storage unit (C11 6.7.2.1p11). `file`: the function's file, whose declarations answer when the struct is unknown.
 */
export function oneBitfieldUnit(index: ProjectIndex | undefined, file: string, a: FlowNode, b: FlowNode): boolean {
  const x = accessOf(a);
  const y = accessOf(b);
  if (!x || !y || a.event?.kind !== b.event?.kind || a.struct !== b.struct) return false;
  const base = (t: string) => t.replace(/(->|\.)\s*\w+\s*$/, '').replace(/\s+/g, '');
  if (base(x.text) !== base(y.text)) return false;
  // The struct type is unknown (a container declared outside the analysed files): ask the function's own file and headers.
  if (a.struct === undefined) return !!x.field && !!y.field && index?.sameBitfieldUnitInFile(file, x.field, y.field) === true;
  const ua = index?.memberShape(a.struct, x.field)?.unit;
  return ua !== undefined && ua === index?.memberShape(b.struct, y.field)?.unit;
}
