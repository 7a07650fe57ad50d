// The shape every rule has, and the context a rule runs in (one function's flow graph and the chosen architectures).
import type { FunctionFlow } from '../../analysis/flow';
import type { FunctionFacts } from '../../analysis/facts';
import type { Arch } from '../arch';
import type { Mask } from '../arch-mask';
import type { Finding, Severity } from '../findings';
import type { ProjectIndex } from '../../analysis/project-index';
import type { Topology } from '../fabric/types';
import type { DeviceMap } from '../fabric-rules/device-map';

export interface RuleContext {
  flow: FunctionFlow;
  /** The project index, for facts beyond the flow graph (which fields are pointers). */
  index?: ProjectIndex;
  /** Architectures to report for. */
  mask: Mask;
  /** The architectures the kernel's build files build the function's file for, when known (CheckOptions.buildArches). */
  builtFor?: readonly Arch[];
  /** Text of a 0-based line of a file, for fixes that must keep indentation. */
  lineText(file: string, line: number): string | undefined;
  /** The flow graph of another function (a caller), built on demand and kept for the rest of the check. */
  flowOf?(fn: FunctionFacts): FunctionFlow;
  /** `rule` reports under a related id the same analysis decides (e.g. dma-wmb-insufficient from the doorbell analysis). */
  report(finding: Omit<Finding, 'severity' | 'rule' | 'function'> & { rule?: string }): void;
}

/** Context of a rule that looks at the whole analysed project at once (the fabric rules): facts, topology, device map. */
export interface ProjectRuleContext {
  index: ProjectIndex;
  /** Files whose findings are wanted (the rest of the index is context: callers, struct members, id tables). */
  paths: readonly string[];
  mask: Mask;
  /** The PCIe topology the code runs on (`--topology`), when one is configured. */
  topology?: Topology;
  /** Driver names / `vvvv:dddd` -> BDFs in the topology (`--device-map`, `fabricLens.deviceMap`). */
  deviceMap?: DeviceMap;
  lineText(file: string, line: number): string | undefined;
  /** `severity` overrides the rule's default (e.g. error when the topology proves the bug); user settings win. */
  report(finding: Omit<Finding, 'severity' | 'rule'> & { severity?: Severity }): void;
}

export interface Rule {
  id: string;
  defaultSeverity: Severity;
  summary: string;
  /** Runs on one I/O-touching function's flow graph. */
  run?(ctx: RuleContext): void;
  /** Runs once per check over all requested files. */
  runProject?(ctx: ProjectRuleContext): void;
  /**
   * Instead of runProject, for a project rule whose findings are each one function's of the requested files: runs
   * once per function (not macro) of them, in order, so the editor reuses a function's findings while it stays.
   */
  runProjectFunction?(ctx: ProjectRuleContext, fn: FunctionFacts): void;
}

