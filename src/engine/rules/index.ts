// The rule registry: every rule id the engine knows (ids are a public contract).
import { missingWcFlush } from './missing-wc-flush';
import { missingWmbBeforeDoorbell } from './missing-wmb-before-doorbell';
import type { Rule } from './rule';

export const RULES: readonly Rule[] = [missingWmbBeforeDoorbell, missingWcFlush];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

export type { Rule, RuleContext } from './rule';
