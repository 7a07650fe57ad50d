// The rule registry: every rule id the engine knows (ids are a public contract).
import { missingWcFlush } from './missing-wc-flush';
import { missingWmbBeforeDoorbell } from './missing-wmb-before-doorbell';
import type { Rule } from './rule';
import { FABRIC_RULES } from '../fabric-rules';

export const RULES: readonly Rule[] = [missingWmbBeforeDoorbell, missingWcFlush, ...FABRIC_RULES];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

export type { Rule, RuleContext } from './rule';
