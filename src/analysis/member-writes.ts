// Stores into struct members filed by member key; writers kept as text are extracted only when such a member is read.
import type { BodyFacts, FunctionFacts, PExpr } from './facts';
import { ownerInScope, type Ctx, type MemberKeys } from './member-keys';
import { dirOf } from './file-visibility';
import type { StructDeclarations } from './struct-declarations';
import { StoreTypeNames } from './store-type-names';

/**
 * A writer kept as text may store into members of `owner` (`type@scope` or `?dir`): it sits in the owner's scope.
 * Its text need not name the type (`q->desc.addr = ...` names only q's struct): the store's key is its typed base's.
 */
function waitsFor(owner: string, fn: FunctionFacts): boolean {
  return ownerInScope(owner, fn.file);
}

/**
 * The directories of `dirs` (sorted) some file of which may be in the owner's scope (ownerInScope): `?dir` and
 * `type@?dir` that directory; `type@scope` the scope directory and those below it, or the scope file's directory.
 */
function dirsInScope(owner: string, dirs: readonly string[]): string[] {
  const scope = owner.startsWith('?') ? owner : owner.slice(owner.indexOf('@') + 1);
  if (scope.startsWith('?')) return [scope.slice(1)];
  const out = [scope, dirOf(scope)];
  const below = scope + '/';
  let lo = 0;
  for (let hi = dirs.length; lo < hi;) { const mid = (lo + hi) >> 1; if (dirs[mid] < below) lo = mid + 1; else hi = mid; }
  for (let i = lo; i < dirs.length && dirs[i].startsWith(below); i++) out.push(dirs[i]);
  return out;
}

export class MemberWrites {
  readonly members = new Map<string, { expr: PExpr; ctx: Ctx }[]>();
  /**
   * Field name -> directory -> functions not yet extracted that assign it, extracted before any member with that field
   * resolves: a member's scope is a directory (or below it), so only its directories' writers are looked at.
   */
  private readonly lazyWriters = new Map<string, Map<string, FunctionFacts[]>>();
  /** Per field, its directories in `lazyWriters`, sorted (built when asked; dropped when a directory is added). */
  private readonly sortedDirs = new Map<string, string[]>();
  /** The order functions waited in (extracted writers are filed in it, whichever directories they came from). */
  private readonly arrival = new WeakMap<FunctionFacts, number>();
  private arrivals = 0;
  private readonly membersAdded = new Set<FunctionFacts>();
  /** Member keys whose waiting writers were already extracted. */
  private readonly writersDone = new Set<string>();
  /** The member keys each function's writes were filed under, so they can be withdrawn when its file changes. */
  private readonly memberKeysOf = new Map<FunctionFacts, string[]>();

  private readonly typeNames: StoreTypeNames;

  /**
   * `storesThrough(callee, arg, file)`: the function a call of `callee` in `file` reaches may store through its pointer
   * parameter at `arg` (out-parameters.ts), so passing `&x->m` there may write `m`.
   */
  constructor(
    private readonly decls: StructDeclarations, private readonly keys: MemberKeys, private readonly bodyOf: (fn: FunctionFacts) => BodyFacts,
    private readonly storesThrough: (callee: string, arg: number, file: string) => boolean,
  ) {
    this.typeNames = new StoreTypeNames(decls);
  }

  /** Files the writes of extracted functions; the others wait, per pointer field they assign, until it is read. */
  add(functions: readonly FunctionFacts[]): void {
    for (const fn of functions) {
      if (fn.body) this.addMembers(fn, fn.body);
      else for (const field of writableFields(fn)) {
        if (!this.decls.isPointerField(field)) continue;
        if (!this.arrival.has(fn)) this.arrival.set(fn, this.arrivals++);
        let byDir = this.lazyWriters.get(field);
        if (!byDir) this.lazyWriters.set(field, (byDir = new Map()));
        const dir = dirOf(fn.file);
        const list = byDir.get(dir);
        if (list) list.push(fn); else { byDir.set(dir, [fn]); this.sortedDirs.delete(field); }
      }
    }
  }

  /** Withdraws the writes of a function whose file changed. */
  remove(fn: FunctionFacts): void {
    for (const key of this.memberKeysOf.get(fn) ?? []) {
      const left = this.members.get(key)?.filter((w) => w.ctx.fn !== fn) ?? [];
      if (left.length) this.members.set(key, left); else this.members.delete(key);
    }
    this.memberKeysOf.delete(fn);
    this.membersAdded.delete(fn);
    for (const field of writableFields(fn)) {
      const byDir = this.lazyWriters.get(field);
      const list = byDir?.get(dirOf(fn.file));
      if (!byDir || !list) continue;
      const left = list.filter((f) => f !== fn);
      if (left.length) byDir.set(dirOf(fn.file), left); else byDir.delete(dirOf(fn.file));
    }
  }

  /** Forgets which members' waiting writers were extracted (the functions changed). */
  clearCaches(): void { this.writersDone.clear(); }

  /**
   * Extracts the functions kept as text that may write this member: they assign the field and name its struct type
   * (or, for an untyped member, sit in its directory). Extracted writers leave the waiting list.
   */
  materializeWriters(field: string, owner: string): void {
    const done = `${owner}.${field}`;
    if (this.writersDone.has(done)) return;
    const byDir = this.lazyWriters.get(field);
    if (!byDir || byDir.size === 0) return;
    this.writersDone.add(done);
    const now: FunctionFacts[] = [];
    for (const dir of new Set(dirsInScope(owner, this.dirsOf(field, byDir)))) {
      const writers = byDir.get(dir);
      const taken = writers?.filter((fn) => waitsFor(owner, fn) && this.mayWrite(fn, field) && this.mayStoreInto(owner, fn)) ?? [];
      if (taken.length === 0) continue;
      const extracted = new Set(taken);
      const left = writers!.filter((fn) => !extracted.has(fn));
      if (left.length) byDir.set(dir, left); else byDir.delete(dir);
      now.push(...taken);
    }
    now.sort((a, b) => this.arrival.get(a)! - this.arrival.get(b)!);
    for (const fn of now) this.addMembers(fn, this.bodyOf(fn), true);
  }

  /** The function assigns the field, or passes its address to a call that may store through a pointer parameter. */
  private mayWrite(fn: FunctionFacts, field: string): boolean {
    return fn.writtenFields.includes(field) || (fn.addressedFields ?? []).some((a) => a.field === field && this.storesThrough(a.callee, a.arg, fn.file));
  }

  /** The field's waiting directories, sorted (a directory emptied since stays listed; byDir no longer has it). */
  private dirsOf(field: string, byDir: Map<string, FunctionFacts[]>): string[] {
    let dirs = this.sortedDirs.get(field);
    if (!dirs) this.sortedDirs.set(field, (dirs = [...byDir.keys()].sort()));
    return dirs;
  }

  /**
   * False when no store of `fn` can have the owner's struct type (StoreTypeNames): its text names nothing that type
   * can be reached from. Untyped owners (`?dir`) take every writer of their directory.
   */
  private mayStoreInto(owner: string, fn: FunctionFacts): boolean {
    const text = fn.source?.text;
    return owner.startsWith('?') || text === undefined || this.typeNames.mayName(owner.slice(0, owner.indexOf('@')), text);
  }

  /**
   * Files a function's member stores. A writer extracted on demand files only the stores a read of their member
   * would have extracted it for (a pointer field it assigns, a member key whose owner it waits for), whichever
   * member's read extracted it: so a member's writes never depend on which members were read first.
   */
  private addMembers(fn: FunctionFacts, body: BodyFacts, onDemand = false): void {
    if (this.membersAdded.has(fn)) return;
    this.membersAdded.add(fn);
    const ctx: Ctx = { fn, depth: 0 };
    const keys: string[] = [];
    for (const a of body.memberAssigns) {
      if (onDemand && !(this.mayWrite(fn, a.field) && this.decls.isPointerField(a.field))) continue;
      if (a.value.k === 'stored' && !this.decls.isPointerField(a.field)) continue; // `&p->lock`, `&p->list`: no pointer to follow
      for (const key of this.keys.writeKeys(a.base, a.field, ctx)) {
        if (onDemand && !waitsFor(key.slice(0, key.lastIndexOf('.')), fn)) continue;
        const list = this.members.get(key) ?? [];
        list.push({ expr: a.value, ctx });
        this.members.set(key, list);
        keys.push(key);
      }
    }
    this.memberKeysOf.set(fn, keys);
  }
}

/** The fields a function kept as text may write: those it assigns and those whose address it passes to a call. */
function writableFields(fn: FunctionFacts): string[] {
  return fn.addressedFields ? [...new Set([...fn.writtenFields, ...fn.addressedFields.map((a) => a.field)])] : fn.writtenFields;
}
