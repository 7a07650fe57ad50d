// The editor's cached findings between keystrokes: per-function rule findings, and per-function findings of the
// project rules that report function by function (cpu-phys-as-bus-address), with what decides when to drop them.
import type { FileFacts, FunctionFacts } from '../analysis/facts';
import { BAR_ADDRESS_CALLS, BUS_ADDRESS_CALLS, DEVICE_RESOURCE_CALLS } from '../analysis/vocabulary';
import type { Finding } from './findings';

export class FindingsCache {
  /** Findings of the per-function rules by function. */
  readonly functions = new Map<FunctionFacts, Finding[]>();
  /** Per rule id: findings of a per-function project rule (`Rule.runProjectFunction`) by function. */
  readonly projectRules = new Map<string, Map<FunctionFacts, Finding[]>>();

  /** The cached findings of one project rule (created empty). */
  projectRule(id: string): Map<FunctionFacts, Finding[]> {
    let m = this.projectRules.get(id);
    if (!m) { m = new Map(); this.projectRules.set(id, m); }
    return m;
  }

  isEmpty(): boolean { return this.functions.size === 0 && [...this.projectRules.values()].every((m) => m.size === 0); }

  /** Drops one function's findings, of every rule. */
  drop(fn: FunctionFacts): void {
    this.functions.delete(fn);
    for (const m of this.projectRules.values()) m.delete(fn);
  }

  clear(): void {
    this.functions.clear();
    this.projectRules.clear();
  }
}

/** A name whose call, or a text naming a PCI resource, gives a BAR, bus or device-resource address (pexpr.ts). */
const BAR_TEXT = new RegExp(`resource|\\b(?:${[...BAR_ADDRESS_CALLS.keys(), ...BUS_ADDRESS_CALLS, ...DEVICE_RESOURCE_CALLS.keys()].join('|')})\\b`);
const BAR_KINDS = /"kind":"(?:bar-address|bus-address|device-resource)"/;

/**
 * True when a function may hold an origin the fabric rules follow (a BAR's CPU or bus address, a device resource):
 * its text names one, or its extracted body carries one. Other functions decide no other function's fabric findings
 * except through member writes, returns and calls (which drop every cached finding anyway).
 */
export function mayGiveBarOrigins(fn: FunctionFacts): boolean {
  if (fn.source) return BAR_TEXT.test(fn.source.text); // a body's origins are calls and members its text names
  return fn.body !== undefined && BAR_KINDS.test(JSON.stringify(fn.body)); // a macro summarised as a function
}

/**
 * True when a file change may alter a per-function project rule's findings of functions that did not change: the
 * file's PCI-fabric facts (drivers, id tables, resource fills) or globals changed, or a replaced or new function
 * may hold a BAR origin.
 */
export function fabricInputsChanged(old: FileFacts, next: FileFacts, gone: readonly FunctionFacts[], fresh: readonly FunctionFacts[]): boolean {
  if (JSON.stringify(old.fabric) !== JSON.stringify(next.fabric)) return true;
  if (JSON.stringify(old.globals) !== JSON.stringify(next.globals)) return true;
  return gone.some(mayGiveBarOrigins) || fresh.some(mayGiveBarOrigins);
}
