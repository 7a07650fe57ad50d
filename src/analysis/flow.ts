// Builds a function's flow graph for the engine: its CFG with helper functions and macros inlined and every
// access and store resolved to the origins of the memory it touches.
import type { Event, FunctionFacts, MemberSubscript, Origin, PExpr, Span } from './facts';
import { CFG_ENTRY, CFG_EXIT } from './facts';
import type { Ctx, ProjectIndex } from './project-index';
import { ACCESSORS, DMA_FREE_VADDR_ARG, HAND_OVER_CALLS, isWcKind } from './vocabulary';
import { guardBound, mayChange, passedBound } from './call-guards';
import { constantArg, NON_NULL_BINDING, type ConstBindings } from './const-cond';
import { provenNonNull } from './non-null-args';
import { storedBefore } from './stored-constants';
import { branchAllows, truthTest, type ResultKind } from './result-tests';
import { addressMembers, valueMember, type AddressMember } from './access-members';
import { calleeRename, defFact, factsOf, topRename, type PathFact, type Rename } from './path-facts';
import { inPastedArgument } from './pasted-calls';
import { DeviceArguments } from './device-arguments';
import { DmaAddressOut } from './dma-address-out';
import { arrayMember, decideWithDefines, numbered, optional, withCallFacts, withFacts } from './flow-path-facts';
import { arityFits } from './macro-arity';

export interface FlowNode {
  event?: Event;
  /** For accesses: the mapping(s) behind the address; for stores and loads: the memory written or read. */
  origins: Origin[];
  /** Where to report in the analysed function: the event itself, or the outermost call that leads to it. */
  site: Span;
  /** Helper names from the analysed function down to the event (empty for the function's own events). */
  chain: string[];
  /** Which inlined call the event belongs to (0: the analysed function's own body; each inlined call its own number). */
  inst: number;
  /** For loads and stores through a member: the struct type of the pointer's target, when known. */
  struct?: string;
  /** For stores into DMA memory: the struct type the stored object's base points to (`struct mlx4_eqe` of `eqe->event.port_change.port`), when known. */
  baseType?: string;
  /** For loads and stores through a member pointer (`p->regs[0]`, `*p->buf`): the struct declaring that member. */
  holder?: string;
  /** A load that decides a branch: tested in a condition, or returned by a helper whose call is tested. */
  gate?: boolean;
  /** The zero-trip exit of a counting loop (see CfgBuilder.countingLoop): path analysis treats it as not taken. */
  zeroTrip?: boolean;
  /** The entry of a branch only these targets compile or take (CfgNode.onlyOn): paths through it exist only there. */
  onlyOn?: import('./kbuild').KbuildArch[];
  /** For an MMIO write: the struct member its value is, followed through inlined calls' arguments (`tx_prod`). */
  valueMember?: string;
  /** For an MMIO access: the members its address is read from (`ep->p_doorbell`, with the struct type of `ep` when known), through locals and inlined arguments. */
  addressMembers?: AddressMember[];
  /** For an MMIO write: the DMA addresses its value carries (`dma-handle` origins: iowrite32(np->rx_ring_dma, ...)). */
  valueHandles?: Origin[];
  /** For a call of dma_free_coherent() and the like: the DMA memory it frees (`dma-coherent` origins). */
  frees?: Origin[];
  /**
   * For a call not inlined: it may itself make a device read memory (IoSummaries.handsOver), so the first doorbell
   * after the stores before it may be inside it.
   */
  handsOver?: boolean;
  /**
   * For a call through a function-pointer member: the flows of every function ever stored in the member
   * (ProjectIndex.pointerTargets). The engine credits the call only with what all of them do on every path.
   */
  targets?: FunctionFlow[];
  /** What the node says of tracked variables, in the analysed function's names (path-facts.ts). */
  facts?: PathFact[];
  /** For a write of a tracked variable that stores a known expression: the origins of what it stores (resolved when first asked). */
  defOrigins?: () => Origin[];
  /** For a load or store through a tracked plain variable (`av->x`): that variable's name (path-facts.ts). */
  baseKey?: string;
  succ: number[];
}

export interface FunctionFlow { fn: FunctionFacts; nodes: FlowNode[]; hasCallers: boolean }

export const FLOW_ENTRY = 0;
export const FLOW_EXIT = 1;

/** Text that may access an I/O mapping as plain memory: a copy/set call or a dereference through a member. */
const PLAIN_ACCESS = /\bmem(cpy|set|move)\s*\(|->\s*\w+\s*(->|\[)|\*\s*\(|\*\s*\w+\s*->/;

const MAX_INLINE_DEPTH = 2;
/** Macro levels expanded beyond MAX_INLINE_DEPTH functions (macros are cheap, but a chain still ends). */
const MAX_MACRO_LEVELS = 3;
const MAX_CALLEE_NODES = 400;
const MAX_LAZY_IO_HELPER_CHARS = 1200;
const MAX_FLOW_NODES = 6000;

type IoKind = 'none' | 'io';

/** A call of a device write accessor or of a HAND_OVER_CALLS function, in C text. */
const HANDING_CALL = new RegExp(`\\b(?:${[...[...ACCESSORS].filter(([, a]) => a.dir === 'write').map(([n]) => n), ...HAND_OVER_CALLS].join('|')})\\s*\\(`);

/** Which functions do I/O themselves or through the helpers they call (memoised per index). */
export class IoSummaries {
  private readonly memo = new Map<FunctionFacts, IoKind>();
  private readonly touches = new Map<FunctionFacts, boolean>();
  private readonly candidates = new Map<FunctionFacts, boolean>();
  private readonly barriers = new Map<FunctionFacts, Event | undefined>();
  private readonly handing = new Map<FunctionFacts, boolean>();
  private readonly worth = new Map<FunctionFacts, boolean>();
  private readonly wrappers = new Map<FunctionFacts, boolean>();
  private readonly targetFlows = new Map<FunctionFacts, FunctionFlow | null>();
  /** The helpers' parameters passed on to code outside the analysed files (dma-address-out.ts). */
  readonly addressOut: DmaAddressOut;
  /** Small helpers that store through a pointer parameter, inlined where a call passes them device memory. */
  readonly deviceArgs: DeviceArguments;
  constructor(private readonly index: ProjectIndex) { this.addressOut = new DmaAddressOut(index); this.deviceArgs = new DeviceArguments(index); }

  /**
   * The flow of a function a pointer call may reach (its own pointer calls left unresolved, so one level only);
   * undefined while it is being built (a cycle).
   */
  targetFlow(fn: FunctionFacts): FunctionFlow | undefined {
    const hit = this.targetFlows.get(fn);
    if (hit !== undefined) return hit ?? undefined;
    this.targetFlows.set(fn, null);
    const flow = buildFlow(this.index, this, fn, false);
    this.targetFlows.set(fn, flow);
    return flow;
  }

  /** True when the function, or a helper it calls, uses I/O vocabulary (decided from text scans, no extraction). */
  doesIo(fn: FunctionFacts, seen = new Set<FunctionFacts>()): boolean {
    const hit = this.memo.get(fn);
    if (hit) return hit === 'io';
    if (seen.has(fn)) return false;
    seen.add(fn);
    let io = fn.directIo;
    for (const name of io ? [] : fn.calls) {
      const callee = this.index.lookupFunction(name, fn.file);
      if (callee && callee !== fn && this.doesIo(callee, seen)) { io = true; break; }
    }
    this.memo.set(fn, io ? 'io' : 'none');
    return io;
  }

  /**
   * May hold a rule's source: uses I/O vocabulary itself, names a member holding DMA memory or a write-combining
   * mapping (or calls a helper or macro that does), or may access an I/O mapping as plain memory. Decided from text,
   * so functions that cannot matter are never extracted. (Calling an I/O helper alone gives sinks, not sources.)
   */
  touchesDevice(fn: FunctionFacts): boolean {
    const hit = this.touches.get(fn);
    if (hit !== undefined) return hit;
    const text = fn.source?.text ?? '';
    const result = fn.directIo || this.index.mentionsDmaMemory(fn)
      || (PLAIN_ACCESS.test(text) && this.index.mentionsIoMapping(fn))
      || fn.calls.some((name) => {
        const callee = this.index.lookupFunction(name, fn.file);
        return callee !== undefined && callee !== fn && this.index.mentionsDmaMemory(callee);
      });
    this.touches.set(fn, result);
    return result;
  }

  /**
   * Whether the function's own body (or a helper it calls that may) can start an obligation for some rule: a barrier,
   * an unlock or a mapping call, an access to a write-combining mapping, or a store/load touching DMA memory or an I/O
   * mapping (or a helper that may hold one). A function without
   * any needs no flow graph: it would only offer sinks, and inlining its I/O helpers would be wasted work.
   */
  hasSourceCandidates(fn: FunctionFacts, depth = 0): boolean {
    const hit = this.candidates.get(fn);
    if (hit !== undefined) return hit;
    this.candidates.set(fn, false);
    const body = this.index.bodyOf(fn);
    const ctx = { fn, depth: 0 };
    const result = body.cfg.nodes.some(({ event: e }) => {
      if (!e) return false;
      switch (e.kind) {
        case 'barrier': case 'unlock': case 'mapping': return true;
        case 'access': return this.index.resolve(e.addr, ctx).some((o) => o.kind === 'mapping' && isWcKind(o.memKind));
        case 'store': case 'load': return this.index.resolve(e.base, ctx).some((o) => o.kind !== 'p2pdma');
        case 'call': {
          const callee = this.index.lookupFunction(e.callee, fn.file);
          if (callee === undefined || callee === fn || depth >= MAX_INLINE_DEPTH) return false;
          return (this.touchesDevice(callee) && this.hasSourceCandidates(callee, depth + 1)) || this.deviceArgs.passesDeviceMemory(callee, e.args, ctx);
        }
        default: return false;
      }
    });
    this.candidates.set(fn, result);
    return result;
  }

  /**
   * True when the function's text writes a device register or calls a HAND_OVER_CALLS function (a DMA engine's issue,
   * an SMC), itself or through the functions it calls (decided from text, memoised per check like doesIo).
   */
  handsOver(fn: FunctionFacts, seen = new Set<FunctionFacts>()): boolean {
    const hit = this.handing.get(fn);
    if (hit !== undefined) return hit;
    if (seen.has(fn)) return false;
    seen.add(fn);
    let result = HANDING_CALL.test(fn.source?.text ?? '');
    for (const name of result ? [] : fn.calls) {
      const callee = this.index.lookupFunction(name, fn.file);
      if (callee && callee !== fn && this.handsOver(callee, seen)) { result = true; break; }
    }
    this.handing.set(fn, result);
    return result;
  }

  /**
   * The barrier a straight-line helper consists of (hfi1's `flush_wc()` is one `sfence`), so a call to it still orders
   * where inlining stops (MAX_INLINE_DEPTH); undefined for anything else.
   */
  barrierOf(fn: FunctionFacts): Event | undefined {
    if (this.barriers.has(fn)) return this.barriers.get(fn);
    let found: Event | undefined;
    if (fn.directIo && (fn.source?.text.length ?? 0) <= MAX_LAZY_IO_HELPER_CHARS) {
      const nodes = this.index.bodyOf(fn).cfg.nodes;
      const straight = nodes.every((n) => n.succ.length <= 1);
      const events = nodes.flatMap((n) => (n.event ? [n.event] : []));
      if (straight && events.length > 0 && events.every((e) => e.kind === 'barrier')) found = events[0];
    }
    this.barriers.set(fn, found);
    return found;
  }

  /**
   * A register wrapper: a straight-line helper whose only event is one device access (`wrt_reg_byte()` is
   * `writeb(data, addr)`, `er32()` a `readl()`). Like a macro it does not count towards MAX_INLINE_DEPTH: stopping at
   * it would hide the very access the helpers above it exist to make.
   */
  isAccessWrapper(fn: FunctionFacts): boolean {
    let hit = this.wrappers.get(fn);
    if (hit !== undefined) return hit;
    hit = false;
    if (fn.directIo && (fn.source?.text.length ?? 0) <= MAX_LAZY_IO_HELPER_CHARS) {
      const nodes = this.index.bodyOf(fn).cfg.nodes;
      const events = nodes.flatMap((n) => (n.event && n.event.kind !== 'return' ? [n.event] : []));
      hit = nodes.every((n) => n.succ.length <= 1) && events.length === 1 && events[0].kind === 'access';
    }
    this.wrappers.set(fn, hit);
    return hit;
  }

  /**
   * Helpers worth inlining: I/O helpers, and helpers that may store to device-visible memory. An I/O helper still kept
   * as text is inlined only when small (the doorbell and register wrappers); a large one stays an opaque call.
   */
  worthInlining(fn: FunctionFacts): boolean {
    let worth = this.worth.get(fn);
    if (worth === undefined) { worth = this.decideInlining(fn); this.worth.set(fn, worth); }
    return worth;
  }

  private decideInlining(fn: FunctionFacts): boolean {
    if (!this.doesIo(fn) && !this.touchesDevice(fn)) return false;
    if (!fn.body && !this.touchesDevice(fn) && (fn.source?.text.length ?? 0) > MAX_LAZY_IO_HELPER_CHARS) return false;
    const nodes = this.index.bodyOf(fn).cfg.nodes;
    return nodes.length <= MAX_CALLEE_NODES && (this.doesIo(fn) || nodes.some((n) => n.event?.kind === 'store'));
  }
}

/** `pointers`: resolve calls through function-pointer members (not inside the flows of their targets). */
export function buildFlow(index: ProjectIndex, io: IoSummaries, fn: FunctionFacts, pointers = true): FunctionFlow {
  const nodes: FlowNode[] = [];
  const entry = newNode(nodes, fn.span);
  const exit = newNode(nodes, fn.span);
  const rename = topRename(fn, index.bodyOf(fn).cfg.tracked);
  const body = inline(index, io, nodes, fn, { fn, depth: 0 }, undefined, { chain: [], inst: 0, count: { n: 0 }, depth: 0, pointers, rename }, false, new Map());
  link(nodes, [entry], body.entry);
  link(nodes, body.exits, exit);
  dropUnreachable(nodes);
  return { fn, nodes, hasCallers: index.callerCount(fn.name) > 0 };
}

/**
 * Empties the nodes no path from the entry reaches (the branches of inlined helpers that constant arguments ruled
 * out, code after a `return`): rules that look at nodes one by one, and path analysis seeded at every source, would
 * otherwise still see their events.
 */
function dropUnreachable(nodes: FlowNode[]): void {
  const seen = new Uint8Array(nodes.length);
  const stack = [FLOW_ENTRY];
  seen[FLOW_ENTRY] = 1;
  while (stack.length) for (const s of nodes[stack.pop()!].succ) if (!seen[s]) { seen[s] = 1; stack.push(s); }
  nodes.forEach((n, i) => {
    if (seen[i] || i === FLOW_EXIT) return;
    n.event = undefined; n.origins = []; n.succ = [];
  });
}

function newNode(nodes: FlowNode[], site: Span, event?: Event, origins: Origin[] = [], chain: string[] = [], inst = 0): number {
  nodes.push({ event, origins, site, chain, inst, succ: [] });
  return nodes.length - 1;
}

function link(nodes: FlowNode[], from: number[], to: number): void {
  for (const f of from) if (!nodes[f].succ.includes(to)) nodes[f].succ.push(to);
}

/**
 * An inlined body: its entry and exit nodes, and for a function its returns (the nodes reaching its exit node, with
 * what each return statement says of the value: `return 0`, `return -ENOMEM`).
 */
interface Piece { entry: number; exits: number[]; returns?: { ids: number[]; result?: ResultKind }[] }

/** A call node that makes no call: a macro that only computes a value, or a name pasted by the enclosing macro. */
function neverCalled(index: ProjectIndex, nodes: readonly import('./facts').CfgNode[], at: number, file: string): boolean {
  const e = nodes[at].event;
  return e?.kind === 'call' && (index.pureMacroCall(e.callee, file) || inPastedArgument(index, nodes, at, file));
}

/**
 * The inlined call being expanded: helper names down to it, its number, the flow's counter of inlined calls, and how
 * many of the helpers are functions (macros do not count towards MAX_INLINE_DEPTH: the preprocessor expands them, and
 * register macros are often layered, `OUTL` -> `OUTL_OFF` -> `iowrite32`).
 */
interface Frame { chain: string[]; inst: number; count: { n: number }; depth: number; pointers: boolean; rename: Rename }

function inline(index: ProjectIndex, io: IoSummaries, nodes: FlowNode[], fn: FunctionFacts, ctx: Ctx, site: Span | undefined, frame: Frame, tested: boolean, consts: ConstBindings): Piece {
  const cfg = index.bodyOf(fn).cfg;
  const { chain } = frame;
  const map: Piece[] = cfg.nodes.map((n, at) => {
    const e = n.event;
    const made = e?.kind === 'call' && !neverCalled(index, cfg.nodes, at, fn.file);
    const callee = made ? inlinable(index, io, nodes, fn, e, frame, ctx) : undefined;
    if (e?.kind === 'call' && callee) {
      const args = new Map<string, { expr: import('./facts').PExpr; ctx: Ctx }>();
      callee.params.forEach((p, i) => { if (e.args[i]) args.set(p.name, { expr: e.args[i], ctx }); });
      const inst = ++frame.count.n;
      const rename = calleeRename(callee, index.bodyOf(callee).cfg.tracked, inst, e.argTexts, frame.rename);
      const inner: Frame = { chain: [...chain, callee.name], inst, count: frame.count, depth: frame.depth + (callee.isMacro || io.isAccessWrapper(callee) ? 0 : 1), pointers: frame.pointers, rename };
      return withCallFacts(nodes, callee, e.argTexts, frame.rename, defFact(n, frame.rename), inline(index, io, nodes, callee, { fn: callee, args, depth: ctx.depth + 1 }, site ?? e.span, inner, e.inCondition === true, bindConstants(fn, callee, e, consts, storedBefore(cfg.nodes, at, e.argTexts), (text) => provenNonNull({ nodes: cfg.nodes, text: fn.source?.text, params: fn.params.map((p) => p.name) }, at, text))));
    }
    if (e?.kind === 'call' && e.member) return single(withFacts(nodes, pointerCall(index, io, nodes, e, ctx, site, frame), factsOf(n, e, frame.rename, true)));
    const barrier = made ? barrierCall(index, io, fn, (e as { callee: string }).callee, chain) : undefined;
    if (barrier) return single(withFacts(nodes, newNode(nodes, site ?? e!.span, barrier, [], [...chain, (e as { callee: string }).callee], frame.inst), optional(defFact(n, frame.rename))));
    const ev = e?.kind === 'load' ? arrayAware(index, e, ctx) : e?.kind === 'store' ? arrayElementStore(index, e, ctx) : e?.kind === 'call' && !made ? undefined : e;
    const id = newNode(nodes, site ?? e?.span ?? fn.span, ev, ev ? originsOf(index, ev, ctx) : [], chain, frame.inst);
    if (ev?.kind === 'load' && (ev.inCondition || (ev.returned && tested))) nodes[id].gate = true;
    if ((ev?.kind === 'load' || ev?.kind === 'store') && nodes[id].origins.length) nodes[id].struct = structOf(index, ev.base, ev.kind === 'load' ? ev.text : ev.targetText, ctx);
    if (ev?.kind === 'store' && nodes[id].origins.length) nodes[id].baseType = index.typeOf(ev.base, ctx);
    if ((ev?.kind === 'load' || ev?.kind === 'store') && nodes[id].origins.length && !ev.volatile && throughVolatileMember(index, ev, nodes[id].struct)) nodes[id].event = { ...ev, volatile: true };
    if ((ev?.kind === 'load' || ev?.kind === 'store') && nodes[id].origins.length && ev.base.k === 'member') nodes[id].holder = index.typeOf(ev.base.base, ctx);
    if (n.zeroTrip) nodes[id].zeroTrip = true;
    if (n.onlyOn) nodes[id].onlyOn = n.onlyOn;
    withFacts(nodes, id, numbered(index, fn.file, factsOf(n, e, frame.rename, e?.kind === 'call', (f) => arrayMember(index, e, f, ctx))));
    const defExpr = n.def?.expr;
    if (defExpr) { let memo: Origin[] | undefined; nodes[id].defOrigins = () => (memo ??= index.resolve(defExpr, ctx)); }
    if ((ev?.kind === 'load' || ev?.kind === 'store') && ev.base.k === 'var') nodes[id].baseKey = frame.rename(ev.base.name, false);
    if (e?.kind === 'access' && e.dir === 'write') nodes[id].valueMember = valueMember(e.value, ctx);
    if (e?.kind === 'access') nodes[id].addressMembers = addressMembers(index, e.addr, ctx);
    if (e?.kind === 'access' && e.dir === 'write' && e.value) {
      const handles = index.resolve(e.value, ctx).filter((o) => o.kind === 'dma-handle');
      if (handles.length) nodes[id].valueHandles = handles;
    }
    const freed = e?.kind === 'call' ? DMA_FREE_VADDR_ARG.get(e.callee) : undefined;
    if (freed !== undefined && e?.kind === 'call' && e.args[freed]) nodes[id].frees = index.resolve(e.args[freed], ctx).filter((o) => o.kind === 'dma-coherent');
    if (e?.kind === 'call' && (handsOverCall(index, io, fn, e.callee) || io.addressOut.passesDmaAddress(fn, e, ctx))) nodes[id].handsOver = true;
    return { entry: id, exits: [id] };
  });
  const returns: NonNullable<Piece['returns']> = [];
  // A branch this call cannot take is not entered at all: an edge into it would be a path that ends there, which a
  // "must" analysis (later-trigger.ts: every path reaches an ordered write) counts as a path that does not.
  const cannotTake = (i: number) => cfg.nodes[i].assume !== undefined && decideWithDefines(index, fn.file, cfg.nodes[i].assume!.cond, consts) === !cfg.nodes[i].assume!.holds;
  const pruned = new Set(cfg.nodes.flatMap((_, i) => (cannotTake(i) ? [i] : [])));
  cfg.nodes.forEach((n, i) => {
    if (pruned.has(i)) return;
    if (linkByResult(nodes, cfg.nodes, map, i, pruned)) return;
    for (const s of n.succ) if (!pruned.has(s)) link(nodes, map[i].exits, map[s].entry);
    if (n.succ.includes(CFG_EXIT)) returns.push({ ids: map[i].exits, result: n.event?.kind === 'return' ? n.event.result : undefined });
  });
  return { entry: map[CFG_ENTRY].entry, exits: map[CFG_EXIT].exits, returns };
}

/**
 * `err = f(...); if (err) ...` with f inlined: each of f's returns goes only to the branches its value can take (a
 * `return 0` not into `if (err)`), bypassing f's exit node. False (link as usual) unless every successor of the call
 * is a branch testing that result.
 */
function linkByResult(nodes: FlowNode[], cfgNodes: readonly import('./facts').CfgNode[], map: Piece[], at: number, pruned: ReadonlySet<number>): boolean {
  const e = cfgNodes[at].event;
  const piece = map[at];
  if (e?.kind !== 'call' || !e.resultVar || !piece.returns) return false;
  const tests = cfgNodes[at].succ.map((s) => ({ s, assume: cfgNodes[s].assume, test: truthTest(cfgNodes[s].assume?.cond ?? '') }));
  if (tests.length === 0 || tests.some((t) => !t.assume || t.test?.name !== e.resultVar)) return false;
  for (const { s, assume, test } of tests) {
    if (pruned.has(s)) continue;
    for (const r of piece.returns) if (branchAllows(test!, assume!.holds, r.result)) link(nodes, r.ids, map[s].entry);
  }
  for (const r of piece.returns) for (const id of r.ids) nodes[id].succ = nodes[id].succ.filter((x) => !piece.exits.includes(x));
  return true;
}

/**
 * The callee's parameters that the call passes a constant for, directly or through the caller's own bound parameter,
 * and `param->field` for members the caller sets to one constant (`sp->type = SRB_CT_PTHRU_CMD; qla2x00_start_sp(sp)`);
 * a pointer parameter the helper never changes is bound non-NULL when the caller proves the argument so (non-null-args.ts).
 */
function bindConstants(caller: FunctionFacts, callee: FunctionFacts, call: Event & { kind: 'call' }, outer: ConstBindings, memberStores: ConstBindings, nonNull: (argText: string) => boolean): ConstBindings {
  const out = new Map<string, string>();
  callee.params.forEach((p, i) => {
    const text = call.argTexts[i]?.trim();
    if (!p.name || text === undefined) return;
    const passed = outer.get(text);
    const bounded = passed?.startsWith('>=') || call.guards?.some((g) => g.name === text);
    // The helper's text is searched only when a bound is to be passed (most calls pass none).
    const bytes = bounded && !mayChange(callee.source?.text, p.name) ? p.bytes : undefined;
    const value = constantArg(text) ?? passedBound(passed, caller.params.find((q) => q.name === text)?.bytes, bytes) ?? guardBound(call, text, bytes)
      ?? (p.pointer && nonNull(text) && !mayChange(callee.source?.text, p.name) ? NON_NULL_BINDING : undefined);
    if (value !== undefined) out.set(p.name, value);
    for (const [target, v] of memberStores) if (target.startsWith(`${text}->`)) out.set(`${p.name}${target.slice(text.length)}`, v);
  });
  return out;
}

function single(id: number): Piece {
  return { entry: id, exits: [id] };
}

/**
 * A call through a function-pointer member: a call node carrying the flows of all the functions the member may hold,
 * handing over when every one of them does; an empty node (as if there were no call) when they are not all known.
 */
function pointerCall(index: ProjectIndex, io: IoSummaries, nodes: FlowNode[], e: Event & { kind: 'call' }, ctx: Ctx, site: Span | undefined, frame: Frame): number {
  const fns = frame.pointers && e.member ? index.pointerTargets(e.member.base, e.member.field, ctx) : undefined;
  const flows = fns?.map((t) => io.targetFlow(t));
  const known = flows?.every((f) => f !== undefined) ? flows as FunctionFlow[] : undefined;
  const id = newNode(nodes, site ?? e.span, known ? e : undefined, [], frame.chain, frame.inst);
  if (!known) return id;
  nodes[id].targets = known;
  if (fns!.every((t) => io.handsOver(t))) nodes[id].handsOver = true;
  return id;
}

/** A call not inlined (depth, size) to a helper that is only a barrier: that barrier. */
function barrierCall(index: ProjectIndex, io: IoSummaries, fn: FunctionFacts, name: string, chain: string[]): Event | undefined {
  const callee = index.lookupFunction(name, fn.file);
  return callee && callee !== fn && !chain.includes(callee.name) ? io.barrierOf(callee) : undefined;
}

/** A call left opaque that may make a device read memory: a HAND_OVER_CALLS call, or a callee that writes the device. */
function handsOverCall(index: ProjectIndex, io: IoSummaries, fn: FunctionFacts, name: string): boolean {
  if (HAND_OVER_CALLS.has(name)) return true;
  const callee = index.lookupFunction(name, fn.file);
  return callee !== undefined && callee !== fn && io.handsOver(callee);
}

/** The helper a call is inlined as: one that does I/O or touches device memory, or one the call passes device memory. */
function inlinable(index: ProjectIndex, io: IoSummaries, nodes: FlowNode[], fn: FunctionFacts, call: Event & { kind: 'call' }, frame: Frame, ctx: Ctx): FunctionFacts | undefined {
  if (nodes.length > MAX_FLOW_NODES || frame.chain.length >= MAX_INLINE_DEPTH + MAX_MACRO_LEVELS) return undefined;
  const callee = index.lookupFunction(call.callee, fn.file);
  if (!callee || callee === fn || frame.chain.includes(callee.name) || !arityFits(callee, call.args.length)) return undefined;
  if (frame.depth >= MAX_INLINE_DEPTH && !callee.isMacro && !io.isAccessWrapper(callee)) return undefined;
  return io.worthInlining(callee) || io.deviceArgs.passesDeviceMemory(callee, call.args, ctx) ? callee : undefined;
}

/**
 * The struct holding the member an lvalue names: the base pointer's type, followed through the `.` members between
 * (`bd->mode.count`: the type of `bd->mode`, not of `*bd`).
 */
export function structOf(index: ProjectIndex, base: PExpr, text: string, ctx: Ctx): string | undefined {
  const cut = Math.max(text.lastIndexOf('->'), text.lastIndexOf(']'));
  const names = [...text.slice(cut).matchAll(/(?:->|\.)\s*(\w+)/g)].map((m) => m[1]).slice(0, -1);
  return index.typeOf(names.reduce<PExpr>((b, field) => ({ k: 'member', base: b, field }), base), ctx);
}

/**
 * A load or store of a member declared volatile itself (`volatile u32 hw_status_tail`, `volatile PIPS_STATUS p`): a
 * volatile access, as one through a `volatile T *` local is. Not through it (`*p->buf`) nor by a copy call.
 */
function throughVolatileMember(index: ProjectIndex, e: Event & { kind: 'load' | 'store' }, struct: string | undefined): boolean {
  const text = e.kind === 'load' ? e.text : e.targetText;
  if (e.viaCall || /^\s*\*/.test(text)) return false;
  const field = /(?:->|\.)\s*(\w+)\s*$/.exec(text)?.[1];
  return field !== undefined && index.volatileMember(struct, field);
}

/**
 * An array member used as a value (`memcpy_fromio(buf, regs->serial_num, n)`, the `regs->data` of `regs->data[i]`) is
 * its address: nothing is read.
 */
function decaysToAddress(index: ProjectIndex, e: Event & { kind: 'load' }, ctx: Ctx): boolean {
  if (!e.field || e.viaCall || !index.isArrayField(e.field)) return false;
  return index.memberLayout(structOf(index, e.base, e.text, ctx), e.field)?.array === true;
}

/** A load as it touches memory: none for an array member used as a value, the member for an element of one. */
function arrayAware(index: ProjectIndex, e: Event & { kind: 'load' }, ctx: Ctx): Event | undefined {
  if (decaysToAddress(index, e, ctx)) return undefined;
  const el = e.element;
  return el && isArrayElement(index, el, ctx) ? { ...e, base: el.base, field: el.field, text: el.text, written: e.written ?? e.text } : e;
}

/** A subscript of a member declared as an array (`p->arr[i]`): the element lies in `*p` itself. */
function isArrayElement(index: ProjectIndex, el: MemberSubscript, ctx: Ctx): boolean {
  return index.isArrayField(el.field) && index.memberLayout(index.typeOf(el.base, ctx), el.field)?.array === true;
}

/** A store into an element of an array member (`regs->data[i] = v`) writes the struct holding the array (`*regs`). */
function arrayElementStore(index: ProjectIndex, e: Event & { kind: 'store' }, ctx: Ctx): Event {
  const el = e.element;
  return el && isArrayElement(index, el, ctx) ? { ...e, base: el.base, targetText: el.text, written: e.written ?? e.targetText } : e;
}

function originsOf(index: ProjectIndex, e: Event, ctx: Ctx): Origin[] {
  if (e.kind === 'access') return index.resolve(e.addr, ctx);
  if (e.kind === 'store' || e.kind === 'load') return index.resolve(e.base, ctx);
  return [];
}
