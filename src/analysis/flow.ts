// Builds a function's flow graph for the engine: its CFG with helper functions and macros inlined and every
// access and store resolved to the origins of the memory it touches.
import type { Event, FunctionFacts, Origin, Span } from './facts';
import { CFG_ENTRY, CFG_EXIT } from './facts';
import type { Ctx, ProjectIndex } from './project-index';

export interface FlowNode {
  event?: Event;
  /** For accesses: the mapping(s) behind the address; for stores and loads: the memory written or read. */
  origins: Origin[];
  /** Where to report in the analysed function: the event itself, or the outermost call that leads to it. */
  site: Span;
  /** Helper names from the analysed function down to the event (empty for the function's own events). */
  chain: string[];
  succ: number[];
}

export interface FunctionFlow { fn: FunctionFacts; nodes: FlowNode[]; hasCallers: boolean }

export const FLOW_ENTRY = 0;
export const FLOW_EXIT = 1;

const MAX_INLINE_DEPTH = 2;
const MAX_CALLEE_NODES = 400;
const MAX_FLOW_NODES = 6000;

type IoKind = 'none' | 'io';

/** Which functions do I/O themselves or through the helpers they call (memoised per index). */
export class IoSummaries {
  private readonly memo = new Map<FunctionFacts, IoKind>();
  private readonly touches = new Map<FunctionFacts, boolean>();
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
   * May touch device-visible memory: uses I/O vocabulary itself, names a field that holds DMA memory or a mapping,
   * or calls a helper or macro that does. Decided from text, so functions that cannot matter are never extracted.
   */
  touchesDevice(fn: FunctionFacts): boolean {
    const hit = this.touches.get(fn);
    if (hit !== undefined) return hit;
    const direct = (f: FunctionFacts) => f.directIo || this.index.mentionsDeviceMemory(f);
    const result = direct(fn) || fn.calls.some((name) => {
      const callee = this.index.lookupFunction(name, fn.file);
      return callee !== undefined && callee !== fn && direct(callee);
    });
    this.touches.set(fn, result);
    return result;
  }

  /** Helpers worth inlining: I/O helpers, and helpers that may store to device-visible memory. */
  worthInlining(fn: FunctionFacts): boolean {
    if (!this.doesIo(fn) && !this.touchesDevice(fn)) return false;
    const nodes = this.index.bodyOf(fn).cfg.nodes;
    return nodes.length <= MAX_CALLEE_NODES && (this.doesIo(fn) || nodes.some((n) => n.event?.kind === 'store'));
  }
}

export function buildFlow(index: ProjectIndex, io: IoSummaries, fn: FunctionFacts): FunctionFlow {
  const nodes: FlowNode[] = [];
  const entry = newNode(nodes, fn.span);
  const exit = newNode(nodes, fn.span);
  const body = inline(index, io, nodes, fn, { fn, depth: 0 }, undefined, []);
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

function inline(index: ProjectIndex, io: IoSummaries, nodes: FlowNode[], fn: FunctionFacts, ctx: Ctx, site: Span | undefined, chain: string[]): Piece {
  const cfg = index.bodyOf(fn).cfg;
  const map: Piece[] = cfg.nodes.map((n) => {
    const e = n.event;
    const callee = e?.kind === 'call' ? inlinable(index, io, nodes, fn, e.callee, chain) : undefined;
    if (e?.kind === 'call' && callee) {
      const args = new Map<string, { expr: import('./facts').PExpr; ctx: Ctx }>();
      callee.params.forEach((p, i) => { if (e.args[i]) args.set(p.name, { expr: e.args[i], ctx }); });
      return inline(index, io, nodes, callee, { fn: callee, args, depth: ctx.depth + 1 }, site ?? e.span, [...chain, callee.name]);
    }
    const id = newNode(nodes, site ?? e?.span ?? fn.span, e, e ? originsOf(index, e, ctx) : [], chain);
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
