// Stores into struct members filed by member key; writers kept as text are extracted only when such a member is read.
import type { BodyFacts, FunctionFacts, PExpr } from './facts';
import { ownerInScope, type Ctx, type MemberKeys } from './member-keys';
import type { StructDeclarations } from './struct-declarations';
import { StoreTypeNames } from './store-type-names';

/**
 * A writer kept as text may store into members of `owner` (`type@scope` or `?dir`): it sits in the owner's scope.
 * Its text need not name the type (`q->desc.addr = ...` names only q's struct): the store's key is its typed base's.
 */
function waitsFor(owner: string, fn: FunctionFacts): boolean {
  return ownerInScope(owner, fn.file);
}

export class MemberWrites {
  readonly members = new Map<string, { expr: PExpr; ctx: Ctx }[]>();
  /** Field name -> functions not yet extracted that assign it; extracted before any member with that field resolves. */
  private readonly lazyWriters = new Map<string, FunctionFacts[]>();
  private readonly membersAdded = new Set<FunctionFacts>();
  /** Member keys whose waiting writers were already extracted. */
  private readonly writersDone = new Set<string>();
  /** The member keys each function's writes were filed under, so they can be withdrawn when its file changes. */
  private readonly memberKeysOf = new Map<FunctionFacts, string[]>();

  private readonly typeNames: StoreTypeNames;

  constructor(private readonly decls: StructDeclarations, private readonly keys: MemberKeys, private readonly bodyOf: (fn: FunctionFacts) => BodyFacts) {
    this.typeNames = new StoreTypeNames(decls);
  }

  /** Files the writes of extracted functions; the others wait, per pointer field they assign, until it is read. */
  add(functions: readonly FunctionFacts[]): void {
    for (const fn of functions) {
      if (fn.body) this.addMembers(fn, fn.body);
      else for (const field of fn.writtenFields) {
        if (!this.decls.isPointerField(field)) continue;
        const list = this.lazyWriters.get(field);
        if (list) list.push(fn); else this.lazyWriters.set(field, [fn]);
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
    for (const field of fn.writtenFields) {
      const list = this.lazyWriters.get(field);
      if (list) this.lazyWriters.set(field, list.filter((f) => f !== fn));
    }
  }

  /** Forgets which members' waiting writers were extracted (the functions changed). */
  clearCaches(): void { this.writersDone.clear(); }

  /**
   * Extracts the functions kept as text that may write this member: they assign the field and name its struct type
   * (or, for an untyped member, sit in its directory). Extracted writers leave the waiting list.
   */
  materializeWriters(field: string, owner: string): void {
    const writers = this.lazyWriters.get(field);
    if (!writers || writers.length === 0) return;
    const done = `${owner}.${field}`;
    if (this.writersDone.has(done)) return;
    this.writersDone.add(done);
    const now = writers.filter((fn) => waitsFor(owner, fn) && this.mayStoreInto(owner, fn));
    if (now.length === 0) return;
    const extracted = new Set(now);
    this.lazyWriters.set(field, writers.filter((fn) => !extracted.has(fn)));
    for (const fn of now) this.addMembers(fn, this.bodyOf(fn), true);
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
      if (onDemand && !(fn.writtenFields.includes(a.field) && this.decls.isPointerField(a.field))) continue;
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
