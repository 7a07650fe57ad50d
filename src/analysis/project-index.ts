// The project-wide index: merges every file's facts and resolves pointer expressions to their origins across files.
import { classifyStore, declaresDmaReturn, storedValues } from './address-stores';
import type { BodyFacts, FileFacts, FunctionFacts, MemberShape, Origin, PExpr, VarInfo } from './facts';
import { isWcKind, KNOWN_MEMBER_ORIGINS, VALUE_CARRYING_CALLS } from './vocabulary';
import { returnsZeroOn } from './constant-helpers';
import { KBUILD_ARCHES, type KbuildArch } from './kbuild';
import { memberAssignments, UNKNOWN_VALUE } from './member-functions';

/** More functions than this for one member: a call through it is left unresolved (a generic hook, not a driver's choice). */
const MAX_POINTER_TARGETS = 8;

/** Extracts the body of a function kept lazily (parses its text on demand). */
export type Materializer = (fn: FunctionFacts) => BodyFacts;

/** Where an expression is evaluated: its function and, for inlined callees and macros, the arguments bound to parameters. */
export interface Ctx { fn?: FunctionFacts; args?: Map<string, { expr: PExpr; ctx: Ctx }>; depth: number }

const MAX_DEPTH = 6;

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i);
}

export class ProjectIndex {
  private readonly files = new Map<string, FileFacts>();
  private merged?: Merged;

  constructor(private readonly materialize: Materializer) {}

  /** A function's body facts, extracted on first use for functions kept as text. */
  bodyOf(fn: FunctionFacts): BodyFacts { return fn.body ?? this.materialize(fn); }

  /**
   * Replaces one file's facts. When its declarations (structs, typedefs, globals) are unchanged — the usual keystroke
   * inside a function — the merged index swaps that file's functions in place; otherwise it is rebuilt on next use.
   */
  update(facts: FileFacts): void {
    const old = this.files.get(facts.path);
    this.files.set(facts.path, facts);
    if (this.merged && old && sameDeclarations(old, facts)) this.merged.replaceFunctions(old, facts);
    else this.merged = undefined;
  }
  remove(path: string): void { this.files.delete(path); this.merged = undefined; }
  get(path: string): FileFacts | undefined { return this.files.get(path); }
  allFiles(): IterableIterator<FileFacts> { return this.files.values(); }

  private m(): Merged { return (this.merged ??= new Merged(this.files, (fn) => this.bodyOf(fn))); }

  /** The definition a call in `from` most likely reaches: same file, then same directory, then a unique one. */
  lookupFunction(name: string, from: string): FunctionFacts | undefined { return this.m().lookupFunction(name, from); }
  /** The targets where code under `if (g(...))` for each of `guards` can run (a helper returning 0 elsewhere). */
  guardedArches(guards: readonly string[], file: string): readonly KbuildArch[] { return this.m().guardedArches(guards, file); }
  callerCount(name: string): number { return this.m().callers.get(name) ?? 0; }
  /** True when the function's text names a member holding DMA memory or a write-combining mapping. */
  mentionsDmaMemory(fn: FunctionFacts): boolean { return this.m().mentions(fn, 'dma'); }
  /** True when the function's text names a member holding an I/O mapping. */
  mentionsIoMapping(fn: FunctionFacts): boolean { return this.m().mentions(fn, 'iomem'); }
  /** True when the function's text names a member that holds a BAR's CPU or bus address (fabric rules). */
  mentionsBarAddress(fn: FunctionFacts): boolean { return this.m().mentions(fn, 'bar'); }
  /** True when some struct in the analysed files declares a field of this name as a pointer. */
  isPointerField(name: string): boolean { return this.m().isPointerField(name); }
  /** What a struct member's declaration says (CPU-written by type, bitfield unit); undefined when nothing. */
  memberShape(struct: string | undefined, field: string | undefined): MemberShape | undefined { return struct && field ? this.m().memberShape(struct, field) : undefined; }
  /**
   * The layout of member `field` (width, array, pointer, packed): from `struct`'s declaration when known, else what
   * every struct declaring a member of that name agrees on (undefined where they disagree).
   */
  memberLayout(struct: string | undefined, field: string): MemberShape | undefined { return this.m().memberLayout(struct, field); }
  /**
   * True when member `field` is itself volatile-qualified: in `struct`'s declaration when known, else in every struct
   * declaring a member of that name. Its loads and stores are volatile accesses.
   */
  volatileMember(struct: string | undefined, field: string): boolean { return this.m().volatileMember(struct, field); }
  /** True when some struct declares a member of this name as an array. */
  isArrayField(field: string): boolean { return this.m().arrayFields.has(field); }
  /**
   * True when the structs that `file` and its local headers declare with both members `a` and `b` (at least one) all
   * pack them as bitfields of one storage unit: for a member whose struct type is not known (its container is a core
   * struct, such as thunderbolt's `tb_ring`, declared outside the analysed files).
   */
  sameBitfieldUnitInFile(file: string, a: string, b: string): boolean { return this.m().sameBitfieldUnitInFile(file, a, b); }
  /** True when every struct declared in `file` that has a member `field` declares it CPU-written (pointer, dma_addr_t). */
  cpuMemberInFile(file: string, field: string | undefined): boolean { return field !== undefined && this.m().cpuMemberInFile(file, field); }
  /**
   * True when every store to member `field` in the driver of `file` (the same file, or files sharing a local header)
   * assigns a DMA address or a literal constant, and at least one a DMA address: the CPU writes it, the device does not.
   */
  addressMember(file: string, field: string | undefined): boolean { return field !== undefined && this.m().addressMember(file, field); }
  resolve(expr: PExpr, ctx: Ctx): Origin[] { return this.m().resolve(expr, ctx); }
  /**
   * The functions a call through member `field` of `base` can reach (`udc->write_fn(...)`): every function the analysed
   * files that see the struct's definition ever set that member to (`p->m = fn`, `.m = fn` in tables). Undefined
   * when the struct type is unknown, not one the calling file's own files define, or when some value set is not a
   * known function (a parameter, a cast, a positional initializer), none or more than MAX_POINTER_TARGETS.
   */
  pointerTargets(base: PExpr, field: string, ctx: Ctx): FunctionFacts[] | undefined {
    const t = this.typeOf(base, ctx);
    const targets = t && ctx.fn ? this.m().pointerTargets(t, field, ctx.fn.file) : undefined;
    for (const fn of targets ?? []) this.targetNames.add(fn.name);
    return targets;
  }
  /** Names of functions a pointer call has resolved to (so far, in any check): their callers' findings depend on them. */
  wasPointerTarget(name: string): boolean { return this.targetNames.has(name); }
  private readonly targetNames = new Set<string>();
  typeOf(expr: PExpr, ctx: Ctx): string | undefined { return this.m().typeOf(expr, ctx); }
}

/** Declarations that member keys and types are computed from; functions may change without a rebuild. */
function sameDeclarations(a: FileFacts, b: FileFacts): boolean {
  const decl = (f: FileFacts) => JSON.stringify([f.structs, f.typedefs, f.typedefPointers ?? {}, f.pointerFields ?? [], f.memberShapes ?? {}, Object.keys(f.globals), f.includes ?? [], f.memberInits ?? {}, f.positionalInits ?? []]);
  return decl(a) === decl(b) && JSON.stringify(a.globals) === JSON.stringify(b.globals);
}

class Merged {
  readonly functions = new Map<string, FunctionFacts[]>();
  readonly callers = new Map<string, number>();
  private readonly structs = new Map<string, Record<string, string | undefined>>();
  /** Struct name -> directory of (the first of) its definitions in the analysed files. */
  private readonly structDirs = new Map<string, string[]>();
  private readonly typedefs = new Map<string, string>();
  /** Typedef alias -> whether every file declaring it makes it a pointer type (null: they disagree). */
  private readonly typedefPointers = new Map<string, boolean | null>();
  /** Member name -> whether every struct declaring a member of that name declares it volatile. */
  private readonly volatileByName = new Map<string, boolean>();
  private readonly globals = new Map<string, { info: VarInfo; file: string }>();
  private readonly members = new Map<string, { expr: PExpr; ctx: Ctx }[]>();
  private readonly memo = new Map<string, Origin[]>();
  private readonly inProgress = new Set<string>();
  /** Field name -> functions not yet extracted that assign it; extracted before any member with that field resolves. */
  private readonly lazyWriters = new Map<string, FunctionFacts[]>();
  private readonly membersAdded = new Set<FunctionFacts>();
  /** Member keys whose waiting writers were already extracted. */
  private readonly writersDone = new Set<string>();
  /** The member keys each function's writes were filed under, so they can be withdrawn when its file changes. */
  private readonly memberKeysOf = new Map<FunctionFacts, string[]>();

  private readonly pointerFields = new Set<string>();
  /** Member name -> the layout every declaration of a member of that name agrees on (null: they disagree). */
  private readonly layouts = new Map<string, MemberShape | null>();
  readonly arrayFields = new Set<string>();
  private readonly shapes = new Map<string, Record<string, MemberShape>>();
  /** File -> member name -> whether every struct declared in that file with such a member declares it CPU-written. */
  private readonly fileCpu = new Map<string, Map<string, boolean>>();
  /** File -> the local headers it includes (`#include "x.h"`, by base name). */
  private readonly includes = new Map<string, Set<string>>();
  private readonly mentionCache = new Map<MemoryClass, MemberMentions>();
  /** Per function: which classes were scanned (bits 3-5) and found (bits 0-2); valid while mentionCache is. */
  private mentionMemo = new WeakMap<FunctionFacts, number>();
  /** Member name -> the files whose structs declare a member of that name dma_addr_t. */
  private readonly dmaFiles = new Map<string, string[]>();
  /** Field name -> functions whose text assigns it (built on first use). */
  private writersByField?: Map<string, FunctionFacts[]>;
  private readonly addressMemo = new Map<string, boolean>();

  /** Base name -> the analysed files of that name (to resolve `#include "x.h"`). */
  private readonly byBase = new Map<string, string[]>();
  /** File -> the files whose declarations it sees (itself and its local headers, transitively). */
  private readonly visible = new Map<string, Set<string>>();
  /** File -> function name -> the definition a call there reaches (lookupFunction; dropped when functions change). */
  private readonly lookups = new Map<string, Map<string, FunctionFacts | undefined>>();

  constructor(private readonly files: Map<string, FileFacts>, private readonly bodyOf: (fn: FunctionFacts) => BodyFacts) {
    for (const f of files.values()) this.addTypedefs(f);
    for (const f of files.values()) this.addDeclarations(f);
    for (const f of files.values()) this.addFunctions(f.functions);
  }

  isPointerField(name: string): boolean { return this.pointerFields.has(name); }
  memberShape(struct: string, field: string): MemberShape | undefined { return this.shapes.get(this.canon(struct) ?? struct)?.[field]; }

  memberLayout(struct: string | undefined, field: string): MemberShape | undefined {
    const own = struct ? this.structs.get(this.canon(struct) ?? struct) : undefined;
    if (own && field in own) return this.memberShape(struct!, field) ?? {};
    return this.layouts.get(field) ?? undefined;
  }

  volatileMember(struct: string | undefined, field: string): boolean {
    const own = struct ? this.structs.get(this.canon(struct) ?? struct) : undefined;
    if (own && field in own) return this.memberShape(struct!, field)?.volatile === true;
    return this.volatileByName.get(field) === true;
  }

  private addLayouts(f: FileFacts, shapes: Record<string, Record<string, MemberShape>>): void {
    const key = (m: MemberShape | undefined) => `${m?.bytes ?? ''}/${m?.array ?? ''}/${m?.pointer ?? ''}/${m?.packed ?? ''}/${m?.be ?? ''}`;
    for (const [name, fields] of Object.entries(f.structs)) {
      for (const field of Object.keys(fields)) {
        const shape = shapes[name]?.[field] ?? {};
        if (shape.array) this.arrayFields.add(field);
        const seen = this.layouts.get(field);
        if (seen === undefined) this.layouts.set(field, shape);
        else if (seen !== null && key(seen) !== key(shape)) this.layouts.set(field, null);
        this.volatileByName.set(field, (this.volatileByName.get(field) ?? true) && shape.volatile === true);
      }
    }
  }

  private addTypedefs(f: FileFacts): void {
    for (const [alias, target] of Object.entries(f.typedefs)) this.typedefs.set(alias, target);
    for (const [alias, pointer] of Object.entries(f.typedefPointers ?? {})) {
      const seen = this.typedefPointers.get(alias);
      this.typedefPointers.set(alias, seen === undefined || seen === pointer ? pointer : null);
    }
  }

  /** True when `type` names a typedef of a pointer type, directly or through typedefs of typedefs (`typedef PFOO PBAR`). */
  private pointerTypedef(type: string | undefined): boolean {
    let t = type;
    for (let i = 0; t && i < 8; i++) {
      const pointer = this.typedefPointers.get(t);
      if (pointer !== false) return pointer === true;
      t = this.typedefs.get(t);
    }
    return false;
  }

  /**
   * The file's member shapes with members whose type is a typedef of a pointer (from any analysed file: typedefs are
   * often in another header) marked as the pointers they are, so CPU-written like a member declared with `*`.
   */
  private typedShapes(f: FileFacts): Record<string, Record<string, MemberShape>> {
    const out: Record<string, Record<string, MemberShape>> = { ...(f.memberShapes ?? {}) };
    for (const [name, fields] of Object.entries(f.structs)) {
      for (const [field, type] of Object.entries(fields)) {
        const shape = out[name]?.[field];
        if (shape?.pointer || !this.pointerTypedef(type)) continue;
        out[name] = { ...out[name], [field]: { ...shape, pointer: true, cpu: true } };
      }
    }
    return out;
  }
  cpuMemberInFile(file: string, field: string): boolean { return this.fileCpu.get(file)?.get(field) === true; }

  sameBitfieldUnitInFile(file: string, a: string, b: string): boolean {
    let found = false;
    for (const f of this.visibleFiles(file)) {
      const facts = this.files.get(f);
      for (const [name, fields] of Object.entries(facts?.structs ?? {})) {
        if (!(a in fields) || !(b in fields)) continue;
        const shapes = facts?.memberShapes?.[name];
        const unit = shapes?.[a]?.unit;
        if (unit === undefined || unit !== shapes?.[b]?.unit) return false;
        found = true;
      }
    }
    return found;
  }

  addressMember(file: string, field: string): boolean {
    const key = `${file}\u0000${field}`;
    let hit = this.addressMemo.get(key);
    if (hit === undefined) { hit = this.computeAddressMember(file, field); this.addressMemo.set(key, hit); }
    return hit;
  }

  private computeAddressMember(file: string, field: string): boolean {
    const writers = (this.writersOf().get(field) ?? []).filter((fn) => !fn.isMacro && this.sameDriver(fn.file, file));
    const typesIn = (writer: string) => ({
      dmaMember: (name: string) => (this.dmaFiles.get(name) ?? []).some((f) => this.declaresFor(f, file)),
      returnsDma: (name: string) => { const fn = this.lookupFunction(name, writer); return !!fn?.source && declaresDmaReturn(fn.source.text, name); },
    });
    let address = false;
    for (const fn of writers) {
      const text = fn.source?.text ?? '';
      const types = typesIn(fn.file);
      for (const value of storedValues(text, field)) {
        const kind = classifyStore(value, text, types);
        if (kind === 'other') return false;
        if (kind === 'address') address = true;
      }
    }
    return address;
  }

  private writersOf(): Map<string, FunctionFacts[]> {
    if (this.writersByField) return this.writersByField;
    const map = new Map<string, FunctionFacts[]>();
    for (const list of this.functions.values()) for (const fn of list) for (const field of fn.writtenFields) {
      const l = map.get(field);
      if (l) l.push(fn); else map.set(field, [fn]);
    }
    return (this.writersByField = map);
  }

  /** Struct name -> the analysed files defining it (built on first use). */
  private structFiles?: Map<string, string[]>;
  /** Local header base name -> the analysed files including it (built on first use). */
  private includers?: Map<string, string[]>;
  private readonly targetsMemo = new Map<string, FunctionFacts[] | undefined>();

  pointerTargets(struct: string, field: string, from: string): FunctionFacts[] | undefined {
    const t = this.canon(struct) ?? struct;
    const key = `${t}\u0000${field}\u0000${from}`;
    if (!this.targetsMemo.has(key)) this.targetsMemo.set(key, this.computePointerTargets(t, field, from));
    return this.targetsMemo.get(key);
  }

  private computePointerTargets(t: string, field: string, from: string): FunctionFacts[] | undefined {
    const defs = (this.structFilesOf().get(t) ?? []).filter((f) => Object.hasOwn(this.files.get(f)?.structs[t] ?? {}, field));
    const seen = this.visibleFiles(from);
    if (!defs.some((d) => seen.has(d))) return undefined;
    const users = this.filesSeeing(defs);
    const names: [string, string][] = [];
    for (const u of users) {
      const facts = this.files.get(u);
      if (facts?.positionalInits?.some((p) => (this.canon(p) ?? p) === t)) return undefined;
      for (const v of facts?.memberInits?.[field] ?? []) {
        const [name, owner] = v.split('@');
        if (owner === undefined || (this.canon(owner) ?? owner) === t) names.push([name, u]);
      }
    }
    if ([...users].some((u) => this.files.get(u)?.functions.some((fn) => addressTaken(fn.source?.text ?? '', field)))) return undefined;
    const only = new Set([field]);
    for (const fn of this.writersOf().get(field) ?? []) {
      if (!users.has(fn.file)) continue;
      for (const v of memberAssignments([fn.source?.text ?? ''], only)[field] ?? []) {
        names.push([fn.params.some((p) => p.name === v) ? UNKNOWN_VALUE : v, fn.file]); // `ops->write = write;` of a parameter
      }
    }
    const targets = new Set<FunctionFacts>();
    for (const [name, file] of names) {
      const fn = name === UNKNOWN_VALUE ? undefined : this.lookupFunction(name, file);
      if (!fn || fn.isMacro) return undefined;
      targets.add(fn);
    }
    return targets.size > 0 && targets.size <= MAX_POINTER_TARGETS ? [...targets] : undefined;
  }

  private structFilesOf(): Map<string, string[]> {
    if (this.structFiles) return this.structFiles;
    const map = new Map<string, string[]>();
    for (const f of this.files.values()) for (const name of Object.keys(f.structs)) {
      const l = map.get(name);
      if (l) l.push(f.path); else map.set(name, [f.path]);
    }
    return (this.structFiles = map);
  }

  /** The analysed files that see one of `defs` (the files themselves, and those including them, transitively). */
  private filesSeeing(defs: readonly string[]): Set<string> {
    if (!this.includers) {
      this.includers = new Map();
      for (const [file, bases] of this.includes) for (const b of bases) {
        const l = this.includers.get(b);
        if (l) l.push(file); else this.includers.set(b, [file]);
      }
    }
    const out = new Set(defs);
    for (const at of out) {
      const base = at.slice(at.lastIndexOf('/') + 1);
      for (const g of this.includers.get(base) ?? []) if (!out.has(g) && this.nearest(base, g).includes(at)) out.add(g);
    }
    return out;
  }

  /** Declarations in `decl` are seen by `file`: the same driver, or a local header `file` includes. */
  private declaresFor(decl: string, file: string): boolean {
    return this.sameDriver(decl, file) || this.includes.get(file)?.has(decl.slice(decl.lastIndexOf('/') + 1)) === true;
  }

  /** Two files of one driver: the same file, or files that include a common local ("...") header. */
  private sameDriver(a: string, b: string): boolean {
    if (a === b) return true;
    const ia = this.includes.get(a);
    const ib = this.includes.get(b);
    if (!ia || !ib) return false;
    for (const h of ia) if (ib.has(h)) return true;
    return false;
  }

  /** Swaps one file's functions (same declarations) without touching the rest; caches are dropped. */
  replaceFunctions(old: FileFacts, next: FileFacts): void {
    const kept = new Set(next.functions);
    const gone = new Set(old.functions.filter((fn) => !kept.has(fn)));
    const before = new Set(old.functions);
    for (const fn of gone) {
      const list = this.functions.get(fn.name)?.filter((f) => !gone.has(f)) ?? [];
      if (list.length) this.functions.set(fn.name, list); else this.functions.delete(fn.name);
      for (const c of fn.calls) this.callers.set(c, (this.callers.get(c) ?? 1) - 1);
      for (const key of this.memberKeysOf.get(fn) ?? []) {
        const left = this.members.get(key)?.filter((w) => w.ctx.fn !== fn) ?? [];
        if (left.length) this.members.set(key, left); else this.members.delete(key);
      }
      this.memberKeysOf.delete(fn);
      this.membersAdded.delete(fn);
      for (const field of fn.writtenFields) {
        const list = this.lazyWriters.get(field);
        if (list) this.lazyWriters.set(field, list.filter((f) => f !== fn));
      }
    }
    this.addFunctions(next.functions.filter((fn) => !before.has(fn)));
    this.memo.clear();
    this.lookups.clear();
    this.sited = new WeakMap();
    this.mentionCache.clear();
    this.mentionMemo = new WeakMap();
    this.writersByField = undefined;
    this.targetsMemo.clear();
    this.addressMemo.clear();
    this.writersDone.clear();
  }

  private addFunctions(functions: readonly FunctionFacts[]): void {
    for (const fn of functions) {
      const list = this.functions.get(fn.name) ?? [];
      list.push(fn);
      this.functions.set(fn.name, list);
      for (const c of fn.calls) this.callers.set(c, (this.callers.get(c) ?? 0) + 1);
    }
    for (const fn of functions) {
      if (fn.body) this.addMembers(fn, fn.body);
      else for (const field of fn.writtenFields) {
        if (!this.pointerFields.has(field)) continue;
        const list = this.lazyWriters.get(field);
        if (list) list.push(fn); else this.lazyWriters.set(field, [fn]);
      }
    }
  }

  private addDeclarations(f: FileFacts): void {
    for (const [name, fields] of Object.entries(f.structs)) {
      mergeInto(this.structs, name, fields);
      const dirs = this.structDirs.get(name) ?? [];
      if (!dirs.includes(dirOf(f.path))) dirs.push(dirOf(f.path));
      this.structDirs.set(name, dirs);
    }
    for (const field of f.pointerFields ?? []) this.pointerFields.add(field);
    const shapes = this.typedShapes(f);
    this.addLayouts(f, shapes);
    for (const [name, fields] of Object.entries(shapes)) mergeInto(this.shapes, name, fields);
    const cpu = new Map<string, boolean>();
    for (const [name, fields] of Object.entries(f.structs)) {
      for (const field of Object.keys(fields)) cpu.set(field, (cpu.get(field) ?? true) && shapes[name]?.[field]?.cpu === true);
    }
    this.fileCpu.set(f.path, cpu);
    const dma = new Set<string>();
    for (const fields of Object.values(shapes)) for (const [field, shape] of Object.entries(fields)) if (shape.dma) dma.add(field);
    for (const field of dma) { const list = this.dmaFiles.get(field); if (list) list.push(f.path); else this.dmaFiles.set(field, [f.path]); }
    this.includes.set(f.path, new Set(f.includes ?? []));
    const base = f.path.slice(f.path.lastIndexOf('/') + 1);
    const named = this.byBase.get(base);
    if (named) named.push(f.path); else this.byBase.set(base, [f.path]);
    for (const [name, info] of Object.entries(f.globals)) if (info.values.length) this.globals.set(name, { info, file: f.path });
  }

  private addMembers(fn: FunctionFacts, body: BodyFacts): void {
    if (this.membersAdded.has(fn)) return;
    this.membersAdded.add(fn);
    const ctx: Ctx = { fn, depth: 0 };
    const keys: string[] = [];
    for (const a of body.memberAssigns) {
      for (const key of this.writeKeys(a.base, a.field, ctx)) {
        const list = this.members.get(key) ?? [];
        list.push({ expr: a.value, ctx });
        this.members.set(key, list);
        keys.push(key);
      }
    }
    this.memberKeysOf.set(fn, keys);
  }

  /**
   * Members whose writes (in functions extracted so far: the I/O functions) carry memory of a class (device memory:
   * DMA buffers and I/O mappings; or BAR addresses): field name -> the struct types (`type@scope`, or `?dir`) owning it.
   */
  private membersOf(cls: MemoryClass): MemberMentions {
    const hit = this.mentionCache.get(cls);
    if (hit) return hit;
    const map = new Map<string, Set<string>>();
    for (const [key, writes] of [...this.members]) {
      const dot = key.lastIndexOf('.');
      const owner = key.slice(0, dot);
      const field = key.slice(dot + 1);
      if (map.get(field)?.has(owner)) continue;
      if (!writes.some((w) => this.resolve(w.expr, { ...w.ctx, depth: 1 }).some(MEMORY_CLASSES[cls]))) continue;
      const owners = map.get(field) ?? new Set<string>();
      owners.add(owner);
      map.set(field, owners);
    }
    const plain = [...map.keys()].every((f) => /^\w+$/.test(f));
    const pattern = map.size ? (plain ? MEMBER_TOKEN : new RegExp(`(?:->|\\.)\\s*(${[...map.keys()].join('|')})\\b`, 'g')) : null;
    const result = { owners: map, pattern };
    this.mentionCache.set(cls, result);
    return result;
  }

  /** The text names such a member: `->field` with its owning struct type (untyped: from the same directory; macros: any). */
  mentions(fn: FunctionFacts, cls: MemoryClass): boolean {
    const bit = MENTION_BIT[cls];
    const known = this.mentionMemo.get(fn) ?? 0;
    if (known & (bit << 3)) return (known & bit) !== 0;
    const result = this.scanMentions(fn, cls);
    this.mentionMemo.set(fn, known | (bit << 3) | (result ? bit : 0));
    return result;
  }

  /**
   * MEMBER_TOKEN reads the whole identifier after `->`/`.` and looks it up: the same hits as an alternation of the
   * field names followed by `\b` (a name followed by a word boundary is the whole identifier), without trying every
   * name at every member access.
   */
  private scanMentions(fn: FunctionFacts, cls: MemoryClass): boolean {
    const { owners, pattern } = this.membersOf(cls);
    const text = fn.source?.text;
    if (!pattern || !text) return false;
    for (const m of text.matchAll(pattern)) {
      for (const owner of owners.get(m[1]) ?? []) {
        if (fn.isMacro || ownerMatches(owner, text, fn.file)) return true;
      }
    }
    return false;
  }

  /**
   * The definition a call in `from` reaches: its own file's, then a macro or extern function in a local header it
   * includes; none when its own scope defines the name as a macro not summarised (another driver's macro of that
   * name is not the one it calls); else, among definitions it could see at all (a macro or `static` function of
   * another .c file cannot be), the only one, then an extern one of its driver (a shared local header: the real
   * function beside a header's `static inline` stub for the other config), then a header's it includes, then one of
   * its directory.
   */
  lookupFunction(name: string, from: string): FunctionFacts | undefined {
    let byName = this.lookups.get(from);
    if (!byName) { byName = new Map(); this.lookups.set(from, byName); }
    if (byName.has(name)) return byName.get(name);
    const found = this.findDefinition(name, from);
    byName.set(name, found);
    return found;
  }

  /** Mapping origins with the targets their guarded site runs on (withSiteArches). */
  private sited = new WeakMap<Origin, Origin>();

  /** What lookupFunction answers, computed. */
  private findDefinition(name: string, from: string): FunctionFacts | undefined {
    const defs = this.functions.get(name);
    if (!defs) return undefined;
    const seen = this.visibleFiles(from);
    const own = defs.find((d) => d.file === from) ?? defs.find((d) => seen.has(d.file) && !isStatic(d));
    if (own) return own;
    for (const f of seen) { const macros = this.files.get(f)?.macros; if (macros && Object.hasOwn(macros, name)) return undefined; }
    const reachable = defs.filter((d) => !privateToOtherFile(d));
    if (reachable.length <= 1) return reachable[0];
    return reachable.find((d) => !isStatic(d) && this.sameDriver(d.file, from)) ?? reachable.find((d) => seen.has(d.file))
      ?? reachable.find((d) => this.sameDriver(d.file, from)) ?? reachable.find((d) => dirOf(d.file) === dirOf(from));
  }

  /** `file` and the analysed local headers it includes, transitively (a header's base name resolved nearest first). */
  private visibleFiles(file: string): Set<string> {
    const hit = this.visible.get(file);
    if (hit) return hit;
    const out = new Set<string>([file]);
    for (const at of out) for (const base of this.includes.get(at) ?? []) for (const h of this.nearest(base, at)) out.add(h);
    this.visible.set(file, out);
    return out;
  }

  /** The analysed files named `base` nearest to `from` (the longest common directory prefix; ties all kept). */
  private nearest(base: string, from: string): string[] {
    const files = this.byBase.get(base) ?? [];
    if (files.length <= 1) return files;
    const common = (f: string) => { const a = dirOf(f).split('/'); const b = dirOf(from).split('/'); let i = 0; while (i < a.length && a[i] === b[i]) i++; return i; };
    const best = Math.max(...files.map(common));
    return files.filter((f) => common(f) === best);
  }

  canon(type: string | undefined): string | undefined {
    let t = type;
    for (let i = 0; t && i < 8 && this.typedefs.has(t); i++) t = this.typedefs.get(t);
    return t;
  }

  /**
   * The key of a typed member: its struct and the directory that owns the struct (where it is defined in the analysed
   * files). A struct defined elsewhere (net_device, device, pci_dev) is keyed per file of use, so drivers that put
   * different things in the same core field (`dev->base_addr`), often side by side in one directory, stay apart.
   */
  private typedKey(t: string, field: string, ctx: Ctx): string {
    return `${t}@${this.structScope(t, ctx.fn?.file ?? '')}.${field}`;
  }

  /**
   * The definition of struct `t` a function in `file` sees: the only one when a single directory defines it (a
   * driver split over sibling directories shares its header's structs); otherwise the nearest directory at or above
   * the file's that defines it; when the name is defined only in unrelated places, or not in the analysed files at all
   * (a core struct), the file itself.
   */
  private structScope(t: string, file: string): string {
    const dirs = this.structDirs.get(t);
    if (!dirs) return file;
    if (dirs.length === 1) return dirs[0];
    const here = dirOf(file) + '/';
    let best: string | undefined;
    for (const d of dirs) if (here.startsWith(d + '/') && (!best || d.length > best.length)) best = d;
    return best ?? file;
  }

  private writeKeys(base: PExpr, field: string, ctx: Ctx): string[] {
    const t = this.typeOf(base, ctx);
    const loose = `?${dirOf(ctx.fn?.file ?? '')}.${field}`;
    return t ? [this.typedKey(t, field, ctx), loose] : [loose];
  }

  /**
   * A member read with a known struct type looks only at that type's writes; an untyped read sees writes in its
   * directory made by the same driver (the same file, or a file including one of the same local headers).
   */
  private readKeys(base: PExpr, field: string, ctx: Ctx): string[] {
    const t = this.typeOf(base, ctx);
    return t ? [this.typedKey(t, field, ctx)] : [`?${dirOf(ctx.fn?.file ?? '')}.${field}`];
  }

  typeOf(e: PExpr, ctx: Ctx): string | undefined {
    switch (e.k) {
      case 'var': {
        const bound = ctx.args?.get(e.name);
        if (bound) return this.typeOf(bound.expr, bound.ctx);
        const local = (ctx.fn ? this.bodyOf(ctx.fn).locals[e.name]?.type : undefined) ?? ctx.fn?.params.find((p) => p.name === e.name)?.type;
        return this.canon(local ?? this.globals.get(e.name)?.info.type);
      }
      case 'member': {
        const bt = this.typeOf(e.base, ctx);
        return bt ? this.canon(this.structs.get(bt)?.[e.field]) : undefined;
      }
      case 'cast': return this.canon(e.type) ?? this.typeOf(e.inner, ctx);
      case 'index': return this.typeOf(e.base, ctx);
      case 'addr': return this.typeOf(e.of, ctx);
      case 'deref': return this.typeOf(e.of, ctx);
      default: return undefined;
    }
  }

  resolve(e: PExpr, ctx: Ctx): Origin[] {
    if (ctx.depth > MAX_DEPTH) return [];
    switch (e.k) {
      case 'origin': return [this.withSiteArches(e.origin)];
      case 'var': return this.resolveVar(e.name, ctx);
      case 'member': return this.resolveMember(e.base, e.field, ctx);
      case 'cast': return this.resolve(e.inner, ctx);
      case 'index': return this.resolve(e.base, ctx);
      case 'addr': return e.of.k === 'member' ? [...this.resolve(e.of, ctx), ...this.resolve(e.of.base, ctx)] : this.resolve(e.of, ctx);
      case 'deref': return [];
      case 'call': return this.resolveCall(e.fn, e.args, ctx);
      case 'union': return e.parts.flatMap((p) => this.resolve(p, ctx));
      default: return [];
    }
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

  /** The targets where code under `if (g(...))` for each of `guards` (called from `file`) can run. */
  guardedArches(guards: readonly string[], file: string): readonly KbuildArch[] {
    let arches: readonly KbuildArch[] = KBUILD_ARCHES;
    for (const name of guards) {
      const fn = this.lookupFunction(name, file);
      const zero = fn && returnsZeroOn(fn, this.files.get(fn.file)?.archRegions);
      if (zero) arches = arches.filter((a) => !zero.includes(a));
    }
    return arches;
  }

  private resolveVar(name: string, ctx: Ctx): Origin[] {
    const bound = ctx.args?.get(name);
    if (bound) return this.resolve(bound.expr, { ...bound.ctx, depth: Math.max(bound.ctx.depth, ctx.depth) + 1 });
    const local = ctx.fn ? this.bodyOf(ctx.fn).locals[name] : undefined;
    if (local) return this.guarded(`L:${ctx.fn!.file}:${ctx.fn!.name}:${name}:${ctx.args ? 'b' : ''}`, () => local.values.flatMap((v) => this.resolve(v, { ...ctx, depth: ctx.depth + 1 })), !ctx.args);
    if (ctx.fn?.params.some((p) => p.name === name)) return [];
    const g = this.globals.get(name);
    return g ? this.guarded(`G:${name}`, () => g.info.values.flatMap((v) => this.resolve(v, { depth: ctx.depth + 1 })), true) : [];
  }

  /** Extracts the lazily kept functions that assign `field`, so their writes join the member map. */
  /**
   * Extracts the functions kept as text that may write this member: they assign the field and name its struct type
   * (or, for an untyped member, sit in its directory). Extracted writers leave the waiting list.
   */
  private materializeWriters(field: string, owner: string): void {
    const writers = this.lazyWriters.get(field);
    if (!writers || writers.length === 0) return;
    const done = `${owner}.${field}`;
    if (this.writersDone.has(done)) return;
    this.writersDone.add(done);
    const now = writers.filter((fn) => ownerMatches(owner, fn.source?.text ?? '', fn.file));
    if (now.length === 0) return;
    const extracted = new Set(now);
    this.lazyWriters.set(field, writers.filter((fn) => !extracted.has(fn)));
    for (const fn of now) this.addMembers(fn, this.bodyOf(fn));
  }

  /** A member of a library struct known to hold device memory (DPDK rte_memzone.addr, rte_mem_resource.addr). */
  private knownMember(base: PExpr, field: string, ctx: Ctx): Origin | undefined {
    const t = this.typeOf(base, ctx);
    const viaTable = base.k === 'index' && base.base.k === 'member' && base.base.field === 'mem_resource' ? 'rte_mem_resource' : undefined;
    const known = KNOWN_MEMBER_ORIGINS.get(`${t ?? viaTable}.${field}`);
    if (!known) return undefined;
    const at = { file: ctx.fn?.file ?? '', span: ctx.fn?.span ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    return known.kind === 'mapping' ? { kind: 'mapping', api: known.api, memKind: known.memKind ?? 'ioremap', ...at } : { kind: 'dma-coherent', api: known.api, ...at };
  }

  private resolveMember(base: PExpr, field: string, ctx: Ctx): Origin[] {
    const known = this.knownMember(base, field, ctx);
    if (known) return [known];
    const out: Origin[] = [];
    for (const key of this.readKeys(base, field, ctx)) {
      this.materializeWriters(field, key.slice(0, key.lastIndexOf('.')));
      const all = this.members.get(key);
      const reader = ctx.fn?.file ?? '';
      const writes = key.startsWith('?') ? all?.filter((w) => this.sameDriver(w.ctx.fn?.file ?? '', reader)) : all;
      const memoKey = key.startsWith('?') ? `M:${key}@${reader}` : `M:${key}`;
      if (writes?.length) out.push(...this.guarded(memoKey, () => writes.flatMap((w) => this.resolve(w.expr, { ...w.ctx, depth: 1 })), true));
    }
    return out;
  }

  private resolveCall(name: string, args: PExpr[], ctx: Ctx): Origin[] {
    const callee = this.lookupFunction(name, ctx.fn?.file ?? '');
    // `lower_32_bits(h)`, `cpu_to_le32(h)`: the same DMA address (only that passes: such a value is no pointer).
    if (!callee && VALUE_CARRYING_CALLS.test(name) && args[0]) return this.resolve(args[0], ctx).filter((o) => o.kind === 'dma-handle');
    if (!callee || this.bodyOf(callee).returns.length === 0) return [];
    const bindings = new Map<string, { expr: PExpr; ctx: Ctx }>();
    callee.params.forEach((p, i) => { if (args[i]) bindings.set(p.name, { expr: args[i], ctx }); });
    const calleeCtx: Ctx = { fn: callee, args: bindings, depth: ctx.depth + 1 };
    return this.bodyOf(callee).returns.flatMap((r) => this.resolve(r, calleeCtx));
  }

  /** Memoises context-free results and breaks cycles through members, globals and locals. */
  private guarded(key: string, compute: () => Origin[], cacheable: boolean): Origin[] {
    const hit = this.memo.get(key);
    if (hit) return hit;
    if (this.inProgress.has(key)) return [];
    this.inProgress.add(key);
    try {
      const result = dedupe(compute());
      if (cacheable) this.memo.set(key, result);
      return result;
    } finally {
      this.inProgress.delete(key);
    }
  }
}

/** `map[key] = { ...map[key], ...fields }` without copying what is there (a struct name declared in many files). */
function mergeInto<T>(map: Map<string, Record<string, T>>, key: string, fields: Record<string, T>): void {
  const merged = map.get(key);
  if (merged) Object.assign(merged, fields); else map.set(key, { ...fields });
}

/**
 * `&p->m` / `&x.m` (a unary `&`: after `(`, `,`, `=`, `return`...; not `a && p->m` nor `a & p->m`): a member whose
 * address is taken may be set through that pointer, where no `->m =` shows it.
 */
function addressTaken(text: string, field: string): boolean {
  if (!text.includes(field) || !text.includes('&')) return false;
  const re = new RegExp(`(?<!&)&(?!&)\\s*\\(?\\s*\\w+(?:\\s*(?:->|\\.)\\s*\\w+|\\s*\\[[^\\]]*\\])*?\\s*(?:->|\\.)\\s*${field}\\b(?!\\s*\\()`, 'g');
  for (const m of text.matchAll(re)) {
    const before = text.slice(Math.max(0, m.index - 12), m.index).trimEnd();
    if (before === '' || /[(,=!?:;{}]$|\breturn$/.test(before)) return true;
  }
  return false;
}

/** A `static` function (not a macro summarised as one). */
function isStatic(fn: FunctionFacts): boolean {
  return !fn.isMacro && /^\s*static\b/.test(fn.source?.text ?? '');
}

/** A macro or `static` function defined in a .c file: only that file (or one including it) can call it. */
function privateToOtherFile(fn: FunctionFacts): boolean {
  return !fn.file.endsWith('.h') && (fn.isMacro === true || isStatic(fn));
}

/** `?dir` owners match in that directory; `type@scope` owners where the text names the type, at or below the scope dir (or in the scope file). */
function ownerMatches(owner: string, text: string, file: string): boolean {
  if (owner.startsWith('?')) return owner.slice(1) === dirOf(file);
  const at = owner.indexOf('@');
  const scope = owner.slice(at + 1);
  return (scope === file || (dirOf(file) + '/').startsWith(scope + '/')) && text.includes(owner.slice(0, at));
}

/** Memory the rules track accesses to: DMA-visible buffers and I/O mappings (not memremap'ed or P2PDMA memory). */
function isDeviceMemory(o: Origin): boolean {
  return o.kind === 'dma-coherent' || o.kind === 'dma-mapped' || (o.kind === 'mapping' && !o.memKind.startsWith('memremap'));
}

type MemoryClass = 'dma' | 'iomem' | 'bar';
const MENTION_BIT: Record<MemoryClass, number> = { dma: 1, iomem: 2, bar: 4 };
/** A member access and the whole identifier it names (see Merged.scanMentions). */
const MEMBER_TOKEN = /(?:->|\.)\s*(\w+)/g;
interface MemberMentions { owners: Map<string, Set<string>>; pattern: RegExp | null }

const MEMORY_CLASSES: Record<MemoryClass, (o: Origin) => boolean> = {
  dma: (o) => o.kind === 'dma-coherent' || o.kind === 'dma-mapped' || (o.kind === 'mapping' && isWcKind(o.memKind)),
  iomem: isDeviceMemory,
  bar: (o) => o.kind === 'bar-address' || o.kind === 'bus-address' || o.kind === 'device-resource',
};

function dedupe(origins: Origin[]): Origin[] {
  const seen = new Set<string>();
  return origins.filter((o) => {
    const k = `${o.kind}:${o.api}:${o.file}:${o.span.start.line}:${o.span.start.character}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
