// A mapping made and torn down in the same function: the function builds a new kernel virtual mapping into a local
// and unmaps that local before it returns, so whatever it writes through the mapping runs once per mapping. Building
// one (a vm area and its page tables, mm/ioremap.c:14-48) and tearing it down (a kernel TLB flush, mm/ioremap.c:51-61,
// mm/vmalloc.c:1908-1913) costs far more than any write combining through it could save.
import type { Origin, PExpr, Span } from '../analysis/facts';
import type { FunctionFlow } from '../analysis/flow';

/** Mapping calls that build a new kernel virtual mapping (io_mapping_map_*_wc do not: they offset a fixed one). */
const REMAPS: ReadonlySet<string> = new Set([
  'ioremap_wc', 'ioremap_wt', 'pci_iomap_wc', 'pci_iomap_wc_range', 'pci_ioremap_wc_bar', 'memremap',
]);

/** Calls that tear such a mapping down, with the position of the pointer argument. */
const UNMAPS: ReadonlyMap<string, number> = new Map([['iounmap', 0], ['pci_iounmap', 1], ['memunmap', 0]]);

/** True when `origin` is a mapping `flow`'s function makes into a local and unmaps through that local. */
export function mappedPerCall(flow: FunctionFlow, origin: Origin): boolean {
  if (origin.kind !== 'mapping' || !REMAPS.has(origin.api) || origin.file !== flow.fn.file) return false;
  if (!within(origin.span, flow.fn.span)) return false;
  const locals = flow.fn.body?.locals ?? {};
  const held = Object.keys(locals).filter((name) => locals[name].values.some((v) => madeBy(v, origin.span)));
  return held.length > 0 && flow.nodes.some((n) => {
    const e = n.event;
    if (n.chain.length !== 0 || e?.kind !== 'call' || !UNMAPS.has(e.callee)) return false;
    const arg = e.argTexts[UNMAPS.get(e.callee)!]?.replace(/^\s*\([^()]*\)\s*/, '').trim();
    return arg !== undefined && held.includes(arg);
  });
}

function madeBy(v: PExpr, span: Span): boolean {
  if (v.k === 'origin') return v.origin.kind === 'mapping' && sameSpan(v.origin.span, span);
  if (v.k === 'cast') return madeBy(v.inner, span);
  return false;
}

function sameSpan(a: Span, b: Span): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character;
}

function within(inner: Span, outer: Span): boolean {
  const after = (p: Span['start'], q: Span['start']) => p.line > q.line || (p.line === q.line && p.character >= q.character);
  return after(inner.start, outer.start) && after(outer.end, inner.end);
}
