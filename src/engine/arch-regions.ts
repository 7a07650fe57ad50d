// Findings narrowed to the architectures that compile the line they are reported on (the analysis' `archRegions`).
import type { FileFacts, FunctionFacts } from '../analysis/facts';
import type { ProjectIndex } from '../analysis/project-index';
import { ARCHES } from './arch';
import { maskOf, type Mask } from './arch-mask';
import type { Finding } from './findings';

const ALL = maskOf(ARCHES);

/** The architectures compiling a 0-based line of a file (all four outside any region). */
export function lineMask(facts: FileFacts | undefined, line: number): Mask {
  const region = facts?.archRegions?.find((r) => r.start <= line && line <= r.end);
  return region ? maskOf(region.arches) : ALL;
}

/**
 * The masks to run a function's rules with, each within `fileMask`: the mask of its first line (the regions around
 * it), then one per region inside it that compiles for fewer architectures. Empty when no architecture compiles it.
 */
export function functionMasks(facts: FileFacts | undefined, fn: FunctionFacts, fileMask: Mask): Mask[] {
  const outer = fileMask & lineMask(facts, fn.span.start.line);
  const inner = (facts?.archRegions ?? [])
    .filter((r) => r.start <= fn.span.end.line && r.end >= fn.span.start.line)
    .map((r) => fileMask & maskOf(r.arches));
  return [...new Set([outer, ...inner])].filter((m) => m !== 0);
}

/** Each finding's architectures intersected with those compiling its line; findings left with none are dropped. */
export function restrictToRegions(findings: Finding[], index: ProjectIndex): Finding[] {
  return findings.flatMap((f) => {
    const mask = lineMask(index.get(f.file), f.span.start.line);
    if (mask === ALL || f.arches.length === 0) return [f];
    const arches = f.arches.filter((a) => mask & maskOf([a]));
    return arches.length === 0 ? [] : [arches.length === f.arches.length ? f : { ...f, arches }];
  });
}
