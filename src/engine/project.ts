// The one core object the CLI, the server and the benchmark share: parser + project index + checks, no file system.
import type { Parser } from 'web-tree-sitter';
import { analyzeIncrementally, materializeBody, type KeptParse } from '../analysis/analyze-text';
import type { FileFacts, FunctionFacts } from '../analysis/facts';
import { initParser } from '../analysis/parser';
import { ProjectIndex } from '../analysis/project-index';
import { memberAssignments } from '../analysis/member-functions';
import { checkFiles, type CheckOptions } from './check';
import { fabricInputsChanged, FindingsCache } from './findings-cache';
import { COLD_PATH_LEVELS } from './cold-path';
import { memberMentions, watchedMembers } from './swap-equality';
import type { Finding } from './findings';

export type SkipReason = 'binary' | 'empty';

export class Project {
  readonly index: ProjectIndex;
  private constructor(readonly parser: Parser) {
    this.index = new ProjectIndex((fn) => materializeBody(parser, fn));
  }

  static async create(wasmDir: string): Promise<Project> {
    return new Project(await initParser(wasmDir));
  }

  /** Why a text is not C worth parsing, or undefined when it is. */
  static skipReason(text: string): SkipReason | undefined {
    if (text.length === 0) return 'empty';
    if (text.slice(0, 8192).includes('\u0000')) return 'binary';
    return undefined;
  }

  /** Open documents' last parses (tree + facts), for incremental re-analysis on the next keystroke. */
  private readonly kept = new Map<string, KeptParse>();
  /** Per-function findings of the last incremental checks, for one set of options (topology and device map included). */
  private cache: { key: string; topology?: unknown; deviceMap?: unknown; findings: FindingsCache } = { key: '', findings: new FindingsCache() };

  /**
   * Parses and indexes one file; replaces any earlier version of it. `incremental` (open documents): keep the tree
   * so the next version re-parses only the edit, and reuse the facts of functions whose text did not change.
   */
  setFile(path: string, text: string, options: { incremental?: boolean } = {}): FileFacts {
    const previous = this.kept.get(path);
    this.kept.delete(path);
    const { facts, kept } = analyzeIncrementally(this.parser, path, text, options.incremental ? previous : undefined, options.incremental === true);
    if (!options.incremental) previous?.tree.delete();
    if (kept) this.kept.set(path, kept);
    const old = this.index.get(path);
    this.index.update(facts);
    // A new file may define what cached functions call, bring a driver, an id table or callers: nothing cached holds.
    if (old) this.invalidate(old, facts);
    else this.cache.findings.clear();
    return facts;
  }

  /** Indexes facts analysed elsewhere (the CLI's worker threads). */
  addFacts(facts: FileFacts): void {
    this.index.update(facts);
    this.cache.findings.clear();
  }

  removeFile(path: string): void {
    this.kept.get(path)?.tree.delete();
    this.kept.delete(path);
    const old = this.index.get(path);
    this.index.remove(path);
    if (old) this.invalidate(old, { ...old, functions: [] });
    this.cache.findings.projectRules.clear();
  }

  /** Forgets the kept parse of a document (it was closed); its facts stay indexed. */
  forgetParse(path: string): void {
    this.kept.get(path)?.tree.delete();
    this.kept.delete(path);
  }

  check(paths: Iterable<string>, options: CheckOptions & { incremental?: boolean } = {}): Finding[] {
    if (!options.incremental) return checkFiles(this.index, paths, options);
    const key = JSON.stringify([options.arches, options.rules, options.buildArches ? 1 : 0, options.topology ? 1 : 0]);
    const { topology, deviceMap } = options;
    if (key !== this.cache.key) this.cache = { key, topology, deviceMap, findings: new FindingsCache() };
    if (topology !== this.cache.topology || deviceMap !== this.cache.deviceMap) {
      this.cache.findings.projectRules.clear(); // project rules word their findings by the topology
      Object.assign(this.cache, { topology, deviceMap });
    }
    return checkFiles(this.index, paths, options, this.cache.findings);
  }

  /**
   * Drops cached findings a file change may affect: the replaced functions and what they call (two levels), and everything when a replaced function
   * wrote struct members or returned pointers differently (provenance other functions resolve through, function
   * pointers stored included), passed other arguments to a helper storing them into members, or was called, by name or through a member (a pointer call's target). The per-function
   * project rules' findings are dropped too when the file's fabric facts or globals changed or a replaced function
   * may hold a BAR origin (`findings-cache.ts`).
   */
  /**
   * The calls of `fn` whose arguments a member store keeps (ProjectIndex.argumentsReachStore): a member's origins may
   * be what a caller passes a setup helper (`eng->db = db`), so such a call changing changes other functions' findings.
   */
  private storeArguments(fn: FunctionFacts | undefined): string {
    if (!fn?.source) return '';
    const names = [...new Set(fn.calls)].filter((name) => this.index.argumentsReachStore(name, fn.file));
    return names.flatMap((name) => callTexts(fn.source!.text, name)).join('\n');
  }

  private invalidate(old: FileFacts, next: FileFacts): void {
    const cache = this.cache.findings;
    if (cache.isEmpty()) return;
    if (JSON.stringify(old.archRegions) !== JSON.stringify(next.archRegions)) { cache.clear(); return; } // a function's masks may change
    // Which functions are probe/PM/init entries decides what is a cold path (cold-path.ts) for everything they call.
    if (JSON.stringify(old.lifecycleEntries) !== JSON.stringify(next.lifecycleEntries)) { cache.clear(); return; }
    // A numeric #define may decide another function's findings (byte-order-free.ts reads the values files see).
    if (definesOf(old) !== definesOf(next)) { cache.clear(); return; }
    // Whether the driver maps anything write-combining decides redundant-barrier for unresolved writes (wc-mapping-drivers.ts).
    if (wcApisOf(old) !== wcApisOf(next)) { cache.clear(); return; }
    // Whether a static function is a completion callback reads what names it outside function bodies (tables) and the
    // file's macros (completion-callback.ts), as does which header helpers are dead (dead-helpers.ts).
    if (namedOutsideBodies(old) !== namedOutsideBodies(next)) { cache.clear(); return; }
    const kept = new Set(next.functions);
    const gone = old.functions.filter((fn) => !kept.has(fn));
    const before = new Set(old.functions);
    const fresh = next.functions.filter((fn) => !before.has(fn));
    if (cache.projectRules.size > 0 && fabricInputsChanged(old, next, gone, fresh)) cache.projectRules.clear();
    if (gone.length === 0 && fresh.length === 0) return;
    // Whether a load's value is compared only with its own kind depends on every mention of the members it meets.
    const members = watchedMembers(this.index);
    const texts = (fns: FunctionFacts[]) => fns.map((fn) => fn.source?.text ?? '');
    if (members.size > 0 && memberMentions(texts(gone), members) !== memberMentions(texts(fresh), members)) { cache.clear(); return; }
    const added = new Map(fresh.map((fn) => [fn.name, fn]));
    // A function's findings depend on the definitions its calls reach: one replaced, removed or newly defined.
    const names = new Set([...gone, ...fresh].map((fn) => fn.name));
    const replaced = new Set(gone.map((fn) => fn.name));
    const provenanceChanged = gone.some((fn) => provenanceOf(fn) !== provenanceOf(added.get(fn.name)))
      || gone.some((fn) => this.storeArguments(fn) !== this.storeArguments(added.get(fn.name)))
      || fresh.some((fn) => !replaced.has(fn.name) && this.storeArguments(fn) !== '');
    if (provenanceChanged || [...names].some((name) => this.index.callerCount(name) > 0 || this.index.wasPointerTarget(name))) {
      cache.clear();
      return;
    }
    for (const fn of gone) cache.drop(fn);
    // A helper's findings may depend on how its callers bound it (caller-bound.ts, two levels) or whether they are all
    // cold (cold-path.ts, COLD_PATH_LEVELS): drop its callees', that many levels down.
    let level = [...gone, ...fresh]; // a new function is a new caller of what it calls
    const seen = new Set(level);
    for (let depth = 0; depth < COLD_PATH_LEVELS && level.length; depth++) {
      const below: FunctionFacts[] = [];
      for (const fn of level) for (const name of fn.calls) {
        const callee = this.index.lookupFunction(name, fn.file);
        if (!callee || seen.has(callee)) continue;
        seen.add(callee);
        cache.drop(callee);
        below.push(callee);
      }
      level = below;
    }
  }
}

/** The text of each call of `name` in `text` (from its name to the closing parenthesis), spaces removed. */
function callTexts(text: string, name: string): string[] {
  const out: string[] = [];
  const start = new RegExp(`\\b${name}\\s*\\(`, 'g');
  for (let m = start.exec(text); m; m = start.exec(text)) {
    let depth = 0;
    let i = m.index + m[0].length - 1;
    for (; i < text.length; i++) if (text[i] === '(') depth++; else if (text[i] === ')' && --depth === 0) break;
    out.push(text.slice(m.index, i + 1).replace(/\s+/g, ''));
  }
  return out;
}

/** What a file names outside its function bodies (tables, object-like macros) and its macros' bodies, positions left out. */
function namedOutsideBodies(f: FileFacts): string {
  return JSON.stringify([f.valueRefs ?? [], f.namedOutside ?? [], Object.values(f.macros).map((m) => [m.name, m.params, m.body])]);
}

/** What other functions can see of a function: its member writes and returned pointers (positions left out). */
function provenanceOf(fn: FunctionFacts | undefined): string {
  if (!fn) return '';
  const body = fn.body;
  if (!body) return `lazy:${fn.writtenFields.join(',')}:${JSON.stringify(fn.addressedFields ?? [])}:${JSON.stringify(memberAssignments([fn.source?.text ?? ''], new Set(fn.writtenFields)))}`;
  return JSON.stringify([body.memberAssigns, body.returns, memberStoreKinds(fn)], (k, v) => (k === 'span' ? undefined : v));
}

/**
 * A function's member stores (and stores into a member array's elements) as other functions' findings weigh them
 * (cpu-configured-fields.ts, address-dependency.ts's DMA array elements): the member, the
 * compound operator, and what the value is: numbers only, a name (a macro's value is followed by definesOf()), or
 * computed. A keystroke inside a number or an expression changes none of these, so it keeps the cache.
 */
function memberStoreKinds(fn: FunctionFacts): string[] {
  const out: string[] = [];
  for (const n of fn.body?.cfg.nodes ?? []) {
    const e = n.event;
    if (e?.kind !== 'store' || e.viaCall) continue;
    const field = /(?:->|\.)\s*(\w+)\s*(?:\[[^\]]*\]\s*)?$/.exec(e.targetText)?.[1]; // an element store too (address-dependency.ts)
    if (field) out.push(`${field}${e.op ?? '='}${valueKind(e.valueText?.trim() ?? '')}`);
  }
  return out;
}

function valueKind(value: string): string {
  if (/^[A-Za-z_]\w*$/.test(value)) return value;
  const call = CALL_VALUE.exec(value);
  if (call) return `${call[1]}()`; // which allocation or mapping a member gets
  return /^[\s\d()~+\-*|&^<>xXa-fA-FuUlL]*$/.test(value) && /^[\s(~+-]*\d/.test(value) ? '(number)' : '(computed)';
}

/** A value that is a call, through casts: `(T *)dma_pool_alloc(...)`. */
const CALL_VALUE = /^(?:\(\s*[\w\s*]+\)\s*)*([A-Za-z_]\w*)\s*\(/;

/** The write-combining mapping calls a file makes. */
function wcApisOf(facts: FileFacts): string {
  return [...new Set(facts.fabric?.wcMaps.map((m) => m.api))].sort().join(',');
}

/** The numeric #defines a file gives, and those it gives more than one value. */
function definesOf(facts: FileFacts): string {
  return JSON.stringify([facts.fabric?.defines, facts.fabric?.redefined]);
}
