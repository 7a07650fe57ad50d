// The shape every rule has, and the context a rule runs in (one function's flow graph and the chosen architectures).
import type { FunctionFlow } from '../../analysis/flow';
import type { Arch } from '../arch';
import type { Mask } from '../arch-mask';
import type { Finding, Severity } from '../findings';

export interface RuleContext {
  flow: FunctionFlow;
  /** Architectures to report for. */
  mask: Mask;
  /** Text of a 0-based line of a file, for fixes that must keep indentation. */
  lineText(file: string, line: number): string | undefined;
  report(finding: Omit<Finding, 'severity' | 'rule' | 'function'>): void;
}

export interface Rule {
  id: string;
  defaultSeverity: Severity;
  summary: string;
  run(ctx: RuleContext): void;
}

export type ArchList = Arch[];
