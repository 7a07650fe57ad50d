// A helper that walks entries its caller already bounded: every call of it sits in a loop an ordered read of a count
// or index register bounds (index-bound-read.ts), in the caller or one caller further up. The helper is a `static`
// function of a .c file whose name appears nowhere but in calls (no ops table, no callback argument, no macro), so the
// calls the index knows are all of its calls.
import type { FunctionFacts } from '../analysis/facts';
import type { FlowNode, FunctionFlow } from '../analysis/flow';
import type { ProjectIndex } from '../analysis/project-index';
import type { Mask } from './arch-mask';
import { codeOnly } from '../analysis/text-scan';
import { boundByIndexRead } from './index-bound-read';
import { ARCHES } from './arch';

const ALL: Mask = (1 << ARCHES.length) - 1;

/** How many callers up the bound may be (pqi_process_io_intr -> pqi_process_io_error -> pqi_process_raid_io_error). */
const MAX_CALLER_LEVELS = 2;

export interface CallerWalk { index: ProjectIndex; flowOf(fn: FunctionFacts): FunctionFlow }

const memo = new WeakMap<CallerWalk['flowOf'], Map<FunctionFacts, Mask>>();

/** Architectures on which every call of `fn` reads only entries an ordered index/count read in a caller bounds. */
export function boundInCallers(walk: CallerWalk, fn: FunctionFacts, levels = MAX_CALLER_LEVELS): Mask {
  if (levels <= 0) return 0;
  let seen = memo.get(walk.flowOf);
  if (!seen) { seen = new Map(); memo.set(walk.flowOf, seen); }
  const key = seen.get(fn);
  if (key !== undefined) return key;
  seen.set(fn, 0); // a recursive call chain is not bounded
  const mask = compute(walk, fn, levels);
  seen.set(fn, mask);
  return mask;
}

function compute(walk: CallerWalk, fn: FunctionFacts, levels: number): Mask {
  const callers = onlyCallers(walk.index, fn);
  if (!callers || callers.length === 0) return 0;
  let mask = ALL;
  for (const caller of callers) {
    const flow = walk.flowOf(caller);
    const sites = callSites(flow, fn.name);
    if (sites.length === 0) return 0;
    let up: Mask | undefined;
    for (const at of sites) {
      let here = boundByIndexRead(flow, at);
      if ((here & mask) !== mask) here |= (up ??= boundInCallers(walk, caller, levels - 1));
      mask &= here;
      if (mask === 0) return 0;
    }
  }
  return mask;
}

/**
 * The functions calling `fn` when those are all its calls: `fn` is `static` in a .c file, not named outside function
 * bodies, and every function of the file naming it only calls it (`fn(`); undefined otherwise.
 */
export function onlyCallers(index: ProjectIndex, fn: FunctionFacts): FunctionFacts[] | undefined {
  if (fn.isMacro || !fn.file.endsWith('.c') || !/^\s*static\b/.test(fn.source?.text ?? '')) return undefined;
  const facts = index.get(fn.file);
  if (!facts || facts.valueRefs?.includes(fn.name)) return undefined;
  if (index.callerCount(fn.name) === 0) return []; // called nowhere: no need to scan every function's text
  const named = new RegExp(`\\b${fn.name}\\b`, 'g');
  const callers: FunctionFacts[] = [];
  for (const other of facts.functions) {
    if (other === fn) continue;
    const text = codeOnly(other.source?.text ?? '');
    const uses = [...text.matchAll(named)];
    if (uses.length === 0) continue;
    if (other.isMacro || uses.some((m) => !/^\s*\(/.test(text.slice(m.index! + fn.name.length)))) return undefined;
    if (index.lookupFunction(fn.name, other.file) !== fn) return undefined;
    callers.push(other);
  }
  return callers;
}

/** For a node of a call of `name` the caller's own body makes (left opaque, or inlined), that call's site; else undefined. */
export function callSiteOf(n: FlowNode, name: string): string | undefined {
  const own = n.chain.length === 0 && n.event?.kind === 'call' && n.event.callee === name;
  return own || n.chain[0] === name ? `${n.site.start.line}:${n.site.start.character}` : undefined;
}

/** One node of each call of `name` the caller's own body makes (inlined or not), by call site. */
export function callSites(flow: FunctionFlow, name: string): number[] {
  const bySite = new Map<string, number>();
  flow.nodes.forEach((n, id) => {
    const key = callSiteOf(n, name);
    if (key !== undefined && !bySite.has(key)) bySite.set(key, id);
  });
  return [...bySite.values()];
}

