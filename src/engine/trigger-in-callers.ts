// Whether every caller of a function, after the call returns, reaches an MMIO write to the same device ordered after
// earlier stores: then a relaxed register write the function ends with only configured the device for that start.
import type { FunctionFacts } from '../analysis/facts';
import type { FunctionFlow } from '../analysis/flow';
import type { Mask } from './arch-mask';
import type { OrderKind } from './arch';
import { callSiteOf, onlyCallers, type CallerWalk } from './caller-bound';
import { triggerTable, type TriggerScope } from './later-trigger';

/** How many callers up the start may be (config_tiles -> config_registers -> hantro_g2_vp9_dec_run). */
const MAX_CALLER_LEVELS = 2;

const memo = new WeakMap<CallerWalk['flowOf'], Map<string, Mask>>();

/**
 * Architectures on which every call of `fn` (a `static` function whose calls the index all knows, caller-bound.ts) is
 * followed in its caller, on every path that does not return an error, by an ordered write to `device`, or returns to
 * a caller of its own in which that holds (up to MAX_CALLER_LEVELS). 0 when a caller is not known.
 */
export function triggerInCallers(walk: CallerWalk, fn: FunctionFacts, kind: OrderKind, mask: Mask, device: ReadonlySet<string>, waitsIn?: TriggerScope['waitsIn'], levels = MAX_CALLER_LEVELS): Mask {
  if (levels <= 0 || device.size === 0) return 0;
  let seen = memo.get(walk.flowOf);
  if (!seen) memo.set(walk.flowOf, (seen = new Map()));
  const key = `${fn.file}|${fn.name}|${kind}|${mask}|${[...device].sort().join(',')}|${levels}`;
  const hit = seen.get(key);
  if (hit !== undefined) return hit;
  seen.set(key, 0); // a recursive call chain is not triggered
  const result = compute(walk, fn, kind, mask, device, waitsIn, levels);
  seen.set(key, result);
  return result;
}

function compute(walk: CallerWalk, fn: FunctionFacts, kind: OrderKind, mask: Mask, device: ReadonlySet<string>, waitsIn: TriggerScope['waitsIn'], levels: number): Mask {
  const callers = onlyCallers(walk.index, fn);
  if (!callers || callers.length === 0) return 0;
  let result = mask;
  for (const caller of callers) {
    const flow = walk.flowOf(caller);
    const exits = callExits(flow, fn.name, true);
    if (exits.length === 0) return 0;
    const atExit = triggerInCallers(walk, caller, kind, result, device, waitsIn, levels - 1);
    const enter = triggerTable(flow, kind, result, { device, atExit, waitsIn });
    for (const t of exits) result &= enter(t, 0);
    if (result === 0) return 0;
  }
  return result;
}

/**
 * Where control goes when a call of `name` in the caller's own body returns: the successors of a call left opaque, or
 * of an inlined call's nodes (grouped by call site) that lie outside that call. `normalOnly` leaves out where the
 * inlined call's `return -ENOMEM`-like statements go: the function's own analysis counts a path into those as done
 * (later-trigger.ts), so only its normal returns reach the exit whose callers are asked about (mtk_init_fq_dma()'s
 * allocation failures, after which mtk_dma_init() returns the error before mtk_tx_alloc()'s wmb() and writes).
 */
export function callExits(flow: FunctionFlow, name: string, normalOnly = false): number[] {
  const exits = new Set<number>();
  for (const n of flow.nodes) {
    const site = callSiteOf(n, name);
    if (site === undefined || (normalOnly && n.event?.kind === 'return' && n.event.result === 'negative')) continue;
    for (const t of n.succ) if (callSiteOf(flow.nodes[t], name) !== site) exits.add(t);
  }
  return [...exits];
}
