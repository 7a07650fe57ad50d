// The project-wide index: merges every file's facts and resolves pointer expressions to their origins across files.
import type { BodyFacts, Event, FileFacts, FunctionFacts, MemberShape, Origin, PExpr } from './facts';
import type { KbuildArch } from './kbuild';
import type { Ctx } from './member-keys';
import { MergedIndex } from './merged-index';
import { sameBitfieldUnitInFile } from './struct-declarations';

export type { Ctx } from './member-keys';

/** Extracts the body of a function kept lazily (parses its text on demand). */
export type Materializer = (fn: FunctionFacts) => BodyFacts;

export class ProjectIndex {
  private readonly files = new Map<string, FileFacts>();
  private merged?: MergedIndex;

  constructor(private readonly materialize: Materializer) {}

  /** A function's body facts, extracted on first use for functions kept as text. */
  bodyOf(fn: FunctionFacts): BodyFacts { return fn.body ?? this.materialize(fn); }

  /**
   * Replaces one file's facts. When its declarations (structs, typedefs, globals) are unchanged — the usual keystroke
   * inside a function — the merged index swaps that file's functions in place; otherwise it is rebuilt on next use.
   */
  update(facts: FileFacts): void {
    this.revisionCount++;
    const old = this.files.get(facts.path);
    this.files.set(facts.path, facts);
    if (this.merged && old && sameDeclarations(old, facts)) this.merged.replaceFunctions(old, facts);
    else this.merged = undefined;
  }
  remove(path: string): void { this.revisionCount++; this.files.delete(path); this.merged = undefined; }
  /** Changes with every update() or remove(): a memo over the files' texts keyed by it is never stale. */
  get revision(): number { return this.revisionCount; }
  private revisionCount = 0;
  get(path: string): FileFacts | undefined { return this.files.get(path); }
  allFiles(): IterableIterator<FileFacts> { return this.files.values(); }

  private m(): MergedIndex { return (this.merged ??= new MergedIndex(this.files, (fn) => this.bodyOf(fn))); }

  /** The definition a call in `from` most likely reaches: same file, then same directory, then a unique one. */
  /** Origin questions computed so far (not answered from memory). */
  originQuestions(): number { return this.m().origins.questionsComputed; }
  lookupFunction(name: string, from: string): FunctionFacts | undefined { return this.m().functions.lookupFunction(name, from); }
  /** A call in `from` to a macro that only computes a value (no opaque call). */
  pureMacroCall(name: string, from: string): boolean { return this.m().functions.pureMacroCall(name, from); }
  /** Argument `index` of a call in `from` to macro `name` is only pasted into a name (its calls are never made). */
  pastedArgument(name: string, index: number, from: string): boolean { return this.m().functions.pastedArgument(name, index, from); }
  /** The targets where code under `if (g(...))` for each of `guards` can run (a helper returning 0 elsewhere). */
  guardedArches(guards: readonly string[], file: string): readonly KbuildArch[] { return this.m().origins.guardedArches(guards, file); }
  /**
   * True when `fn` is a `static` helper of a header that analysed .c files include and none of them (nor a header they
   * include) uses, directly or through another helper or a macro: never compiled into code (dead-helpers.ts).
   */
  deadHeaderHelper(fn: FunctionFacts): boolean { return this.m().deadHelpers.isDead(fn); }
  callerCount(name: string): number { return this.m().functions.callers.get(name) ?? 0; }
  /** The direct calls of `fn` in the analysed files (each with its caller): those whose name reaches this definition. */
  callsOf(fn: FunctionFacts): { caller: FunctionFacts; call: Event & { kind: 'call' } }[] {
    const out: { caller: FunctionFacts; call: Event & { kind: 'call' } }[] = [];
    for (const caller of this.m().functions.callingFunctions(fn.name)) {
      if (caller === fn || this.lookupFunction(fn.name, caller.file) !== fn) continue;
      for (const { event: e } of this.bodyOf(caller).cfg.nodes) if (e?.kind === 'call' && !e.member && e.callee === fn.name) out.push({ caller, call: e });
    }
    return out;
  }
  /** The functions of the driver of `file` (the same file, or files sharing a local header) whose text assigns member `field`. */
  writersInDriver(file: string, field: string): FunctionFacts[] {
    const m = this.m();
    return (m.functions.writersOf().get(field) ?? []).filter((fn) => !fn.isMacro && m.visibility.sameDriver(fn.file, file));
  }
  /**
   * True when a call of `name` from `file` hands its arguments to a struct member store (the callee stores a parameter,
   * or passes one to a function that does, parameter-stores.ts): the arguments decide that member's origins.
   */
  argumentsReachStore(name: string, file: string): boolean { return this.m().parameterStores.argumentsReachStore(name, file); }
  /** True when the function's text names a member holding DMA memory or a write-combining mapping. */
  mentionsDmaMemory(fn: FunctionFacts): boolean { return this.m().mentions.mentions(fn, 'dma'); }
  /** True when the function's text names a member holding an I/O mapping. */
  mentionsIoMapping(fn: FunctionFacts): boolean { return this.m().mentions.mentions(fn, 'iomem'); }
  /** True when the function's text names a member that holds a BAR's CPU or bus address (fabric rules). */
  mentionsBarAddress(fn: FunctionFacts): boolean { return this.m().mentions.mentions(fn, 'bar'); }
  /** True when some struct in the analysed files declares a field of this name as a pointer. */
  isPointerField(name: string): boolean { return this.m().decls.isPointerField(name); }
  /** What a struct member's declaration says (CPU-written by type, bitfield unit); undefined when nothing. */
  memberShape(struct: string | undefined, field: string | undefined): MemberShape | undefined { return struct && field ? this.m().decls.memberShape(struct, field) : undefined; }
  /**
   * The layout of member `field` (width, array, pointer, packed): from `struct`'s declaration when known, else what
   * every struct declaring a member of that name agrees on (undefined where they disagree).
   */
  memberLayout(struct: string | undefined, field: string): MemberShape | undefined { return this.m().decls.memberLayout(struct, field); }
  /**
   * True when member `field` is itself volatile-qualified: in `struct`'s declaration when known, else in every struct
   * declaring a member of that name. Its loads and stores are volatile accesses.
   */
  volatileMember(struct: string | undefined, field: string): boolean { return this.m().decls.volatileMember(struct, field); }
  /** True when some struct declares a member of this name as an array. */
  isArrayField(field: string): boolean { return this.m().decls.arrayFields.has(field); }
  /**
   * True when the structs that `file` and its local headers declare with both members `a` and `b` (at least one) all
   * pack them as bitfields of one storage unit: for a member whose struct type is not known (its container is a core
   * struct, such as thunderbolt's `tb_ring`, declared outside the analysed files).
   */
  sameBitfieldUnitInFile(file: string, a: string, b: string): boolean { const m = this.m(); return sameBitfieldUnitInFile(m.files, m.visibility, file, a, b); }
  /** A member the struct's declaration marks as the driver's, beside the device's words (`StructDeclarations`). */
  driverOwnMember(struct: string | undefined, field: string | undefined): boolean { return !!struct && !!field && this.m().decls.driverOwnMember(struct, field); }
  /** True when every struct declared in `file` that has a member `field` declares it CPU-written (pointer, dma_addr_t). */
  cpuMemberInFile(file: string, field: string | undefined): boolean { return field !== undefined && this.m().decls.cpuMemberInFile(file, field); }
  /**
   * True when every store to member `field` in the driver of `file` (the same file, or files sharing a local header)
   * assigns a DMA address or a literal constant, and at least one a DMA address: the CPU writes it, the device does not.
   */
  addressMember(file: string, field: string | undefined): boolean { return field !== undefined && this.m().addresses.addressMember(file, field); }
  /**
   * True when some function of the driver of `file` passes `&x->field` to a call (an ops-table pointer, an extern):
   * what that call stores in the member is not among the member's resolved origins.
   */
  memberAddressPassed(file: string, field: string, struct?: string): boolean { return this.m().escaped.addressPassed(file, field, struct); }
  /** True when a file of the driver of `file` maps device memory write-combining for the kernel (wc-mapping-drivers.ts). */
  driverMapsWc(file: string): boolean { return this.m().wcDrivers.driverMapsWc(file); }
  resolve(expr: PExpr, ctx: Ctx): Origin[] { return this.m().origins.resolve(expr, ctx); }
  /** Two files of one driver: the same file, or files that include a common local header. */
  sameDriver(a: string, b: string): boolean { return this.m().visibility.sameDriver(a, b); }
  /** Declarations in `decl` are seen by `file`: the same driver, or a local header `file` includes. */
  declaresFor(decl: string, file: string): boolean { return this.m().visibility.declaresFor(decl, file); }
  /**
   * The number a numeric object-like `#define` that `file` sees (the file and its local headers) gives `name`; undefined
   * when none does, or when they define it differently (two files, or alternative `#if` branches of one).
   */
  numericDefine(name: string, file: string): string | undefined { return this.m().numericDefine(name, file); }
  /**
   * The functions a call through member `field` of `base` can reach (`udc->write_fn(...)`): every function the analysed
   * files that see the struct's definition ever set that member to (`p->m = fn`, `.m = fn` in tables). Undefined
   * when the struct type is unknown, not one the calling file's own files define, or when some value set is not a
   * known function (a parameter, a cast, a positional initializer), none or more than MAX_POINTER_TARGETS (pointer-targets.ts).
   */
  pointerTargets(base: PExpr, field: string, ctx: Ctx): FunctionFacts[] | undefined {
    const t = this.typeOf(base, ctx);
    const targets = t && ctx.fn ? this.m().pointers.pointerTargets(t, field, ctx.fn.file) : undefined;
    for (const fn of targets ?? []) this.targetNames.add(fn.name);
    return targets;
  }
  /** True when no analysed file seeing the definition of `base`'s struct ever sets its function-pointer member `field` (pointer-targets.ts). */
  pointerNeverSet(base: PExpr, field: string, ctx: Ctx): boolean {
    const t = this.typeOf(base, ctx);
    return !!t && !!ctx.fn && this.m().pointers.neverSet(t, field, ctx.fn.file);
  }
  /** Names of functions a pointer call has resolved to (so far, in any check): their callers' findings depend on them. */
  wasPointerTarget(name: string): boolean { return this.targetNames.has(name); }
  private readonly targetNames = new Set<string>();
  typeOf(expr: PExpr, ctx: Ctx): string | undefined { return this.m().keys.typeOf(expr, ctx); }
}

/** Declarations that member keys and types are computed from; functions may change without a rebuild. */
function sameDeclarations(a: FileFacts, b: FileFacts): boolean {
  const decl = (f: FileFacts) => JSON.stringify([f.structs, f.typedefs, f.typedefPointers ?? {}, f.pointerFields ?? [], f.memberShapes ?? {}, Object.keys(f.globals), f.includes ?? [], f.memberInits ?? {}, f.positionalInits ?? []]);
  return decl(a) === decl(b) && JSON.stringify(a.globals) === JSON.stringify(b.globals);
}
