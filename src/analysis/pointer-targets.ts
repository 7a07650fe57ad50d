// The functions a call through a function-pointer member can reach: every function the driver stores in that member.
import type { FileFacts, FunctionFacts } from './facts';
import type { FileVisibility } from './file-visibility';
import type { FunctionTable } from './function-lookup';
import { memberAssignments, UNKNOWN_VALUE } from './member-functions';
import type { StructDeclarations } from './struct-declarations';

/** More functions than this for one member: a call through it is left unresolved (a generic hook, not a driver's choice). */
const MAX_POINTER_TARGETS = 8;

export class PointerTargets {
  /** Struct name -> the analysed files defining it (built on first use). */
  private structFiles?: Map<string, string[]>;
  private readonly targetsMemo = new Map<string, FunctionFacts[] | undefined>();
  private readonly neverSetMemo = new Map<string, boolean>();

  constructor(
    private readonly files: Map<string, FileFacts>, private readonly decls: StructDeclarations,
    private readonly visibility: FileVisibility, private readonly functions: FunctionTable,
  ) {}

  /** Drops the memoised targets (the functions changed). */
  clearCaches(): void { this.targetsMemo.clear(); this.neverSetMemo.clear(); }

  /**
   * The targets of a call through member `field` of struct `struct` made in file `from`: only when `from` sees a
   * definition of the struct with that member; the targets themselves do not depend on `from` (memoised per member).
   */
  pointerTargets(struct: string, field: string, from: string): FunctionFacts[] | undefined {
    const t = this.decls.canon(struct) ?? struct;
    const defs = (this.structFilesOf().get(t) ?? []).filter((f) => Object.hasOwn(this.files.get(f)?.structs[t] ?? {}, field));
    const seen = this.visibility.visibleFiles(from);
    if (!defs.some((d) => seen.has(d))) return undefined;
    const key = `${t}\u0000${field}`;
    if (!this.targetsMemo.has(key)) this.targetsMemo.set(key, this.computePointerTargets(t, field, defs));
    return this.targetsMemo.get(key);
  }

  /**
   * True when no analysed file that sees the struct's definition (which `from` must see) ever sets member `field` of
   * struct `struct`: no designated initialiser, no positional one of the struct, no `->field =`/`.field =` store, no
   * `&p->field`. A call through it cannot run in a working kernel (the pointer is NULL, or garbage).
   */
  neverSet(struct: string, field: string, from: string): boolean {
    const t = this.decls.canon(struct) ?? struct;
    const defs = (this.structFilesOf().get(t) ?? []).filter((f) => Object.hasOwn(this.files.get(f)?.structs[t] ?? {}, field));
    if (!defs.some((d) => this.visibility.visibleFiles(from).has(d))) return false;
    const key = `${t}\u0000${field}`;
    let hit = this.neverSetMemo.get(key);
    if (hit === undefined) this.neverSetMemo.set(key, (hit = this.computeNeverSet(t, field, defs)));
    return hit;
  }

  private computeNeverSet(t: string, field: string, defs: string[]): boolean {
    const users = this.visibility.filesSeeing(defs);
    const names = this.initializedNames(users, t, field);
    if (!names || names.length > 0) return false;
    if ((this.functions.writersOf().get(field) ?? []).some((fn) => users.has(fn.file))) return false;
    return ![...users].some((u) => this.files.get(u)?.functions.some((fn) => addressTaken(fn.source?.text ?? '', field)));
  }

  private computePointerTargets(t: string, field: string, defs: string[]): FunctionFacts[] | undefined {
    const users = this.visibility.filesSeeing(defs);
    const names = this.initializedNames(users, t, field);
    if (!names) return undefined;
    if ([...users].some((u) => this.files.get(u)?.functions.some((fn) => addressTaken(fn.source?.text ?? '', field)))) return undefined;
    names.push(...this.assignedNames(users, field));
    const targets = new Set<FunctionFacts>();
    for (const [name, file] of names) {
      const fn = name === UNKNOWN_VALUE ? undefined : this.functions.lookupFunction(name, file);
      if (!fn || fn.isMacro) return undefined;
      targets.add(fn);
    }
    return targets.size > 0 && targets.size <= MAX_POINTER_TARGETS ? [...targets] : undefined;
  }

  /** `[name, file]` of each `.field = name` in `users`' tables for struct `t`; undefined when one initialises `t` positionally. */
  private initializedNames(users: Set<string>, t: string, field: string): [string, string][] | undefined {
    const names: [string, string][] = [];
    for (const u of users) {
      const facts = this.files.get(u);
      if (facts?.positionalInits?.some((p) => (this.decls.canon(p) ?? p) === t)) return undefined;
      for (const v of facts?.memberInits?.[field] ?? []) {
        const [name, owner] = v.split('@');
        if (owner === undefined || (this.decls.canon(owner) ?? owner) === t) names.push([name, u]);
      }
    }
    return names;
  }

  /** `[name, file]` of each `p->field = name;` in functions of `users` (a parameter stored: UNKNOWN_VALUE). */
  private assignedNames(users: Set<string>, field: string): [string, string][] {
    const names: [string, string][] = [];
    const only = new Set([field]);
    for (const fn of this.functions.writersOf().get(field) ?? []) {
      if (!users.has(fn.file)) continue;
      for (const v of memberAssignments([fn.source?.text ?? ''], only)[field] ?? []) {
        names.push([fn.params.some((p) => p.name === v) ? UNKNOWN_VALUE : v, fn.file]); // `ops->write = write;` of a parameter
      }
    }
    return names;
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
