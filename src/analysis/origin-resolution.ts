// Resolves a pointer expression to its origins across files: through locals, globals, members, calls and arguments.
import type { BodyFacts, FileFacts, FunctionFacts, Origin, PExpr } from './facts';
import { KNOWN_MEMBER_ORIGINS, KNOWN_OUT_PARAM_ORIGINS, VALUE_CARRYING_CALLS } from './vocabulary';
import { PLATFORM_ONLY_FLAGS, returnsZeroOn } from './constant-helpers';
import { STORE_CALLER_LEVELS } from './parameter-stores';
import { KBUILD_ARCHES, type KbuildArch } from './kbuild';
import type { FileVisibility } from './file-visibility';
import type { FunctionTable } from './function-lookup';
import { driverScoped, type Ctx, type MemberKeys } from './member-keys';
import type { MemberWrites } from './member-writes';
import type { StructDeclarations } from './struct-declarations';
import { canonical } from './origin-sets';
import { mayStoreThroughParameter, storedThrough } from './out-parameters';

const MAX_DEPTH = 6;

/** Kept answers, and the deepest depth each depth-relative one reached. */
type Table = { answers: Map<string, Origin[]>; reach: Map<string, number> };

/** A member write as MemberWrites files it. */
type Write = { expr: PExpr; ctx: Ctx };

/** Origins a core struct's member carries across one driver's files. */
const ADDRESS_VALUES: ReadonlySet<string> = new Set(['bar-address', 'bus-address', 'device-resource']);

/** What origin resolution reads: the merged declarations, functions and member writes. */
export interface ResolutionSources {
  files: Map<string, FileFacts>;
  decls: StructDeclarations;
  visibility: FileVisibility;
  functions: FunctionTable;
  keys: MemberKeys;
  writes: MemberWrites;
  bodyOf: (fn: FunctionFacts) => BodyFacts;
}

/**
 * Answers are memoised per question, and a question includes the depth it is asked at (MAX_DEPTH cuts deeper
 * answers short), so an answer never depends on which questions were asked before it; an answer the limit cut nothing
 * of also serves the depths at which it would cut nothing either (depthFree). A question asked again while
 * its answer is being computed (a cycle through members, globals or locals) answers nothing there; the answers
 * computed under such a cut miss what the question in progress contributes, so only the question in progress itself
 * keeps its answer (it has everything the cycle reaches) and gives it to the questions cut at it; until it completes,
 * they answer again with what they had (stillProvisional). A member write is a question of its own, whoever reads the
 * member.
 */
export class OriginResolver {
  private readonly memo = new Map<string, Origin[]>();
  /** Questions being computed, with their position on the stack. */
  private readonly inProgress = new Map<string, number>();
  /** The lowest stack position a cycle was cut at while computing the innermost question in progress. */
  private cutAt = Infinity;
  /**
   * Context-free questions answered under a cut at a question further down the stack: when that question completes,
   * they share its answer (each reaches it and it reaches each: a cycle reaches the same origins from any question on it).
   */
  private readonly onCycle: { key: string; table: Table }[] = [];
  /** The questions in progress by stack position. */
  private readonly stack: string[] = [];
  /** Answers cut short at the question in progress at `at` (`atKey`), reused while it is (stillProvisional). */
  private readonly provisional = new Map<string, { result: Origin[]; at: number; atKey: string; reach: number }>();
  /** An id per argument binding (one per inlined call), so a local's question under bindings names them. */
  private bindingIds = new WeakMap<object, number>();
  private writeIds = new WeakMap<Write, number>();
  /** `key@reader` -> the key's writes in the reader's driver, with the list and length they were taken from. */
  private readonly sameDriverWrites = new Map<string, { all: Write[]; length: number; writes: Write[] }>();
  /** Mapping origins with the targets their guarded site runs on (withSiteArches). */
  private sited = new WeakMap<Origin, Origin>();

  /**
   * The deepest depth a resolve() call reached while computing the innermost question in progress (resolve() at a
   * depth past MAX_DEPTH is the depth limit cutting it short). A question asked at depth d whose computation reached
   * depth r saw no depth cut when r <= MAX_DEPTH, and asked at any depth d' with d' + (r - d) <= MAX_DEPTH explores
   * the same: its answer is kept for those depths too (`depthFree`).
   */
  private deepest = -Infinity;
  /** The deepest depth each memoised depth-relative question's answer reached (Infinity: shared from a cycle's question). */
  private readonly reachOf = new Map<string, number>();
  private readonly table: Table = { answers: this.memo, reach: this.reachOf };
  /**
   * Answers of a local under argument bindings (an inlined call's), kept with the bindings: asked again at each node of
   * the inlined body, and dropped with the flow that made the bindings.
   */
  private boundTables = new WeakMap<object, Table>();
  /** A depth-relative question without its depth -> an answer no limit cut, and the levels below its depth it used. */
  private readonly depthFree = new Map<string, { result: Origin[]; need: number }>();

  /** Questions computed so far (not answered from memory): the work resolution did. */
  questionsComputed = 0;

  constructor(private readonly src: ResolutionSources) {}

  /** Drops every memoised result (the functions changed). */
  clearCaches(): void {
    this.memo.clear();
    this.reachOf.clear();
    this.boundTables = new WeakMap();
    this.depthFree.clear();
    this.sameDriverWrites.clear();
    this.writeIds = new WeakMap();
    this.sited = new WeakMap();
    this.bindingIds = new WeakMap();
  }

  resolve(e: PExpr, ctx: Ctx): Origin[] {
    if (ctx.depth > this.deepest) this.deepest = ctx.depth;
    if (ctx.depth > MAX_DEPTH) return [];
    switch (e.k) {
      case 'origin': return [this.withSiteArches(e.origin)];
      case 'var': return this.resolveVar(e.name, ctx);
      case 'member': return this.resolveMember(e.base, e.field, ctx);
      case 'cast': return this.resolve(e.inner, ctx);
      case 'index': return this.resolve(e.base, ctx);
      case 'addr': return e.of.k === 'member' ? [...this.resolve(e.of, ctx), ...this.resolve(e.of.base, ctx)] : this.onStack(e.of, ctx) ? [] : this.resolve(e.of, ctx);
      case 'deref': return [];
      case 'call': return this.resolveCall(e.fn, e.args, ctx);
      case 'stored': return this.resolveStored(e.fn, e.param, e.args, ctx);
      case 'union': return e.parts.flatMap((p) => this.resolve(p, ctx));
      case 'bits': return this.resolve(e.of, ctx).filter((o) => o.kind === 'dma-handle');
      default: return [];
    }
  }

  /**
   * `&v` of the function's own local or parameter points at the stack slot, not where `v` points: atp870u.c's
   * `((unsigned char *)&adrcnt)[0] = ...` writes the local, although `adrcnt` was loaded from the DMA table.
   */
  private onStack(e: PExpr, ctx: Ctx): boolean {
    if (e.k !== 'var' || !ctx.fn) return false;
    return ctx.args?.has(e.name) === true || e.name in this.src.bodyOf(ctx.fn).locals || ctx.fn.params.some((p) => p.name === e.name);
  }

  /**
   * A mapping origin under `if (helper(...))` where the helper returns 0 on some targets (constant-helpers.ts), with
   * the targets it can run on; memoised per origin object.
   */
  private withSiteArches(o: Origin): Origin {
    if (o.kind !== 'mapping' || !o.guards || o.arches) return o;
    let out = this.sited.get(o);
    if (!out) {
      const arches = this.guardedArches(o.guards, o.file);
      out = arches.length === KBUILD_ARCHES.length ? o : { ...o, arches };
      this.sited.set(o, out);
    }
    return out;
  }

  /** The targets where code under `if (g(...))` (or `if (x & FLAG)`, a platform-only flag) for each of `guards` (called from `file`) can run. */
  guardedArches(guards: readonly string[], file: string): readonly KbuildArch[] {
    let arches: readonly KbuildArch[] = KBUILD_ARCHES;
    for (const name of guards) {
      const setOn = PLATFORM_ONLY_FLAGS.get(name);
      if (setOn) {
        arches = arches.filter((a) => setOn.includes(a));
        continue;
      }
      const fn = this.src.functions.lookupFunction(name, file);
      const zero = fn && returnsZeroOn(fn, this.src.files.get(fn.file)?.archRegions);
      if (zero) arches = arches.filter((a) => !zero.includes(a));
    }
    return arches;
  }

  private resolveVar(name: string, ctx: Ctx): Origin[] {
    const bound = ctx.args?.get(name);
    if (bound) return this.resolve(bound.expr, { ...bound.ctx, depth: Math.max(bound.ctx.depth, ctx.depth) + 1 });
    const local = ctx.fn ? this.src.bodyOf(ctx.fn).locals[name] : undefined;
    if (local) return this.guarded(`L:${ctx.fn!.file}:${ctx.fn!.name}:${name}:${this.bindingId(ctx.args)}:${ctx.callers ?? 0}`, () => local.values.flatMap((v) => this.resolve(v, { ...ctx, depth: ctx.depth + 1 })), this.tableOf(ctx.args), ctx.depth);
    const param = ctx.fn?.params.findIndex((p) => p.name === name) ?? -1;
    // Only mappings pass: DMA memory through a setup helper's parameter made CPU-owned fields of BusLogic's CCBs and
    // esas2r's discovery context look device-written to missing-dma-rmb (BusLogic.c:2582/:2652, esas2r_disc.c:397).
    if (param >= 0) return ctx.callers && !ctx.args ? this.resolveParam(ctx.fn!, param, ctx.callers).filter((o) => o.kind === 'mapping') : [];
    const g = this.src.decls.globalFor(name, ctx.fn?.file);
    return g ? this.guarded(`G:${g.file}:${name}`, () => g.info.values.flatMap((v) => this.resolve(v, { depth: ctx.depth + 1 })), this.table, ctx.depth) : [];
  }

  /** A member of a library struct known to hold device memory (DPDK rte_memzone.addr, rte_mem_resource.addr). */
  private knownMember(base: PExpr, field: string, ctx: Ctx): Origin | undefined {
    const t = this.src.keys.typeOf(base, ctx);
    const viaTable = base.k === 'index' && base.base.k === 'member' && base.base.field === 'mem_resource' ? 'rte_mem_resource' : undefined;
    const known = KNOWN_MEMBER_ORIGINS.get(`${t ?? viaTable}.${field}`);
    if (!known) return undefined;
    const at = this.siteOf(ctx);
    return known.kind === 'mapping' ? { kind: 'mapping', api: known.api, memKind: known.memKind ?? 'ioremap', ...at } : { kind: 'dma-coherent', api: known.api, ...at };
  }

  /** Where a library's memory is named: the function asking (the call's own span is not kept in the expression). */
  private siteOf(ctx: Ctx): Pick<Origin, 'file' | 'span'> {
    return { file: ctx.fn?.file ?? '', span: ctx.fn?.span ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  }

  private resolveMember(base: PExpr, field: string, ctx: Ctx): Origin[] {
    const known = this.knownMember(base, field, ctx);
    if (known) return [known];
    const out: Origin[] = [];
    for (const key of this.src.keys.readKeys(base, field, ctx)) {
      this.src.writes.materializeWriters(field, key.slice(0, key.lastIndexOf('.')));
      const all = this.src.writes.members.get(key);
      const reader = ctx.fn?.file ?? '';
      const shared = driverScoped(key);
      const writes = shared && all ? this.driverWrites(key, all, reader) : all;
      const narrow = key.includes('@?');
      if (writes?.length) out.push(...this.memberAnswer(shared ? `M:${key}@${reader}` : `M:${key}`, () => writes.flatMap((w) => this.writeOrigins(w, reader, narrow))));
    }
    return out;
  }

  /**
   * A member's origins for one reading driver, kept when no cycle but its own cut anything computing them (then every
   * write's question was answered in full, or answered nothing only where it asks this member again). It is no question
   * of the tables (its writes' questions are, so a cycle through a driver's files is cut per write), but it holds a
   * place on the question stack.
   */
  private memberAnswer(key: string, compute: () => Origin[]): Origin[] {
    const hit = this.memo.get(key);
    if (hit) return hit;
    // Asked again while its writes are being resolved (`r->tail = (r->tail + 1) & MASK` in every function): the answer
    // in progress answers nothing there, like a question in progress, and its writes' answers stay provisional until it
    // is done. Recomputing it instead went one write deeper each time, past the stack for a member written in thousands
    // of functions. Its place on the stack is under a key no question has.
    const mark = `member ${key}`;
    const open = this.inProgress.get(mark);
    if (open !== undefined) {
      this.cutAt = Math.min(this.cutAt, open);
      return [];
    }
    const { position, outerCut } = this.push(mark);
    try {
      const result = canonical(compute());
      if (this.cutAt >= position) this.memo.set(key, result);
      return result;
    } finally {
      this.pop(mark, position, outerCut);
    }
  }

  /** Puts `key` on the question stack; cuts are counted afresh for what it asks. */
  private push(key: string): { position: number; outerCut: number } {
    const position = this.inProgress.size;
    const outerCut = this.cutAt;
    this.inProgress.set(key, position);
    this.stack[position] = key;
    this.cutAt = Infinity;
    return { position, outerCut };
  }

  /** Takes `key` off the question stack: a cut at it is healed by its own answer; one further down taints the askers. */
  private pop(key: string, position: number, outerCut: number): void {
    this.inProgress.delete(key);
    this.stack.length = position;
    if (position === 0) this.provisional.clear();
    this.cutAt = Math.min(outerCut, this.cutAt < position ? this.cutAt : Infinity);
  }

  /** The writes of a driver-scoped member key made in `reader`'s driver (remembered while the key's writes stay). */
  private driverWrites(key: string, all: Write[], reader: string): Write[] {
    const at = `${key}@${reader}`;
    const hit = this.sameDriverWrites.get(at);
    if (hit && hit.all === all && hit.length === all.length) return hit.writes;
    const writes = all.filter((w) => this.src.visibility.sameDriver(w.ctx.fn?.file ?? '', reader));
    this.sameDriverWrites.set(at, { all, length: all.length, writes });
    return writes;
  }

  /**
   * Origins of one member write. A struct no analysed file defines shares, between files of one driver, only PCI
   * address values (a BAR's CPU or bus address, a device resource: dw-edma's `ll_region->paddr`); its memory origins
   * stay in the writer's file, as before (mlx4's `mailbox->buf` from cmd.c is no ring of port.c).
   */
  private writeOrigins(w: Write, reader: string, narrow: boolean): Origin[] {
    // A question of the write alone, whoever reads the member: cycles through one driver's files are cut per write,
    // not per (member, reading file), which explored every order of the files (drivers/edac, 40 files, ran for hours).
    const origins = this.guarded(`W:${this.writeId(w)}`, () => this.resolve(w.expr, { ...w.ctx, depth: 1, callers: STORE_CALLER_LEVELS }), this.table);
    return narrow && w.ctx.fn?.file !== reader ? origins.filter((o) => ADDRESS_VALUES.has(o.kind)) : origins;
  }

  private resolveCall(name: string, args: PExpr[], ctx: Ctx): Origin[] {
    const callee = this.src.functions.lookupFunction(name, ctx.fn?.file ?? '');
    // `lower_32_bits(h)`, `cpu_to_le32(h)`: the same DMA address (only that passes: such a value is no pointer).
    if (!callee && VALUE_CARRYING_CALLS.test(name) && args[0]) return this.resolve(args[0], ctx).filter((o) => o.kind === 'dma-handle');
    if (!callee || this.src.bodyOf(callee).returns.length === 0) return [];
    const bindings = new Map<string, { expr: PExpr; ctx: Ctx }>();
    callee.params.forEach((p, i) => { if (args[i]) bindings.set(p.name, { expr: args[i], ctx }); });
    const calleeCtx: Ctx = { fn: callee, args: bindings, depth: ctx.depth + 1 };
    return this.src.bodyOf(callee).returns.flatMap((r) => this.resolve(r, calleeCtx));
  }

  /** What the callee stores through its pointer parameter `param` (`*ptr = v`, `ptr` never reassigned), in its body. */
  private resolveStored(name: string, param: number, args: PExpr[], ctx: Ctx): Origin[] {
    const known = KNOWN_OUT_PARAM_ORIGINS.get(name);
    if (known) return known.param === param ? [{ kind: 'mapping', api: known.api, memKind: known.memKind, ...this.siteOf(ctx) }] : [];
    const callee = this.src.functions.lookupFunction(name, ctx.fn?.file ?? '');
    const ptr = callee?.params[param]?.name;
    if (!callee || !ptr || !mayStoreThroughParameter(callee, param)) return [];
    const values = storedThrough(this.src.bodyOf(callee), ptr);
    if (values.length === 0) return [];
    const bindings = new Map<string, { expr: PExpr; ctx: Ctx }>();
    callee.params.forEach((p, i) => { if (args[i]) bindings.set(p.name, { expr: args[i], ctx }); });
    const calleeCtx: Ctx = { fn: callee, args: bindings, depth: ctx.depth + 1 };
    return values.flatMap((v) => this.resolve(v, calleeCtx));
  }

  /**
   * A parameter of `fn` as its callers pass it: the argument at `index` of every direct call that reaches this
   * definition (lookupFunction from the caller's file), resolved in the caller, whose own parameters are followed
   * `levels - 1` callers further up. Calls through pointers are not seen.
   */
  private resolveParam(fn: FunctionFacts, index: number, levels: number): Origin[] {
    return this.guarded(`P:${fn.file}:${fn.name}:${fn.span.start.line}:${index}:${levels}`, () => {
      const out: Origin[] = [];
      for (const caller of this.src.functions.callingFunctions(fn.name)) {
        if (this.src.functions.lookupFunction(fn.name, caller.file) !== fn) continue;
        for (const node of this.src.bodyOf(caller).cfg.nodes) {
          const e = node.event;
          if (e?.kind !== 'call' || e.member || e.callee !== fn.name || !e.args[index]) continue;
          out.push(...this.resolve(e.args[index], { fn: caller, depth: 1, ...(levels > 1 ? { callers: levels - 1 } : {}) }));
        }
      }
      return out;
    }, this.table);
  }

  /** Where answers under these argument bindings are kept (the resolver's own table without). */
  private tableOf(args: Ctx['args']): Table {
    if (!args) return this.table;
    let t = this.boundTables.get(args);
    if (!t) this.boundTables.set(args, (t = { answers: new Map(), reach: new Map() }));
    return t;
  }

  /** '' without bindings; else the bindings' id (a local of an inlined call is a question of that call alone). */
  private bindingId(args: Ctx['args']): string {
    if (!args) return '';
    let id = this.bindingIds.get(args);
    if (id === undefined) { id = ++this.bindingCount; this.bindingIds.set(args, id); }
    return `b${id}`;
  }
  private bindingCount = 0;

  /** An id per member write object (its question's name). */
  private writeId(w: Write): number {
    let id = this.writeIds.get(w);
    if (id === undefined) { id = ++this.writeCount; this.writeIds.set(w, id); }
    return id;
  }
  private writeCount = 0;

  /**
   * Memoises the answers that no cycle cut short (in `table`: the resolver's, or the argument bindings' a local is
   * asked under), and breaks cycles through members, globals and locals: a question already in progress answers nothing. A question asked at a `depth` (a
   * local's, a global's: their values are resolved one level deeper) is `question@depth`; its answer also serves the
   * other depths at which the depth limit would cut nothing either (`depthFree`). Questions without one (a member
   * write's, a parameter's) start again at depth 1 whoever asks, so what the limit cut in them is no asker's.
   */
  private guarded(question: string, compute: () => Origin[], table: Table, depth?: number): Origin[] {
    const key = depth === undefined ? question : `${question}@${depth}`;
    const kept = table.answers.get(key);
    if (kept) {
      if (depth !== undefined) this.reach(table.reach.get(key) ?? Infinity);
      return kept;
    }
    const provisional = this.stillProvisional(key);
    if (provisional) return provisional;
    const open = this.inProgress.get(key);
    if (open !== undefined) {
      this.cutAt = Math.min(this.cutAt, open);
      return [];
    }
    const free = table === this.table && depth !== undefined ? this.depthFree.get(question) : undefined;
    if (free && depth! + free.need <= MAX_DEPTH) {
      this.reach(depth! + free.need);
      return free.result;
    }
    return this.computeQuestion(question, key, compute, table, depth);
  }

  private reach(depth: number): void { if (depth > this.deepest) this.deepest = depth; }

  private computeQuestion(question: string, key: string, compute: () => Origin[], table: Table, depth: number | undefined): Origin[] {
    this.questionsComputed++;
    const outerDeepest = this.deepest;
    const cycleMark = this.onCycle.length;
    const { position, outerCut } = this.push(key);
    this.deepest = -Infinity;
    let result: Origin[] | undefined;
    try {
      result = canonical(compute());
      const reached = depth === undefined ? -Infinity : this.deepest;
      if (this.cutAt >= position) {
        this.keep(question, key, table, result, depth, reached);
        for (const c of this.onCycle.splice(cycleMark)) c.table.answers.set(c.key, result);
      } else if (table === this.table) {
        // A local under bindings cut short is asked again as before: sharing a cycle's answer is for context-free questions.
        this.onCycle.push({ key, table });
        this.provisional.set(key, { result, at: this.cutAt, atKey: this.stack[this.cutAt], reach: reached });
      }
      return result;
    } finally {
      if (!result) this.onCycle.length = cycleMark; // a failed question shares nothing
      this.pop(key, position, outerCut);
      this.deepest = depth === undefined ? outerDeepest : Math.max(outerDeepest, this.deepest);
    }
  }

  /** Memoises a complete answer; one of a depth-relative question the limit did not cut serves other depths too. */
  private keep(question: string, key: string, table: Table, result: Origin[], depth: number | undefined, reached: number): void {
    table.answers.set(key, result);
    if (depth === undefined) return;
    table.reach.set(key, reached);
    if (reached > MAX_DEPTH || table !== this.table) return;
    const need = reached - depth;
    const had = this.depthFree.get(question);
    if (!had || need < had.need) this.depthFree.set(question, { result, need });
  }

  /**
   * The answer a question got under a cut at a question still in progress: asked again there, it is that answer,
   * again cut at the same question. What it misses the question in progress collects, and every question cut at it
   * then takes its answer (onCycle). Without this, each re-asking explored the cycle again: exponential in a
   * driver whose files all store one member from another.
   */
  private stillProvisional(key: string): Origin[] | undefined {
    const p = this.provisional.get(key);
    if (!p || this.inProgress.get(p.atKey) !== p.at) return undefined;
    this.cutAt = Math.min(this.cutAt, p.at);
    this.reach(p.reach);
    return p.result;
  }
}
