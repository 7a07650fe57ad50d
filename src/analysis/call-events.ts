// The flow events a call makes once its arguments are walked: an accessor, barrier, lock, mapping, copy, or a plain call.
import type { Node } from 'web-tree-sitter';
import type { Event, MemberAssign, PExpr, VarInfo } from './facts';
import { vfioDmaMapped } from './vfio-dma-map';
import { ACCESSORS, BARRIERS, DMA_ALLOC_HANDLE_ARG, DMA_MAPS, DMA_PINS, fenceBarrier, LOCKS, MAPPINGS, STORE_CALLS, THREAD_FENCES, TRAILING_BARRIERS, UNLOCKS } from './vocabulary';
import { stackCopyRead, stackDestination, type LocalKind } from './stack-copies';
import { clip, spanOf, unwrap } from './syntax';
import { guardCalls, storeBase, toPExpr } from './pexpr';
import { resultUsed } from './statement-shapes';
import { runtimeSize, sourceThroughPointer } from './copy-size';

/** What a call's events depend on in the function being built, and the facts a DMA call adds to. */
export interface CallScope {
  file: string;
  /** The call is inside a condition being walked. */
  inCondition: boolean;
  localKinds: Map<string, LocalKind>;
  locals: Record<string, VarInfo>;
  memberAssigns: MemberAssign[];
}

/** The events of a call to `name`, in order (none, one, or a copy's load then its store). */
export function callEvents(node: Node, name: string, args: Node[], scope: CallScope): Event[] {
  const { file } = scope;
  const span = spanOf(node);
  const acc = ACCESSORS.get(name);
  if (acc && acc.dir === 'write' && stackDestination(name, args[acc.addrArg], scope.localKinds)) {
    const read = stackCopyRead(name, acc.family, args[1] && toPExpr(args[1], file), args[1]?.text ?? '', span);
    return read ? [read] : [];
  }
  if (acc) {
    const addr = args[acc.addrArg];
    const value = acc.dir === 'write' ? args[acc.addrArg === 0 ? 1 : 0] : undefined;
    const access: Event = {
      kind: 'access', api: name, dir: acc.dir, family: acc.family, addr: toPExpr(addr, file), addrText: addr?.text ?? '',
      value: value ? toPExpr(value, file) : undefined, valueText: value?.text, span,
    };
    return withTrailingBarrier(name, access);
  }
  const fixed = vocabularyEvent(node, name, args, span);
  if (fixed) return withTrailingBarrier(name, fixed);
  const storeArg = STORE_CALLS.get(name);
  if (storeArg !== undefined && args[storeArg]) return storeCallEvents(name, args, storeArg, file, span);
  recordDmaResults(node, name, args, scope);
  recordOutParameters(name, args, scope);
  return [{
    kind: 'call', callee: name, args: args.map((a) => toPExpr(a, file)), argTexts: args.map((a) => clip(a.text)),
    resultUsed: resultUsed(node), inCondition: scope.inCondition || undefined, span,
  }];
}

/** The call's event, then the barrier its definition runs after it (TRAILING_BARRIERS), if any. */
function withTrailingBarrier(name: string, event: Event): Event[] {
  const trailer = TRAILING_BARRIERS.get(name);
  return trailer ? [event, { kind: 'barrier', api: trailer, span: event.span }] : [event];
}

/** A barrier, lock, unlock or mapping call's event. */
function vocabularyEvent(node: Node, name: string, args: Node[], span: Event['span']): Event | undefined {
  if (BARRIERS.has(name)) return { kind: 'barrier', api: name, span };
  const fence = THREAD_FENCES.has(name) ? fenceBarrier(args[0]?.text) : undefined;
  if (fence) return { kind: 'barrier', api: fence, span, written: `${name}(${args[0].text.trim()})` };
  if (LOCKS.has(name)) return { kind: 'lock', api: name, lock: lockKey(args[0]), span };
  if (UNLOCKS.has(name)) return { kind: 'unlock', api: name, lock: lockKey(args[0]), span };
  const mapping = MAPPINGS.get(name);
  if (!mapping) return undefined;
  const guards = guardCalls(node);
  return { kind: 'mapping', api: name, memKind: mapping.memKind, span, ...(guards.length ? { guards } : {}) };
}

/** `memcpy(dst, src, n)`, `WRITE_ONCE(x, v)`, ...: a copy's load of its source, then the store to its destination. */
function storeCallEvents(name: string, args: Node[], storeArg: number, file: string, span: Event['span']): Event[] {
  const out: Event[] = [];
  const base = name === 'WRITE_ONCE' ? storeBase(args[storeArg], file) : toPExpr(args[storeArg], file);
  const src = COPY_SOURCE.has(name) ? args[1] : undefined;
  if (src) out.push({ kind: 'load', base: toPExpr(src, file), text: clip(src.text), inCondition: false, viaCall: name, span });
  const outOfLine = name !== 'WRITE_ONCE' && runtimeSize(args[2]) ? { sizeAtRunTime: true, ...(src && sourceThroughPointer(src) ? { sourceThroughPointer: true } : {}) } : {};
  if (base) out.push({ kind: 'store', base, targetText: args[storeArg].text, viaCall: name, ...outOfLine, span });
  return out;
}

/** A `dma_map_*()` or `dma_alloc_*()` call: the origins its buffer and DMA handle get. */
function recordDmaResults(node: Node, name: string, args: Node[], scope: CallScope): void {
  const mapped = DMA_MAPS.get(name);
  if (mapped !== undefined) recordDmaMapped(name, args[mapped], node, scope);
  const handle = DMA_ALLOC_HANDLE_ARG.get(name);
  if (handle !== undefined) recordDmaHandle(name, args[handle], node, scope);
  const pinned = DMA_PINS.get(name);
  if (pinned !== undefined) recordDmaPinned(name, args[pinned], node, scope);
  if (name === 'ioctl') recordVfioDmaMap(node, args, scope);
}

/** `ioctl(container, VFIO_IOMMU_MAP_DMA, &map)`: the buffer `map.vaddr` names is DMA-visible (vfio-dma-map.ts). */
function recordVfioDmaMap(call: Node, args: Node[], scope: CallScope): void {
  const buffer = vfioDmaMapped(call, args);
  if (buffer) assignValue(buffer, { k: 'origin', origin: { kind: 'dma-coherent', api: unwrap(args[1]).text, file: scope.file, span: spanOf(call) } }, scope);
}

/**
 * A member or pointer local whose address a call passes (`request_and_map(pdev, "csr", &res, &mdev->csr)`,
 * `ring_alloc(dev, size, &va, &pa)`) may get what the callee stores through that parameter (`*ptr = devm_ioremap(...)`):
 * resolved, if the callee is analysed, in its body.
 */
function recordOutParameters(name: string, args: Node[], scope: CallScope): void {
  if (DMA_MAPS.has(name) || DMA_ALLOC_HANDLE_ARG.has(name)) return;
  let all: PExpr[] | undefined;
  args.forEach((arg, param) => {
    const addr = unwrap(arg);
    if (addr.type !== 'pointer_expression' || addr.child(0)?.type !== '&') return;
    const target = unwrap(addr.childForFieldName('argument')!);
    const field = target.type === 'field_expression' ? target.childForFieldName('field')?.text : undefined;
    const local = target.type === 'identifier' && scope.localKinds.get(target.text) === 'pointer' ? target.text : undefined;
    if (!field && !local) return;
    all ??= args.map((a) => toPExpr(a, scope.file));
    const value: PExpr = { k: 'stored', fn: name, param, args: all };
    if (local) (scope.locals[local] ??= { values: [] }).values.push(value);
    else scope.memberAssigns.push({ base: toPExpr(target.childForFieldName('argument'), scope.file), field: field!, value });
  });
}

/** A call through a function-pointer member (`p->fn(...)`, `(*p->fn)(...)`): a call event naming the member. */
export function memberCallEvent(node: Node, args: Node[], file: string, inCondition: boolean): Event | undefined {
  const fnNode = node.childForFieldName('function');
  if (!fnNode) return undefined;
  let callee = unwrap(fnNode);
  if (callee.type === 'pointer_expression' && callee.child(0)?.type === '*') callee = unwrap(callee.childForFieldName('argument')!);
  const field = callee.type === 'field_expression' ? callee.childForFieldName('field')?.text : undefined;
  const base = callee.childForFieldName('argument');
  if (!field || !base) return undefined;
  return {
    kind: 'call', callee: clip(callee.text.replace(/\s+/g, '')), member: { base: toPExpr(base, file), field },
    args: args.map((a) => toPExpr(a, file)), argTexts: args.map((a) => clip(a.text)),
    resultUsed: resultUsed(node), inCondition: inCondition || undefined, span: spanOf(node),
  };
}

function recordDmaMapped(api: string, buf: Node | undefined, call: Node, scope: CallScope): void {
  const target = buf ? unwrap(buf) : undefined;
  if (target?.type !== 'identifier') return;
  const info = (scope.locals[target.text] ??= { values: [] });
  info.values.push({ k: 'origin', origin: { kind: 'dma-mapped', api, file: scope.file, span: spanOf(call) } });
}

/**
 * `ibv_dontfork_range(buf->buf, size)`: the memory a local or a member holds is DMA-visible (`dma-coherent`, with the
 * call's span), so every struct of that type holds such memory in that member (`mlx5_buf.buf`). Unlike a kernel
 * `dma_map_single(dev, skb->data, ...)`, whose member is ordinary memory elsewhere, a provider's buffer member holds
 * nothing else.
 */
function recordDmaPinned(api: string, arg: Node | undefined, call: Node, scope: CallScope): void {
  const value: PExpr = { k: 'origin', origin: { kind: 'dma-coherent', api, file: scope.file, span: spanOf(call) } };
  if (arg) assignValue(unwrap(arg), value, scope);
}

/**
 * `dma_alloc_coherent(dev, size, &h, gfp)`: `h` (a local, or a member `&p->h`) gets the allocation's DMA address, a
 * `dma-handle` origin with the call's span (the memory's `dma-coherent` origin has the same).
 */
function recordDmaHandle(api: string, arg: Node | undefined, call: Node, scope: CallScope): void {
  const addr = arg ? unwrap(arg) : undefined;
  if (addr?.type !== 'pointer_expression' || addr.child(0)?.type !== '&') return;
  const value: PExpr = { k: 'origin', origin: { kind: 'dma-handle', api, file: scope.file, span: spanOf(call) } };
  assignValue(unwrap(addr.childForFieldName('argument')!), value, scope);
}

/** `target` (a local, or a member `p->f`, which every struct of that type then may hold) gets `value`. */
function assignValue(target: Node, value: PExpr, scope: CallScope): void {
  if (target.type === 'identifier') (scope.locals[target.text] ??= { values: [] }).values.push(value);
  const field = target.type === 'field_expression' ? target.childForFieldName('field')?.text : undefined;
  if (field) scope.memberAssigns.push({ base: toPExpr(target.childForFieldName('argument'), scope.file), field, value });
}

/** Plain copies read their second argument's memory. */
const COPY_SOURCE = new Set(['memcpy', 'memmove']);

/** The lock argument's text without spaces or a leading &, so `&p->lock` and `& p->lock` pair up. */
function lockKey(arg: Node | undefined): string | undefined {
  return arg ? arg.text.replace(/\s+/g, '').replace(/^&/, '') : undefined;
}
