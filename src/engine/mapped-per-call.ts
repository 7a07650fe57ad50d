// A mapping made and torn down in the same function: the function builds a new kernel virtual mapping into a local
// and unmaps that local before it returns, so whatever it writes through the mapping runs once per mapping. Building
// one (a vm area and its page tables, mm/ioremap.c:14-48) and tearing it down (a kernel TLB flush, mm/ioremap.c:51-61,
// mm/vmalloc.c:1908-1913) costs far more than any write combining through it could save. Also through a helper: a
// `static` helper makes the mapping into a member (sisfb_post_map_vram(): `ivideo->video_vbase = ioremap_wc(...)`),
// each of its callers unmaps that member after the call (sisfb_post_sis300(): `iounmap(ivideo->video_vbase)`), and the
// burst runs in such a caller or in `static` functions only those callers reach (sisfb_post_300_ramsize/_rwtest).
import { sameStart, spanWithin, type FunctionFacts, type Origin, type PExpr, type Span } from '../analysis/facts';
import type { FunctionFlow } from '../analysis/flow';
import { callSiteOf, onlyCallers, type CallerWalk } from './caller-bound';
import { reachable } from './pending';
import { UNMAP_POINTER_ARG as UNMAPS } from '../analysis/vocabulary';

/** Mapping calls that build a new kernel virtual mapping (io_mapping_map_*_wc do not: they offset a fixed one). */
const REMAPS: ReadonlySet<string> = new Set([
  'ioremap_wc', 'ioremap_wt', 'pci_iomap_wc', 'pci_iomap_wc_range', 'pci_ioremap_wc_bar', 'memremap',
]);

/** True when `origin` is a mapping `flow`'s function makes into a local and unmaps through that local. */
export function mappedPerCall(flow: FunctionFlow, origin: Origin): boolean {
  if (origin.kind !== 'mapping' || !REMAPS.has(origin.api) || origin.file !== flow.fn.file) return false;
  if (!spanWithin(origin.span, flow.fn.span)) return false;
  const locals = flow.fn.body?.locals ?? {};
  const held = Object.keys(locals).filter((name) => locals[name].values.some((v) => madeBy(v, origin.span)));
  return held.length > 0 && flow.nodes.some((n) => {
    const e = n.event;
    if (n.chain.length !== 0 || e?.kind !== 'call' || !UNMAPS.has(e.callee)) return false;
    const arg = e.argTexts[UNMAPS.get(e.callee)!]?.replace(/^\s*\([^()]*\)\s*/, '').trim();
    return arg !== undefined && held.includes(arg);
  });
}

/** How many callers up from the burst's function the unmapping caller may be (_rwtest -> _ramsize -> _sis300). */
const MAX_LEVELS = 3;

/**
 * True when `origin` is made by a `static` helper into a member every caller of the helper unmaps after calling it,
 * and `flow`'s function is such a caller or runs only from them (every call known, up to MAX_LEVELS callers up).
 */
export function mappedPerCallerCall(walk: CallerWalk, flow: FunctionFlow, origin: Origin): boolean {
  if (origin.kind !== 'mapping' || !REMAPS.has(origin.api)) return false;
  const helper = walk.index.get(origin.file)?.functions.find((f) => !f.isMacro && spanWithin(origin.span, f.span));
  const member = helper && helper !== flow.fn ? mappedMember(walk, helper, origin.span) : undefined;
  const makers = member ? onlyCallers(walk.index, helper!) : undefined;
  if (!makers?.length || !makers.every((f) => unmapsAfter(walk.flowOf(f), helper!.name, member!))) return false;
  return runsOnlyIn(walk, flow.fn, new Set(makers), MAX_LEVELS);
}

/** The member the helper stores the mapping made at `span` into (`x->m = ioremap_wc(...)`), when it is one. */
function mappedMember(walk: CallerWalk, helper: FunctionFacts, span: Span): string | undefined {
  const fields = walk.index.bodyOf(helper).memberAssigns.filter((a) => madeBy(a.value, span)).map((a) => a.field);
  return fields.length > 0 && fields.every((f) => f === fields[0]) ? fields[0] : undefined;
}

/** Every call of `helper` in the caller's own body is followed, on some path, by an unmap of `...->member`. */
function unmapsAfter(flow: FunctionFlow, helper: string, member: string): boolean {
  const unmaps = new Set(flow.nodes.flatMap((n, id) => {
    const e = n.event;
    if (n.chain.length !== 0 || e?.kind !== 'call' || !UNMAPS.has(e.callee)) return [];
    const arg = e.argTexts[UNMAPS.get(e.callee)!]?.replace(/\s+/g, '') ?? '';
    return new RegExp(`(?:->|\\.)${member}$`).test(arg) ? [id] : [];
  }));
  const calls = flow.nodes.flatMap((n, id) => (callSiteOf(n, helper) !== undefined ? [id] : []));
  return unmaps.size > 0 && calls.length > 0 && calls.every((id) => [...reachable(flow, id)].some((r) => unmaps.has(r)));
}

/** `fn` is one of `makers`, or a `static` function whose every caller runs only in them. */
function runsOnlyIn(walk: CallerWalk, fn: FunctionFacts, makers: ReadonlySet<FunctionFacts>, levels: number): boolean {
  if (makers.has(fn)) return true;
  if (levels <= 0) return false;
  const callers = onlyCallers(walk.index, fn);
  return !!callers?.length && callers.every((c) => c !== fn && runsOnlyIn(walk, c, makers, levels - 1));
}

/** `v` is the result of the mapping call at `span` (through casts). */
export function madeBy(v: PExpr, span: Span): boolean {
  if (v.k === 'origin') return v.origin.kind === 'mapping' && sameStart(v.origin.span, span);
  if (v.k === 'cast') return madeBy(v.inner, span);
  return false;
}

