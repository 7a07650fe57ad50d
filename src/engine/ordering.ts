// Asks the architecture data what one flow-graph node orders: barrier, accessor, unlock, or a call the analysis cannot see into.
import type { FlowNode } from '../analysis/flow';
import type { Origin } from '../analysis/facts';
import { PURE_CALLS } from '../analysis/vocabulary';
import { mustAcrossTargets, targetNames } from './pointer-calls';
import { ARCHES, PROFILES, accessorFact, barrierFact, mappingFact, type Arch, type OrderFact, type OrderKind } from './arch';

export function ordersAt(node: FlowNode, arch: Arch, kind: OrderKind): OrderFact | undefined {
  const e = node.event;
  if (!e) return undefined;
  if (node.targets) { const fact = targetsOrder(node, arch, kind); if (fact) return fact; }
  switch (e.kind) {
    case 'barrier': return barrierFact(arch, e.api)?.provides[kind];
    case 'access': return accessorFact(arch, e.family, e.dir).provides[kind];
    case 'call': return PURE_CALLS.has(e.callee) ? undefined : PROFILES[arch].opaqueCall.provides[kind];
    case 'unlock': return PROFILES[arch].unlock.provides[kind];
    case 'lock': return PROFILES[arch].lock.provides[kind];
    case 'store': return readingCopyCall(e, arch) ? PROFILES[arch].opaqueCall.provides[kind] : undefined;
    default: return undefined;
  }
}

/**
 * A copy compiled as a call of the out-of-line function (arch `outOfLineCopies`: a size known only at run time) whose
 * source is reached through a pointer member: the call may read what earlier stores wrote, so like any call the
 * compiler cannot see into (`opaqueCall`) it has them in memory first. a100u2w.c's `memcpy(scb->cdb, cmd->cmnd,
 * scb->cdb_len)` after the SCB's other fields.
 */
function readingCopyCall(e: FlowNode['event'] & { kind: 'store' }, arch: Arch): boolean {
  return !!e.viaCall && !!e.sizeAtRunTime && !!e.sourceThroughPointer && PROFILES[arch].outOfLineCopies?.calls.includes(e.viaCall) === true;
}

/**
 * A pointer call orders `kind` on `arch` when every function it may reach does on every path through it (the
 * guarantee level only when each of them guarantees it).
 */
function targetsOrder(node: FlowNode, arch: Arch, kind: OrderKind): OrderFact | undefined {
  const bit = 1 << ARCHES.indexOf(arch);
  const yes = mustAcrossTargets(node, `yes:${kind}`, (n) => orderMasks(n, kind)[1]) & bit;
  const any = yes || (mustAcrossTargets(node, `any:${kind}`, (n) => orderMasks(n, kind)[0]) & bit);
  if (!any) return undefined;
  return { level: yes ? 'yes' : 'hw', why: `every function the call can reach (${targetNames(node)}) orders it on every path` };
}

const ALL = (1 << ARCHES.length) - 1;
/** What a node without an event orders: nothing (shared, never written). */
const NO_ORDER: [number, number] = [0, 0];
const orderCache = new WeakMap<FlowNode, Partial<Record<OrderKind, [number, number]>>>();
/**
 * Masks of nodes that are not pointer calls, which depend only on the order kind, the event's kind and its name
 * (barrier api, accessor family, callee): kind -> event kind (an access: its direction) -> name.
 */
const eventMasks = new Map<OrderKind, Map<string, Map<string, [number, number]>>>();

/** [architectures on which the node orders `kind` at all, architectures on which the implementation guarantees it]. */
export function orderMasks(node: FlowNode, kind: OrderKind): [number, number] {
  const e = node.event;
  if (!e) return NO_ORDER; // most nodes: joins, branches, plain statements
  if (node.targets) return targetMasks(node, kind);
  if (e.kind === 'store' && !(e.sizeAtRunTime && e.sourceThroughPointer)) return NO_ORDER;
  const bucket = e.kind === 'access' ? e.dir : e.kind;
  const name = e.kind === 'barrier' ? e.api : e.kind === 'access' ? e.family : e.kind === 'call' ? e.callee : e.kind === 'store' ? e.viaCall ?? '' : '';
  let byBucket = eventMasks.get(kind);
  if (!byBucket) eventMasks.set(kind, (byBucket = new Map()));
  let byName = byBucket.get(bucket);
  if (!byName) byBucket.set(bucket, (byName = new Map()));
  let hit = byName.get(name);
  if (!hit) byName.set(name, (hit = computeMasks(node, kind)));
  return hit;
}

/** A pointer call's masks, memoised per node (they depend on the flows of its targets). */
function targetMasks(node: FlowNode, kind: OrderKind): [number, number] {
  let entry = orderCache.get(node);
  if (!entry) { entry = {}; orderCache.set(node, entry); }
  return (entry[kind] ??= computeMasks(node, kind));
}

function computeMasks(node: FlowNode, kind: OrderKind): [number, number] {
  let any = 0;
  let yes = 0;
  ARCHES.forEach((a, i) => {
    const f = ordersAt(node, a, kind);
    if (f) any |= 1 << i;
    if (f?.level === 'yes') yes |= 1 << i;
  });
  return [any & ALL, yes & ALL];
}

/** Guaranteed by the implementation (not just by hardware behaviour the API does not promise). */
export function guarantees(node: FlowNode, arch: Arch, kind: OrderKind): boolean {
  return ordersAt(node, arch, kind)?.level === 'yes';
}

export function isDmaVisible(o: Origin): boolean {
  return o.kind === 'dma-coherent' || o.kind === 'dma-mapped';
}

/** A write-combining mapping on `arch` (a guarded mapping call that cannot run there is none: `Origin.arches`). */
export function isWc(o: Origin, arch: Arch): boolean {
  return o.kind === 'mapping' && existsOn(o, arch) && mappingFact(arch, o.memKind)?.writeCombining === true;
}

/**
 * Write-combining on `arch` whichever way the pointer came: some origin is a write-combining mapping there and every
 * one is device memory. A queue in on-chip write-combined memory for some queues and in coherent host memory for the
 * others (cxgb4's `alloc_oc_sq()`/`alloc_host_sq()`) is not known to combine; a window mapped write-combining or, as a
 * fallback, uncached is.
 */
export function surelyWc(origins: readonly Origin[], arch: Arch): boolean {
  return origins.every(isIoMapping) && origins.some((o) => isWc(o, arch));
}

/** False for a mapping whose guarded call cannot run on `arch` (`Origin.arches`). */
export function existsOn(o: Origin, arch: Arch): boolean {
  return o.kind !== 'mapping' || !o.arches || o.arches.includes(arch);
}

/** Where an origin was made (file:line:column): two accesses whose mapping origins share one go to the same device. */
export function originSite(o: Origin): string {
  return `${o.file}:${o.span.start.line}:${o.span.start.character}`;
}

export function isIoMapping(o: Origin): boolean {
  return o.kind === 'mapping' && o.memKind !== 'memremap_wb';
}

export function line1(n: { span: { start: { line: number } } }): number {
  return n.span.start.line + 1;
}

/**
 * A volatile access on `arch`: a store or load through a volatile lvalue, a volatile MMIO access (DPDK/rdma-core
 * style), or an accessor the architecture data marks as an `asm volatile` the compiler keeps in order with volatile
 * memory accesses (x86 port I/O, `volatileAsm`).
 */
function isVolatileOn(n: FlowNode, arch: Arch): boolean {
  const e = n.event;
  if (e?.kind === 'store' || e?.kind === 'load') return e.volatile === true;
  return e?.kind === 'access' && (e.family === 'volatile' || accessorFact(arch, e.family, e.dir).volatileAsm === true);
}

export function volatilePairMask(a: FlowNode, b: FlowNode): number {
  return ARCHES.reduce((m, arch, i) => (PROFILES[arch].tso && isVolatileOn(a, arch) && isVolatileOn(b, arch) ? m | (1 << i) : m), 0);
}

/**
 * Architectures on which a store made by a copy call (memcpy()/memset() with a size known only at run time) is itself
 * an out-of-line call (arch `outOfLineCopies`) whose stores `kind` orders before anything after it, as for any call
 * the compiler cannot see into (`opaqueCall`): airo's `memcpy(ai->config_desc.virtual_host_addr, pBuf, len)`.
 */
export function selfOrderedCopyMask(n: FlowNode, kind: OrderKind): number {
  const e = n.event;
  if (e?.kind !== 'store' || !e.viaCall || !e.sizeAtRunTime) return 0;
  const via = e.viaCall;
  return ARCHES.reduce((m, arch, i) => (PROFILES[arch].outOfLineCopies?.calls.includes(via) && PROFILES[arch].opaqueCall.provides[kind] ? m | (1 << i) : m), 0);
}

/**
 * A volatile store or load through I/O mappings only (`*(volatile u32 *)(regs + 0x40) = v`, a userspace driver's own
 * register access): an MMIO access of the `volatile` family, as rdma-core's mmio_write32() and DPDK's
 * rte_write32_relaxed() are. Its direction; undefined for anything else.
 */
export function volatileIoAccess(n: FlowNode): 'read' | 'write' | undefined {
  const e = n.event;
  if ((e?.kind !== 'store' && e?.kind !== 'load') || !e.volatile || e.viaCall) return undefined;
  if (n.origins.length === 0 || !n.origins.every(isIoMapping)) return undefined;
  return e.kind === 'store' ? 'write' : 'read';
}

/** The direction of an MMIO access: an accessor call's, or a volatile access through I/O mappings (volatileIoAccess). */
export function mmioAccessDir(n: FlowNode): 'read' | 'write' | undefined {
  return n.event?.kind === 'access' ? n.event.dir : volatileIoAccess(n);
}
