// The names a function's text must contain for a member store in it to have a given struct type (MemberKeys.typeOf).
import type { StructDeclarations } from './struct-declarations';

/**
 * `MemberKeys.typeOf` gives a store's base (in the writer itself, no arguments bound) a struct type only through
 * names in the writer's text: a local's or parameter's declared type, a cast's type, a global's name (its declared
 * type), then member after member through struct declarations. So a store can be of struct `t` only when the text
 * names `t`, a struct reaching `t` through its members' types, a typedef of one of those, or a global of one of those
 * types. A writer kept as text whose text names none of them need not be extracted for `t`'s members.
 */
export class StoreTypeNames {
  /** Canonical type -> the structs with a member of that type. */
  private containers?: Map<string, string[]>;
  /** Canonical type -> typedef aliases and globals whose type it is. */
  private namesOf?: Map<string, string[]>;
  private readonly memo = new Map<string, Set<string>>();

  constructor(private readonly decls: StructDeclarations) {}

  /** True when `text` may hold a member store whose base has struct type `t` (false only when it cannot). */
  mayName(t: string, text: string): boolean {
    if (!/^\w+$/.test(t)) return true;
    const names = this.names(t);
    for (const m of text.matchAll(/\w+/g)) if (names.has(m[0])) return true;
    return false;
  }

  /** `t`, the structs reaching it through members, and the typedefs and globals of any of those types. */
  private names(t: string): Set<string> {
    let out = this.memo.get(t);
    if (out) return out;
    this.index();
    const types = new Set([t]);
    for (const type of types) for (const s of this.containers!.get(type) ?? []) types.add(s);
    out = new Set(types);
    for (const type of types) for (const n of this.namesOf!.get(type) ?? []) out.add(n);
    this.memo.set(t, out);
    return out;
  }

  private index(): void {
    if (this.containers) return;
    const containers = new Map<string, string[]>();
    const namesOf = new Map<string, string[]>();
    const add = (m: Map<string, string[]>, k: string | undefined, v: string) => {
      if (typeof k !== 'string') return;
      const list = m.get(k);
      if (list) list.push(v); else m.set(k, [v]);
    };
    for (const [s, members] of this.decls.structs) for (const type of new Set(Object.values(members))) add(containers, this.decls.canon(type), s);
    for (const alias of this.decls.typedefAliases()) add(namesOf, this.decls.canon(alias), alias);
    for (const [name, g] of this.decls.allGlobals()) add(namesOf, this.decls.canon(g.info.type), name);
    this.containers = containers;
    this.namesOf = namesOf;
  }
}
