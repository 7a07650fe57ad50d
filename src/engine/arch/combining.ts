// Which write accessors put a barrier before every store, so that a burst of them into a write-combining mapping no
// longer combines (as data, per architecture; riscv ordered writes fence w,o, which does not separate two NC stores).
import type { AccessFamily } from '../../analysis/facts';
import type { Arch } from './types';

export interface CombiningFact { why: string; cite: string }

export const DEFEATS_COMBINING: Record<Arch, Partial<Record<AccessFamily, CombiningFact>>> = {
  x86_64: {},
  arm64: {
    ordered: { why: 'each is dmb oshst; str, and the barrier keeps every store from merging with the next', cite: 'include/asm-generic/io.h:285-297; arch/arm64/include/asm/io.h:93-118' },
  },
  powerpc64: {
    ordered: { why: 'each is sync; stw: the sync drains store gathering before every store', cite: 'arch/powerpc/include/asm/io.h:111-168' },
    relaxed: { why: 'writel_relaxed is #defined to writel: sync; stw before every store', cite: 'arch/powerpc/include/asm/io.h:723-733' },
  },
  riscv64: {},
};
