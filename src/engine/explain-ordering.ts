// "Explain Ordering of Selection": runs the per-architecture I/O memory model over the statements of a selection (or
// the enclosing function) and says, like a litmus table, which pairs of device-visible accesses are ordered and by
// what, in which orders the device may observe them, and which barrier or accessor change would order the rest.
// Pure: no editor or file-system access; the caller has put the file's text into the project index.
import { targetNames } from './pointer-calls';
import { buildFlow, FLOW_ENTRY, IoSummaries, type FlowNode } from '../analysis/flow';
import { positionBefore as before, type FunctionFacts, type Origin, type Position, type Span } from '../analysis/facts';
import type { ProjectIndex } from '../analysis/project-index';
import { accessorFact, barrierFact, PROFILES, type Arch, type OrderKind } from './arch';
import { eventName, originText } from './describe';
import { isDmaVisible, isWc, ordersAt } from './ordering';
import { targetsReaching } from './pending';
import { bit } from './arch-mask';

export type AccessKind = 'dma-store' | 'mmio-write' | 'mmio-read' | 'unlock';

export interface OrderingAccess {
  /** A, B, C ... in program order. */
  id: string;
  kind: AccessKind;
  /** e.g. `the store to d->flags`, `writel_relaxed()`. */
  label: string;
  /** 1-based line of the statement in the analysed function (the call site for helpers). */
  line: number;
  span: Span;
  /** Where the memory comes from, e.g. `dma_alloc_coherent() at demo_nic.c:42`. */
  memory?: string;
  /** Helper chain when the access happens inside an inlined helper. */
  via: string[];
}

export interface OrderingStep { label: string; line: number; kind: 'barrier' | 'call' | 'lock' }

export interface PairVerdict {
  first: string;
  second: string;
  /** The question asked of the model (e.g. "store to DMA memory before a later MMIO write"). */
  question: string;
  ordered: boolean;
  /** `api`: the documented API guarantees it; `hw`: only the hardware does; `none`: not ordered. */
  level: 'api' | 'hw' | 'none';
  /** What orders it, e.g. "writel() (dmb oshst; str)", or why nothing does. */
  by: string;
  /** Linux 6.1 `path:lines` of the fact used. */
  cite?: string;
  /** For pairs not ordered by the API: the smallest change that would order them on this architecture. */
  fix?: string;
}

export interface ArchOrdering {
  arch: Arch;
  pairs: PairVerdict[];
  /** Number of orders in which the device may observe the accesses (linear extensions of the guaranteed order). */
  orderCount: number;
  /** Up to MAX_ORDERS of them, program order first (access ids). */
  orders: string[][];
  /** True when the count stopped at MAX_COUNT. */
  countCapped: boolean;
}

export interface OrderingExplanation {
  file: string;
  function: string;
  range: Span;
  accesses: OrderingAccess[];
  steps: OrderingStep[];
  arches: ArchOrdering[];
  notes: string[];
}

export type ExplainResult = { ok: true; explanation: OrderingExplanation } | { ok: false; error: string };

export interface ExplainInput {
  index: ProjectIndex;
  path: string;
  /** The selection; an empty range (or none) means the whole enclosing function. */
  range?: Span;
  arches: readonly Arch[];
}

const MAX_ACCESSES = 8;
const MAX_ORDERS = 6;
const MAX_COUNT = 5000;
const ORDERED_FAMILIES = new Set(['ordered', 'relaxed', 'port', 'string']);
const MEMORY_BARRIERS_TXT = 'Documentation/memory-barriers.txt';

function isEmpty(r: Span): boolean {
  return r.start.line === r.end.line && r.start.character === r.end.character;
}

function overlaps(s: Span, r: Span): boolean {
  return !before(s.end, r.start) && !before(r.end, s.start);
}

function enclosing(index: ProjectIndex, path: string, at: Position): FunctionFacts | undefined {
  const fns = index.get(path)?.functions ?? [];
  return fns.find((f) => !f.isMacro && !before(at, f.span.start) && !before(f.span.end, at));
}

/** A statement of the reading: its flow node, its node id, and its access letter when it is one. */
interface Item { node: FlowNode; id: number; access?: OrderingAccess }

function accessKind(n: FlowNode): AccessKind | undefined {
  const e = n.event;
  if (!e) return undefined;
  if (e.kind === 'store' && n.origins.some(isDmaVisible)) return 'dma-store';
  if (e.kind === 'store' && n.origins.some((o) => o.kind === 'mapping')) return 'mmio-write';
  if (e.kind === 'access') return e.dir === 'write' ? 'mmio-write' : 'mmio-read';
  if (e.kind === 'unlock') return 'unlock';
  return undefined;
}

function memoryOf(n: FlowNode): string | undefined {
  const o = n.origins[0];
  return o ? originText(o) : undefined;
}

function wcOn(n: FlowNode, arch: Arch): boolean {
  return n.origins.some((o: Origin) => isWc(o, arch));
}

/** The events of the selection in execution order: reverse postorder of the flow graph (a straight-line reading). */
function linearise(nodes: FlowNode[], range: Span | undefined): number[] {
  const seen = new Uint8Array(nodes.length);
  const post: number[] = [];
  const stack: [number, number][] = [[FLOW_ENTRY, 0]];
  seen[FLOW_ENTRY] = 1;
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const succ = nodes[top[0]].succ;
    if (top[1] < succ.length) {
      // Visit successors last-first so that, reversed, the first successor (the fall-through) comes first.
      const next = succ[succ.length - 1 - top[1]++];
      if (!seen[next]) { seen[next] = 1; stack.push([next, 0]); }
    } else {
      post.push(top[0]);
      stack.pop();
    }
  }
  // A counting loop's condition is walked twice (before the first iteration and after each): read it once.
  const shown = new Set<string>();
  const firstTime = (n: FlowNode) => { const k = JSON.stringify([n.site, n.event?.span]); return !shown.has(k) && !!shown.add(k); };
  return post.reverse().filter((i) => nodes[i].event && (!range || overlaps(nodes[i].site, range)) && firstTime(nodes[i]));
}

export function explainOrdering(input: ExplainInput): ExplainResult {
  const { index, path, arches } = input;
  const range = input.range && !isEmpty(input.range) ? input.range : undefined;
  const at = input.range?.start ?? { line: 0, character: 0 };
  const fn = enclosing(index, path, at) ?? (range ? enclosing(index, path, range.end) : undefined);
  if (!fn) return { ok: false, error: 'the selection is not inside a C function Fabric Lens has analysed' };
  const flow = buildFlow(index, new IoSummaries(index), fn);
  const notes: string[] = [];
  const items: Item[] = [];
  const steps: OrderingStep[] = [];
  let letter = 0;
  for (const id of linearise(flow.nodes, range)) {
    const node = flow.nodes[id];
    const kind = accessKind(node);
    const e = node.event!;
    if (kind) {
      if (letter >= MAX_ACCESSES) { notes.push(`only the first ${MAX_ACCESSES} device-visible accesses are shown; select fewer statements to see the rest`); break; }
      const access: OrderingAccess = {
        id: String.fromCharCode(65 + letter++), kind, label: eventName(node), line: node.site.start.line + 1, span: node.site, via: node.chain,
      };
      const mem = memoryOf(node);
      if (mem) access.memory = mem;
      items.push({ node, id, access });
    } else if (e.kind === 'barrier' || e.kind === 'call' || e.kind === 'lock') {
      items.push({ node, id });
      steps.push({ label: eventName(node), line: node.site.start.line + 1, kind: e.kind });
    }
  }
  const accesses = items.flatMap((i) => (i.access ? [i.access] : []));
  if (accesses.length === 0) {
    return { ok: false, error: `no device-visible access (MMIO read/write, store to DMA memory, or spin_unlock) in the ${range ? 'selection' : `function ${fn.name}()`}` };
  }
  if (items.some((i) => i.node.event?.kind === 'call' && !i.node.targets)) notes.push('calls Fabric Lens cannot see into count only as what the architecture guarantees for an opaque call (a compiler barrier)');
  for (const { node } of items) if (node.targets) notes.push(`${eventName(node)} at line ${node.site.start.line + 1} counts as what every function it can reach (${targetNames(node)}) does on every path`);
  if (input.index.bodyOf(fn).cfg.nodes.some((n) => n.succ.length > 1)) notes.push('branches are read in source order (a straight-line reading of the selection)');
  notes.push('MMIO accesses are assumed to go to the same device; accesses to different devices are not ordered with each other by any accessor');
  // Statements only some architectures compile or reach (`#ifdef CONFIG_ARM64`, `if (IS_ENABLED(...))`) are in
  // their tables alone: a wmb() arm64 compiles orders nothing on riscv64.
  const reach = targetsReaching(flow);
  const on = (arch: Arch) => (reach ? items.filter((it) => reach[it.id] & bit(arch)) : items);
  if (reach && arches.some((arch) => on(arch).length !== items.length)) notes.push('statements only some architectures compile are left out of the other architectures\' tables');
  const result: ArchOrdering[] = arches.map((arch) => archOrdering(arch, on(arch)));
  return { ok: true, explanation: { file: path, function: fn.name, range: range ?? fn.span, accesses, steps, arches: result, notes } };
}

function archOrdering(arch: Arch, items: Item[]): ArchOrdering {
  const pairs: PairVerdict[] = [];
  const idx = items.map((it, i) => (it.access ? i : -1)).filter((i) => i >= 0);
  for (let x = 0; x < idx.length; x++) {
    for (let y = x + 1; y < idx.length; y++) {
      const v = pairVerdict(arch, items, idx[x], idx[y]);
      if (v) pairs.push(v);
    }
  }
  const ids = idx.map((i) => items[i].access!.id);
  const edges = pairs.filter((p) => p.level === 'api').map((p) => [p.first, p.second] as const);
  const { count, orders, capped } = linearExtensions(ids, edges);
  return { arch, pairs, orderCount: count, orders, countCapped: capped };
}

function between(items: Item[], i: number, j: number): FlowNode[] {
  return items.slice(i + 1, j).map((it) => it.node);
}

/** What orders `kind` among `nodes` (the later access itself first, then barriers, then anything else). */
function orderer(nodes: FlowNode[], arch: Arch, kind: OrderKind, later?: FlowNode): { node: FlowNode; level: 'yes' | 'hw'; why: string; cite: string } | undefined {
  let hw: { node: FlowNode; level: 'yes' | 'hw'; why: string; cite: string } | undefined;
  const rank = (n: FlowNode) => (n === later ? 0 : n.event?.kind === 'barrier' ? 1 : 2);
  for (const n of [...nodes].sort((x, y) => rank(x) - rank(y))) {
    const f = ordersAt(n, arch, kind);
    if (!f) continue;
    const hit = { node: n, level: f.level, why: f.why, cite: citeOf(n, arch) };
    if (f.level === 'yes') return hit;
    hw ??= hit;
  }
  return hw;
}

function citeOf(n: FlowNode, arch: Arch): string {
  const e = n.event;
  if (e?.kind === 'barrier') return barrierFact(arch, e.api)?.cite ?? '';
  if (e?.kind === 'access') return accessorFact(arch, e.family, e.dir).cite;
  if (e?.kind === 'unlock') return PROFILES[arch].unlock.cite;
  return '';
}

function instrOf(n: FlowNode, arch: Arch): string {
  const e = n.event;
  if (e?.kind === 'barrier') return barrierFact(arch, e.api)?.instr ?? 'unknown on this architecture';
  if (e?.kind === 'access') return accessorFact(arch, e.family, e.dir).instr;
  if (e?.kind === 'unlock') return PROFILES[arch].unlock.instr;
  return 'an opaque call';
}

/** The first kernel barrier that guarantees `kind` on `arch`, in order of preference. */
function barrierFor(arch: Arch, kind: OrderKind, prefer: readonly string[]): string | undefined {
  return prefer.find((b) => barrierFact(arch, b)?.provides[kind]?.level === 'yes');
}

const KIND_QUESTION: Record<OrderKind, string> = {
  'store-mmiow': 'store to DMA memory, then MMIO write',
  'wc-next': 'write-combined write, then a later access',
  'mmiow-unlock': 'MMIO write, then spin_unlock (next lock owner)',
  'dma-st-st': 'store to coherent DMA memory, then another (e.g. the ownership word)',
  'ld-ld': 'load of a device-written status word, then loads of the descriptor',
  'mmior-ld': 'MMIO read of a completion register, then loads of DMA memory',
};

function pairVerdict(arch: Arch, items: Item[], i: number, j: number): PairVerdict | undefined {
  const a = items[i];
  const b = items[j];
  const A = a.access!;
  const B = b.access!;
  const mid = between(items, i, j);
  const base = { first: A.id, second: B.id };
  // A write through a write-combining mapping: only a barrier that drains the WC buffers orders what follows.
  const ae = a.node.event;
  if (A.kind === 'mmio-write' && B.kind === 'unlock' && ae?.kind === 'access' && accessorFact(arch, ae.family, ae.dir).trackedForUnlock) {
    const kind: OrderKind = wcOn(a.node, arch) ? 'wc-next' : 'mmiow-unlock';
    return { ...base, question: KIND_QUESTION[kind], ordered: true, level: 'api', by: `${B.label} (the later access itself): ${eventName(a.node)} marked an mmiowb() pending, which the unlock performs (${PROFILES[arch].unlock.instr})`, cite: PROFILES[arch].unlock.cite };
  }
  if (A.kind === 'mmio-write' && wcOn(a.node, arch)) {
    return modelled(arch, base, 'wc-next', [...mid, b.node], b.node,
      () => { const w = barrierFor(arch, 'wc-next', ['wmb', 'mb', 'dma_mb']); return w ? `insert ${w}() after line ${A.line}` : undefined; });
  }
  if (A.kind === 'dma-store' && B.kind === 'mmio-write' && !wcOn(b.node, arch)) {
    return modelled(arch, base, 'store-mmiow', [...mid, b.node], b.node, () => {
      const e = b.node.event;
      if (e?.kind === 'access' && e.family === 'relaxed' && e.api.endsWith('_relaxed') && accessorFact(arch, 'ordered', 'write').provides['store-mmiow']?.level === 'yes') {
        return `use ${e.api.replace(/_relaxed$/, '')}() at line ${B.line} (or insert wmb() before it)`;
      }
      const w = barrierFor(arch, 'store-mmiow', ['wmb', 'mb']);
      return w ? `insert ${w}() before line ${B.line}` : undefined;
    });
  }
  if (A.kind === 'mmio-write' && B.kind === 'unlock') {
    return modelled(arch, base, 'mmiow-unlock', [...mid, b.node], b.node, () => {
      const w = barrierFor(arch, 'mmiow-unlock', ['mmiowb', 'wmb', 'mb']);
      return w ? `insert ${w}() before line ${B.line}` : undefined;
    });
  }
  if (A.kind === 'dma-store' && B.kind === 'dma-store') return storeStore(arch, base, mid, B.line);
  if ((A.kind === 'mmio-write' || A.kind === 'mmio-read') && (B.kind === 'mmio-write' || B.kind === 'mmio-read') && !wcOn(b.node, arch)) {
    return mmioMmio(arch, base, a.node, b.node, mid, B.line);
  }
  return undefined;
}

function modelled(arch: Arch, base: { first: string; second: string }, kind: OrderKind, candidates: FlowNode[], later: FlowNode, fix: () => string | undefined): PairVerdict {
  const hit = orderer(candidates, arch, kind, later);
  const question = KIND_QUESTION[kind];
  if (hit?.level === 'yes') {
    const self = hit.node === later ? ' (the later access itself)' : ` at line ${hit.node.site.start.line + 1}`;
    return { ...base, question, ordered: true, level: 'api', by: `${eventName(hit.node)}${self}: ${instrOf(hit.node, arch)} — ${hit.why}`, cite: hit.cite };
  }
  const lacks = candidates.map((n) => (n.event?.kind === 'barrier' ? barrierFact(arch, n.event.api)?.lacks?.[kind] : undefined)).filter((s): s is string => !!s);
  const by = hit
    ? `only by hardware: ${eventName(hit.node)} (${instrOf(hit.node, arch)}) — ${hit.why}`
    : `nothing: ${later.event?.kind === 'access' || later.event?.kind === 'unlock' ? `${eventName(later)} is ${instrOf(later, arch)}` : 'no barrier between'}${lacks.length ? `; ${lacks.join('; ')}` : ''}`;
  const v: PairVerdict = { ...base, question, ordered: false, level: hit ? 'hw' : 'none', by, cite: hit?.cite ?? citeOf(later, arch) };
  const f = fix();
  if (f) v.fix = f;
  if (!v.cite) delete v.cite;
  return v;
}

const STORE_STORE_BARRIERS = ['dma_wmb', 'wmb', 'dma_mb', 'mb'];

function storeStore(arch: Arch, base: { first: string; second: string }, mid: FlowNode[], line: number): PairVerdict {
  const question = 'store to DMA memory, then another store to DMA memory';
  const bar = mid.find((n) => n.event?.kind === 'barrier' && STORE_STORE_BARRIERS.includes(n.event.api) && barrierFact(arch, n.event.api));
  if (bar && bar.event?.kind === 'barrier') {
    return { ...base, question, ordered: true, level: 'api', by: `${bar.event.api}() at line ${bar.site.start.line + 1}: ${instrOf(bar, arch)}`, cite: `${MEMORY_BARRIERS_TXT}:1907-1949` };
  }
  const hw = arch === 'x86_64' && mid.some((n) => n.event?.kind === 'barrier' || n.event?.kind === 'call' || (n.event?.kind === 'access' && accessorFact(arch, n.event.family, n.event.dir).compilerBarrier));
  return {
    ...base, question, ordered: false, level: hw ? 'hw' : 'none',
    by: hw ? 'only by hardware: x86 TSO keeps stores in order and a compiler barrier stands between, but the API promises nothing'
      : 'nothing: the compiler and (except on x86) the CPU may reorder stores to normal memory',
    cite: `${MEMORY_BARRIERS_TXT}:1907-1949`, fix: `insert dma_wmb() before line ${line} (if the device may read the first store before the second)`,
  };
}

function mmioMmio(arch: Arch, base: { first: string; second: string }, a: FlowNode, b: FlowNode, mid: FlowNode[], line: number): PairVerdict {
  const question = 'MMIO access, then MMIO access (same device)';
  const fam = (n: FlowNode) => (n.event?.kind === 'access' ? n.event.family : 'raw');
  if (ORDERED_FAMILIES.has(fam(a)) && ORDERED_FAMILIES.has(fam(b))) {
    return { ...base, question, ordered: true, level: 'api', by: `${eventName(a)} and ${eventName(b)} on a default (non write-combining) mapping: accesses to the same peripheral from one CPU arrive in program order`, cite: `${MEMORY_BARRIERS_TXT}:2559-2562, 2602-2610` };
  }
  const hit = orderer(mid, arch, 'wc-next');
  if (hit?.level === 'yes') {
    return { ...base, question, ordered: true, level: 'api', by: `${eventName(hit.node)} at line ${hit.node.site.start.line + 1}: ${instrOf(hit.node, arch)}`, cite: hit.cite };
  }
  const w = barrierFor(arch, 'wc-next', ['wmb', 'mb']);
  return {
    ...base, question, ordered: false, level: 'none',
    by: `nothing: ${fam(a) === 'raw' || fam(b) === 'raw' ? '__raw accessors have no ordering against other MMIO' : 'copy/toio helpers do not guarantee the order of their accesses'}`,
    cite: 'Documentation/driver-api/device-io.rst:232-243; lib/iomap_copy.c:9-18',
    ...(w ? { fix: `insert ${w}() before line ${line}, or use readl()/writel()` } : {}),
  };
}

/** Counts (up to MAX_COUNT) and lists (up to MAX_ORDERS) the orders of `ids` that respect `edges`, program order first. */
export function linearExtensions(ids: string[], edges: readonly (readonly [string, string])[]): { count: number; orders: string[][]; capped: boolean } {
  const preds = new Map(ids.map((id) => [id, new Set<string>()]));
  for (const [x, y] of edges) preds.get(y)?.add(x);
  const orders: string[][] = [];
  let count = 0;
  const placed = new Set<string>();
  const cur: string[] = [];
  const walk = (): boolean => {
    if (count >= MAX_COUNT) return false;
    if (cur.length === ids.length) {
      count++;
      if (orders.length < MAX_ORDERS) orders.push([...cur]);
      return true;
    }
    for (const id of ids) {
      if (placed.has(id) || [...preds.get(id)!].some((p) => !placed.has(p))) continue;
      placed.add(id); cur.push(id);
      walk();
      placed.delete(id); cur.pop();
      if (count >= MAX_COUNT) return false;
    }
    return true;
  };
  walk();
  return { count, orders, capped: count >= MAX_COUNT };
}
