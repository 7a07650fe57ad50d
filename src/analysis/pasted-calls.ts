// Calls written inside a macro argument that the macro only pastes into a name: never made, so no event.
import type { CfgNode, Event, Span } from './facts';
import type { ProjectIndex } from './project-index';

/** How far ahead of a nested call its enclosing call's node may be (the arguments' other calls come between). */
const LOOKAHEAD = 8;

/**
 * The call at `at` is written in an argument that the macro called by a later node pastes into a name
 * (`mlxsw_pci_write32(p, DOORBELL(...), v)` with `MLXSW_PCI_ ## reg`): the preprocessor never makes it a call.
 */
export function inPastedArgument(index: ProjectIndex, nodes: readonly CfgNode[], at: number, file: string): boolean {
  const e = nodes[at].event;
  if (e?.kind !== 'call' || e.member) return false;
  for (let i = at + 1; i < Math.min(nodes.length, at + 1 + LOOKAHEAD); i++) {
    const o = nodes[i].event;
    if (o?.kind !== 'call' || !contains(o.span, e.span)) continue;
    return o.argTexts.some((t, k) => startsWithCall(t, e.callee) && index.pastedArgument(o.callee, k, file));
  }
  return false;
}

/** `text` is a call of `name` (`DOORBELL (a, b)`), compared as text: a callee is no pattern. */
function startsWithCall(text: string, name: string): boolean {
  const t = text.trimStart();
  return t.startsWith(name) && t.slice(name.length).trimStart().startsWith('(');
}

function contains(outer: Span, inner: Span): boolean {
  const before = (a: Span['start'], b: Span['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}
