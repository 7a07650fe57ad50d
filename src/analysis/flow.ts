// Builds a function's flow graph for the engine: its CFG with helper functions and macros inlined and every
// access and store resolved to the origins of the memory it touches.
import type { Event, FunctionFacts, Origin, Span } from './facts';
import { CFG_ENTRY, CFG_EXIT } from './facts';
import type { Ctx, ProjectIndex } from './project-index';
import { isWcKind } from './vocabulary';

export interface FlowNode {
  event?: Event;
  /** For accesses: the mapping(s) behind the address; for stores and loads: the memory written or read. */
  origins: Origin[];
  /** Where to report in the analysed function: the event itself, or the outermost call that leads to it. */
  site: Span;
  /** Helper names from the analysed function down to the event (empty for the function's own events). */
  chain: string[];
  /** A load that decides a branch: tested in a condition, or returned by a helper whose call is tested. */
  gate?: boolean;
  /** The zero-trip exit of a counting loop (see CfgBuilder.countingLoop): path analysis treats it as not taken. */
  zeroTrip?: boolean;
  succ: number[];
}

export interface FunctionFlow { fn: FunctionFacts; nodes: FlowNode[]; hasCallers: boolean }

export const FLOW_ENTRY = 0;
export const FLOW_EXIT = 1;

/** Text that may access an I/O mapping as plain memory: a copy/set call or a dereference through a member. */
const PLAIN_ACCESS = /\bmem(cpy|set|move)\s*\(|->\s*\w+\s*(->|\[)|\*\s*\(|\*\s*\w+\s*->/;

const MAX_INLINE_DEPTH = 2;
const MAX_CALLEE_NODES = 400;
const MAX_LAZY_IO_HELPER_CHARS = 1200;
const MAX_FLOW_NODES = 6000;

type IoKind = 'none' | 'io';

/** Which functions do I/O themselves or through the helpers they call (memoised per index). */
export class IoSummaries {
  private readonly memo = new Map<FunctionFacts, IoKind>();
  private readonly touches = new Map<FunctionFacts, boolean>();
  private readonly candidates = new Map<FunctionFacts, boolean>();
  constructor(private readonly index: ProjectIndex) {}

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
          return this.touchesDevice(callee) && this.hasSourceCandidates(callee, depth + 1);
        }
        default: return false;
      }
    });
    this.candidates.set(fn, result);
    return result;
  }

  /**
   * Helpers worth inlining: I/O helpers, and helpers that may store to device-visible memory. An I/O helper still kept
   * as text is inlined only when small (the doorbell and register wrappers); a large one stays an opaque call.
   */
  worthInlining(fn: FunctionFacts): boolean {
    if (!this.doesIo(fn) && !this.touchesDevice(fn)) return false;
    if (!fn.body && !this.touchesDevice(fn) && (fn.source?.text.length ?? 0) > MAX_LAZY_IO_HELPER_CHARS) return false;
    const nodes = this.index.bodyOf(fn).cfg.nodes;
    return nodes.length <= MAX_CALLEE_NODES && (this.doesIo(fn) || nodes.some((n) => n.event?.kind === 'store'));
  }
}

export function buildFlow(index: ProjectIndex, io: IoSummaries, fn: FunctionFacts): FunctionFlow {
  const nodes: FlowNode[] = [];
  const entry = newNode(nodes, fn.span);
  const exit = newNode(nodes, fn.span);
  const body = inline(index, io, nodes, fn, { fn, depth: 0 }, undefined, [], false);
  link(nodes, [entry], body.entry);
  link(nodes, body.exits, exit);
  return { fn, nodes, hasCallers: index.callerCount(fn.name) > 0 };
}

function newNode(nodes: FlowNode[], site: Span, event?: Event, origins: Origin[] = [], chain: string[] = []): number {
  nodes.push({ event, origins, site, chain, succ: [] });
  return nodes.length - 1;
}

function link(nodes: FlowNode[], from: number[], to: number): void {
  for (const f of from) if (!nodes[f].succ.includes(to)) nodes[f].succ.push(to);
}

interface Piece { entry: number; exits: number[] }

function inline(index: ProjectIndex, io: IoSummaries, nodes: FlowNode[], fn: FunctionFacts, ctx: Ctx, site: Span | undefined, chain: string[], tested: boolean): Piece {
  const cfg = index.bodyOf(fn).cfg;
  const map: Piece[] = cfg.nodes.map((n) => {
    const e = n.event;
    const callee = e?.kind === 'call' ? inlinable(index, io, nodes, fn, e.callee, chain) : undefined;
    if (e?.kind === 'call' && callee) {
      const args = new Map<string, { expr: import('./facts').PExpr; ctx: Ctx }>();
      callee.params.forEach((p, i) => { if (e.args[i]) args.set(p.name, { expr: e.args[i], ctx }); });
      return inline(index, io, nodes, callee, { fn: callee, args, depth: ctx.depth + 1 }, site ?? e.span, [...chain, callee.name], e.inCondition === true);
    }
    const id = newNode(nodes, site ?? e?.span ?? fn.span, e, e ? originsOf(index, e, ctx) : [], chain);
    if (e?.kind === 'load' && (e.inCondition || (e.returned && tested))) nodes[id].gate = true;
    if (n.zeroTrip) nodes[id].zeroTrip = true;
    return { entry: id, exits: [id] };
  });
  cfg.nodes.forEach((n, i) => { for (const s of n.succ) link(nodes, map[i].exits, map[s].entry); });
  return { entry: map[CFG_ENTRY].entry, exits: map[CFG_EXIT].exits };
}

function inlinable(index: ProjectIndex, io: IoSummaries, nodes: FlowNode[], fn: FunctionFacts, name: string, chain: string[]): FunctionFacts | undefined {
  if (chain.length >= MAX_INLINE_DEPTH || nodes.length > MAX_FLOW_NODES) return undefined;
  const callee = index.lookupFunction(name, fn.file);
  if (!callee || callee === fn || chain.includes(callee.name) || !io.worthInlining(callee)) return undefined;
  return callee;
}

function originsOf(index: ProjectIndex, e: Event, ctx: Ctx): Origin[] {
  if (e.kind === 'access') return index.resolve(e.addr, ctx);
  if (e.kind === 'store' || e.kind === 'load') return index.resolve(e.base, ctx);
  return [];
}
