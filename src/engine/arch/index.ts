// The four architecture profiles and lookups over them (the engine's only source of per-architecture facts).
import type { AccessFamily } from '../../analysis/facts';
import { SPDK_BARRIER_ALIASES } from '../../analysis/vocabulary';
import { arm64 } from './arm64';
import { COHERENT_ORDERS } from './coherent-orders';
import { powerpc64 } from './powerpc64';
import { riscv64 } from './riscv64';
import { ARCHES, type AccessorFact, type Arch, type ArchProfile, type BarrierFact, type MappingFact } from './types';
import { x86_64 } from './x86-64';

export * from './types';

/** Adds the coherent-memory orderings (./coherent-orders.ts) to a profile's barriers and accessors. */
function withCoherentOrders(p: ArchProfile): ArchProfile {
  const extra = COHERENT_ORDERS[p.arch];
  for (const [name, kinds] of Object.entries(extra.barriers)) {
    const b = p.barriers[name];
    if (b) b.provides = { ...b.provides, ...kinds };
  }
  for (const [family, dirs] of Object.entries(extra.accessors)) {
    const a = p.accessors[family as AccessFamily];
    if (dirs?.read) a.read = { ...a.read, provides: { ...a.read.provides, ...dirs.read } };
    if (dirs?.write) a.write = { ...a.write, provides: { ...a.write.provides, ...dirs.write } };
  }
  p.opaqueCall = { provides: { ...p.opaqueCall.provides, ...extra.opaqueCall } };
  p.lock = { ...p.lock, provides: { ...p.lock.provides, ...extra.lock } };
  return p;
}

/**
 * Gives each SPDK barrier the facts of the kernel barrier it is on this architecture (vocabulary.ts
 * SPDK_BARRIER_ALIASES: the same instruction on all four), with SPDK's header as its citation.
 */
function withSpdkBarriers(p: ArchProfile): ArchProfile {
  for (const [spdk, kernel] of Object.entries(SPDK_BARRIER_ALIASES)) {
    const b = p.barriers[kernel];
    if (b) p.barriers[spdk] = { ...b, instr: `${b.instr} (SPDK)`, cite: `SPDK include/spdk/barrier.h (the kernel's ${kernel}(): ${b.cite})` };
  }
  return p;
}

const profile = (p: ArchProfile): ArchProfile => withSpdkBarriers(withCoherentOrders(p));

export const PROFILES: Record<Arch, ArchProfile> = {
  x86_64: profile(x86_64), arm64: profile(arm64), powerpc64: profile(powerpc64), riscv64: profile(riscv64),
};

export function barrierFact(arch: Arch, name: string): BarrierFact | undefined {
  return PROFILES[arch].barriers[name];
}

export function accessorFact(arch: Arch, family: AccessFamily, dir: 'read' | 'write'): AccessorFact {
  return PROFILES[arch].accessors[family][dir];
}

export function mappingFact(arch: Arch, memKind: string): MappingFact | undefined {
  return PROFILES[arch].mappings[memKind];
}

export function isArch(s: string): s is Arch {
  return (ARCHES as readonly string[]).includes(s);
}
