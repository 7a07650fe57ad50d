// The struct type of an expression, and the keys member writes and reads are filed under (struct and owning scope).
import type { BodyFacts, FunctionFacts, PExpr } from './facts';
import { dirOf } from './file-visibility';
import type { StructDeclarations } from './struct-declarations';

/**
 * Where an expression is evaluated: its function and, for inlined callees and macros, the arguments bound to parameters.
 * `callers`: how many callers up a parameter with no argument bound is followed to what the calls pass (a member
 * store's value is resolved so: `eng->db = db` in a setup helper holds what each call of the helper hands it).
 */
export interface Ctx { fn?: FunctionFacts; args?: Map<string, { expr: PExpr; ctx: Ctx }>; depth: number; callers?: number }

export class MemberKeys {
  constructor(private readonly decls: StructDeclarations, private readonly bodyOf: (fn: FunctionFacts) => BodyFacts) {}

  typeOf(e: PExpr, ctx: Ctx): string | undefined {
    switch (e.k) {
      case 'var': {
        const bound = ctx.args?.get(e.name);
        if (bound) return this.typeOf(bound.expr, bound.ctx);
        const local = (ctx.fn ? this.bodyOf(ctx.fn).locals[e.name]?.type : undefined) ?? ctx.fn?.params.find((p) => p.name === e.name)?.type;
        return this.decls.canon(local ?? this.decls.globalFor(e.name, ctx.fn?.file)?.info.type);
      }
      case 'member': {
        const bt = this.typeOf(e.base, ctx);
        return bt ? this.decls.canon(this.decls.structs.get(bt)?.[e.field]) : undefined;
      }
      case 'cast': return this.decls.canon(e.type) ?? this.typeOf(e.inner, ctx);
      case 'index': return this.typeOf(e.base, ctx);
      case 'addr': return this.typeOf(e.of, ctx);
      case 'deref': return this.typeOf(e.of, ctx);
      default: return undefined;
    }
  }

  writeKeys(base: PExpr, field: string, ctx: Ctx): string[] {
    const t = this.typeOf(base, ctx);
    const loose = `?${dirOf(ctx.fn?.file ?? '')}.${field}`;
    return t ? [this.typedKey(t, field, ctx), loose] : [loose];
  }

  /**
   * A member read with a known struct type looks only at that type's writes; an untyped read sees writes in its
   * directory made by the same driver (the same file, or a file including one of the same local headers).
   */
  readKeys(base: PExpr, field: string, ctx: Ctx): string[] {
    const t = this.typeOf(base, ctx);
    return t ? [this.typedKey(t, field, ctx)] : [`?${dirOf(ctx.fn?.file ?? '')}.${field}`];
  }

  /**
   * The key of a typed member: its struct and the directory that owns the struct (where it is defined in the analysed
   * files). A struct defined elsewhere (net_device, device, pci_dev, dw_edma_region) is keyed by the directory of use
   * with a `?` (`type@?dir`), and a read sees only the writes of its own driver (`driverScoped`): drivers that put
   * different things in the same core field (`dev->base_addr`), often side by side in one directory, stay apart, while
   * one driver's files share it (dw-edma-pcie.c fills `ll_region->paddr`, dw-edma-v0-core.c programs it).
   */
  private typedKey(t: string, field: string, ctx: Ctx): string {
    const file = ctx.fn?.file ?? '';
    const scope = this.decls.structScope(t, file);
    return `${t}@${scope === file ? `?${dirOf(file)}` : scope}.${field}`;
  }
}

/** A key (or owner) whose writes a read shares only with files of the reader's driver: untyped, or of a struct defined outside the analysed files. */
export function driverScoped(key: string): boolean {
  return key.startsWith('?') || key.includes('@?');
}

/**
 * `?dir` owners match in that directory; `type@scope` owners where the text names the type, at or below the scope dir
 * (`type@?dir`: in that directory).
 */
export function ownerMatches(owner: string, text: string, file: string): boolean {
  return ownerInScope(owner, file) && (owner.startsWith('?') || text.includes(owner.slice(0, owner.indexOf('@'))));
}

/**
 * `?dir` owners: a file of that directory; `type@?dir` owners likewise; `type@scope` owners: a file at or below the
 * scope dir (or the scope file).
 */
export function ownerInScope(owner: string, file: string): boolean {
  if (owner.startsWith('?')) return owner.slice(1) === dirOf(file);
  const scope = owner.slice(owner.indexOf('@') + 1);
  if (scope.startsWith('?')) return scope.slice(1) === dirOf(file);
  return scope === file || (dirOf(file) + '/').startsWith(scope + '/');
}
