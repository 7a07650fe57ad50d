// The rule registry: every rule id the engine knows (ids are a public contract).
import { iomemPlainAccess } from './iomem-plain-access';
import { mappingUnsupportedOnArch } from './mapping-unsupported-on-arch';
import { missingDmaRmb } from './missing-dma-rmb';
import { missingDmaWmbBeforeOwnership } from './missing-dma-wmb-before-ownership';
import { missingWcFlush } from './missing-wc-flush';
import { dmaWmbInsufficient, missingWmbBeforeDoorbell } from './missing-wmb-before-doorbell';
import { mmioUnorderedWithUnlock } from './mmio-unordered-with-unlock';
import { redundantBarrier } from './redundant-barrier';
import { wcCombiningDefeated } from './wc-combining-defeated';
import { wcRead } from './wc-read';
import type { Rule } from './rule';
import { FABRIC_RULES } from '../fabric-rules';

/** The I/O memory-model rules (issue 3), in the order the docs list them. */
export const ORDERING_RULES: readonly Rule[] = [
  missingWmbBeforeDoorbell, missingWcFlush, missingDmaWmbBeforeOwnership, missingDmaRmb, wcCombiningDefeated, wcRead,
  iomemPlainAccess, mmioUnorderedWithUnlock, dmaWmbInsufficient, redundantBarrier, mappingUnsupportedOnArch,
];

export const RULES: readonly Rule[] = [...ORDERING_RULES, ...FABRIC_RULES];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

export type { Rule, RuleContext } from './rule';
