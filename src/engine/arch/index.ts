// The four architecture profiles and lookups over them (the engine's only source of per-architecture facts).
import type { AccessFamily } from '../../analysis/facts';
import { arm64 } from './arm64';
import { powerpc64 } from './powerpc64';
import { riscv64 } from './riscv64';
import { ARCHES, type AccessorFact, type Arch, type ArchProfile, type BarrierFact, type MappingFact } from './types';
import { x86_64 } from './x86-64';

export * from './types';

export const PROFILES: Record<Arch, ArchProfile> = { x86_64, arm64, powerpc64, riscv64 };

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
