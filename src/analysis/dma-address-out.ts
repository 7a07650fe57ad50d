// Which parameters of a driver helper reach code outside the analysed files as call arguments, so that a call passing a DMA address there may hand memory to the device inside code the flow cannot see.
import type { Event, FunctionFacts } from './facts';
import type { Ctx } from './member-keys';
import type { ProjectIndex } from './project-index';
import { PURE_CALLS, STORE_CALLS } from './vocabulary';

/**
 * Calls that take a DMA address without telling the device anything: value helpers (byte order, `lower_32_bits()`),
 * copies into memory (`memcpy()`, `put_unaligned_le64()`), logging and tracing, and the CPU side of the DMA API
 * (mapping, syncing, freeing: `dma_sync_single_for_device()` is cache maintenance, not a hand-over;
 * `dma_async_issue_pending()` is a hand-over call of its own, vocabulary.ts).
 */
const NOT_A_HAND_OVER = /^(?:(?:cpu_to_|le\d+_to_|be\d+_to_)\w+|(?:put|get)_unaligned\w*|\w*printk\w*|\w*printf|pr_\w+|dev_(?:dbg|info|notice|warn|err|crit|alert|emerg|printk)\w*|netdev_\w+|netif_\w+|trace_\w+|WARN\w*|BUG\w*|dma_\w+|dmam_\w+)$/;

/** Locals of `text` assigned from an expression naming one of `names`, added to `names` until none is new. */
function assignedFrom(text: string, names: Set<string>): Set<string> {
  const assignments = [...text.matchAll(/(?<![\w.>])([A-Za-z_]\w*)\s*(?:[|+]?=)(?!=)([^;]*)/g)];
  for (let grew = true; grew;) {
    grew = false;
    for (const [, lhs, rhs] of assignments) {
      if (names.has(lhs) || ![...names].some((n) => new RegExp(`\\b${n}\\b`).test(rhs))) continue;
      names.add(lhs);
      grew = true;
    }
  }
  return names;
}

type CallEvent = Event & { kind: 'call' };

function mentions(call: CallEvent, names: ReadonlySet<string>): boolean {
  return call.argTexts.some((t) => [...names].some((n) => new RegExp(`\\b${n}\\b`).test(t)));
}

/**
 * The positions of `fn`'s parameters whose value, directly or through locals assigned from it, is an argument of a
 * call to a function no analysed file defines (not a value helper, copy, log call or DMA API call, nor deciding a
 * branch), or of a call to a
 * driver function that passes it on so (`recurse`). mlx4's mlx4_ACCESS_MEM(dev, master_addr, ...) builds
 * `in_param`/`out_param` from the addresses and calls mlx4_cmd_imm(), a `static inline` of include/linux/mlx4/cmd.h
 * that posts the firmware command.
 */
function paramsPassedOut(index: ProjectIndex, fn: FunctionFacts, recurse: (callee: FunctionFacts) => ReadonlySet<number>): Set<number> {
  const out = new Set<number>();
  const text = fn.source?.text ?? '';
  if (fn.isMacro || fn.params.length === 0 || !text) return out;
  const calls = index.bodyOf(fn).cfg.nodes.flatMap((n) => (n.event?.kind === 'call' && !n.event.member ? [n.event] : []));
  fn.params.forEach((p, i) => {
    if (!p.name) return;
    const names = assignedFrom(text, new Set([p.name]));
    const outward = calls.some((c) => {
      // A call deciding a branch (`if (IS_ALIGNED(addr, 8))`) computes a value; a command's call is a statement.
      if (c.inCondition || !mentions(c, names)) return false;
      const callee = index.lookupFunction(c.callee, fn.file);
      if (callee === undefined) return !PURE_CALLS.has(c.callee) && !STORE_CALLS.has(c.callee) && !NOT_A_HAND_OVER.test(c.callee) && !index.pureMacroCall(c.callee, fn.file);
      if (callee === fn) return false;
      const passed = recurse(callee);
      return c.argTexts.some((t, j) => passed.has(j) && [...names].some((n) => new RegExp(`\\b${n}\\b`).test(t)));
    });
    if (outward) out.add(i);
  });
  return out;
}

/** The memoised answers of paramsPassedOut() for one index, and what a call site makes of them. */
export class DmaAddressOut {
  private readonly passedOut = new Map<FunctionFacts, ReadonlySet<number>>();
  private readonly asking = new Set<FunctionFacts>();
  private cut = false;
  constructor(private readonly index: ProjectIndex) {}

  /**
   * A call left opaque to a driver helper that passes a DMA address argument on to code outside the analysed files:
   * that code is told where some memory is, and may itself make the device read it (mlx4_ACCESS_MEM() posting a
   * firmware command through mlx4_cmd_imm() of include/linux/mlx4), so the helper may be the hand-over, as one writing
   * a register is. The helper is asked only when an argument is a DMA address.
   */
  passesDmaAddress(fn: FunctionFacts, e: CallEvent, ctx: Ctx): boolean {
    if (e.member) return false;
    const callee = this.index.lookupFunction(e.callee, fn.file);
    if (callee === undefined || callee === fn) return false;
    // The arguments first: most calls pass no DMA address, and the helper's answer extracts its body and its callees'.
    const handles = e.args.flatMap((a, i) => (this.index.resolve(a, ctx).some((o) => o.kind === 'dma-handle') ? [i] : []));
    if (handles.length === 0) return false;
    const passed = this.paramsPassedOut(callee);
    return handles.some((i) => passed.has(i));
  }

  /**
   * paramsPassedOut() of `fn`, memoised. A function still being asked (a cycle) answers none, and an answer that met
   * such a cut is not kept: each function on a cycle is answered as the cycle's root, whichever is asked first.
   */
  paramsPassedOut(fn: FunctionFacts): ReadonlySet<number> {
    const hit = this.passedOut.get(fn);
    if (hit) return hit;
    if (this.asking.has(fn)) { this.cut = true; return new Set(); }
    this.asking.add(fn);
    const outerCut = this.cut;
    this.cut = false;
    const result = paramsPassedOut(this.index, fn, (callee) => this.paramsPassedOut(callee));
    this.asking.delete(fn);
    if (!this.cut) this.passedOut.set(fn, result);
    this.cut ||= outerCut;
    return result;
  }
}
