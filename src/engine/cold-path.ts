// A cold path: a function that runs only while a device is probed, removed, suspended or resumed, or a module loaded
// or unloaded, never per I/O request. It is a lifecycle entry (lifecycle-entries.ts: `.probe`, `.resume`,
// `module_init()`, ...) or a `static` function every call of which (all visible: caller-bound.ts onlyCallers) is made
// by a cold function; an entry also called by name must have only cold callers too.
import type { FunctionFacts } from '../analysis/facts';
import type { ProjectIndex } from '../analysis/project-index';
import { onlyCallers } from './caller-bound';

/**
 * How many callers up a chain is followed (sisfb_post_xgi_rwtest -> _ramsize -> sisfb_post_xgi -> sisfb_probe); the
 * editor's finding cache drops a changed function's callees this deep (project.ts invalidate).
 */
export const COLD_PATH_LEVELS = 8;

const memo = new WeakMap<object, Map<FunctionFacts, boolean>>();

/**
 * True when `fn` runs only from device-lifecycle entries (see the file comment). `check`: an object that lives for one
 * check (answers are kept only that long: the editor's index changes between checks).
 */
export function isColdPath(index: ProjectIndex, fn: FunctionFacts, check: object): boolean {
  let seen = memo.get(check);
  if (!seen) { seen = new Map(); memo.set(check, seen); }
  return cold(index, fn, seen, COLD_PATH_LEVELS);
}

function cold(index: ProjectIndex, fn: FunctionFacts, seen: Map<FunctionFacts, boolean>, levels: number): boolean {
  const known = seen.get(fn);
  if (known !== undefined) return known;
  if (levels <= 0) return false;
  seen.set(fn, false); // a call cycle is not known to be cold
  const answer = coldCallers(index, fn)?.every((c) => cold(index, c, seen, levels - 1)) ?? false;
  seen.set(fn, answer);
  return answer;
}

/** The callers that must all be cold: any direct caller of an entry; all callers of a `static` helper; else undefined. */
function coldCallers(index: ProjectIndex, fn: FunctionFacts): FunctionFacts[] | undefined {
  if (fn.isMacro) return undefined;
  if (index.get(fn.file)?.lifecycleEntries?.includes(fn.name)) return directCallers(index, fn);
  const callers = onlyCallers(index, fn);
  return callers?.length ? callers : undefined;
}

/** Every function of the project calling `fn` by name; undefined when a macro calls it (its users are not known). */
function directCallers(index: ProjectIndex, fn: FunctionFacts): FunctionFacts[] | undefined {
  const call = new RegExp(`\\b${fn.name}\\s*\\(`);
  const callers: FunctionFacts[] = [];
  for (const facts of index.allFiles()) {
    if (Object.values(facts.macros).some((m) => call.test(m.body))) return undefined;
    for (const other of facts.functions) {
      if (other === fn || !other.calls.includes(fn.name)) continue;
      if (other.isMacro) return undefined;
      if (index.lookupFunction(fn.name, other.file) === fn) callers.push(other);
    }
  }
  return callers;
}
