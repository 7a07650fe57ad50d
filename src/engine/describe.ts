// Wording shared by rule messages: how to name an event, its origin, and what an accessor or barrier is on an architecture.
import type { FlowNode } from '../analysis/flow';
import type { Origin } from '../analysis/facts';
import { accessorFact, barrierFact, type Arch, type OrderKind } from './arch';
import { volatileIoAccess } from './ordering';

export function lineOf(node: FlowNode): number {
  return node.site.start.line + 1;
}

export function via(node: FlowNode): string {
  return node.chain.length ? ` (in ${node.chain.join('() -> ')}())` : '';
}

export function eventName(node: FlowNode): string {
  const e = node.event;
  if (!e) return 'this point';
  switch (e.kind) {
    case 'access': return `${e.api}()`;
    case 'store': return `the store to ${e.written ?? e.targetText}`;
    case 'barrier': return e.written ?? `${e.api}()`;
    case 'lock': case 'unlock': return `${e.api}()`;
    case 'call': return `${e.callee}()`;
    default: return e.kind;
  }
}

export function originText(o: Origin): string {
  const base = o.file.split('/').pop();
  return `${o.api}() at ${base}:${o.span.start.line + 1}`;
}

/**
 * "on arm64 writel_relaxed is str" for an access node (or a volatile access through an I/O mapping); on x86_64, for an
 * accessor that is no compiler barrier, what the compiler may then move (`moves`: earlier stores after a write).
 */
export function accessOn(node: FlowNode, arch: Arch, moves = 'earlier stores after it'): string {
  const e = node.event;
  const volatileDir = volatileIoAccess(node);
  if (e?.kind !== 'access' && !volatileDir) return '';
  const fact = e?.kind === 'access' ? accessorFact(arch, e.family, e.dir) : accessorFact(arch, 'volatile', volatileDir!);
  const compiler = arch === 'x86_64' && !fact.compilerBarrier ? `, so the compiler may move ${moves}` : '';
  const what = e?.kind === 'access' ? e.api : `the volatile ${volatileDir === 'write' ? 'store' : 'load'}`;
  return `on ${arch} ${what} is ${fact.instr}${compiler}`;
}

/** Why a barrier between two events did not order them on an architecture, or undefined if it did. */
export function barrierLack(node: FlowNode, arch: Arch, kind: OrderKind): string | undefined {
  const e = node.event;
  if (e?.kind !== 'barrier') return undefined;
  const fact = barrierFact(arch, e.api);
  if (!fact || fact.provides[kind]) return undefined;
  return `${e.written ?? `${e.api}()`} at line ${lineOf(node)} is ${fact.instr} on ${arch}${fact.lacks?.[kind] ? `: ${fact.lacks[kind]}` : ''}`;
}

/** What a plain memory access is on an architecture, for the coherent-memory rules. */
export function plainAccessOn(arch: Arch, dir: 'load' | 'store'): string {
  const weak: Record<Arch, string> = {
    x86_64: `the compiler may reorder plain ${dir}s that no barrier separates (the hardware keeps them in order)`,
    arm64: `plain ${dir}s to Normal memory may become visible in any order (weakly ordered)`,
    powerpc64: `plain ${dir}s to cacheable memory may be reordered (weakly ordered)`,
    riscv64: `plain ${dir}s may be reordered under RVWMO`,
  };
  return `on ${arch} ${weak[arch]}`;
}

/** Both events come from one inlined call of the analysed function: the helper's own analysis reports them at their lines. */
export function sameInlinedCall(a: FlowNode, b: FlowNode): boolean {
  return a.chain.length > 0 && b.chain.length > 0 && a.chain[0] === b.chain[0] && a.site.start.line === b.site.start.line && a.site.start.character === b.site.start.character;
}

/**
 * Names a descriptor within the inlined call its access belongs to: the same local name in two helpers, or in two
 * calls of one helper (one per ring), is two things.
 */
export function scopedKey(n: FlowNode, key: string): string {
  return `${n.inst}:${key}`;
}
