// The project-wide index: merges every file's facts and resolves pointer expressions to their origins across files.
import type { FileFacts, FunctionFacts, Origin, PExpr, VarInfo } from './facts';

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

  update(facts: FileFacts): void { this.files.set(facts.path, facts); this.merged = undefined; }
  remove(path: string): void { this.files.delete(path); this.merged = undefined; }
  get(path: string): FileFacts | undefined { return this.files.get(path); }
  allFiles(): IterableIterator<FileFacts> { return this.files.values(); }

  private m(): Merged { return (this.merged ??= new Merged(this.files)); }

  /** The definition a call in `from` most likely reaches: same file, then same directory, then a unique one. */
  lookupFunction(name: string, from: string): FunctionFacts | undefined { return this.m().lookupFunction(name, from); }
  callerCount(name: string): number { return this.m().callers.get(name) ?? 0; }
  resolve(expr: PExpr, ctx: Ctx): Origin[] { return this.m().resolve(expr, ctx); }
  typeOf(expr: PExpr, ctx: Ctx): string | undefined { return this.m().typeOf(expr, ctx); }
}

class Merged {
  readonly functions = new Map<string, FunctionFacts[]>();
  readonly callers = new Map<string, number>();
  private readonly structs = new Map<string, Record<string, string | undefined>>();
  private readonly typedefs = new Map<string, string>();
  private readonly globals = new Map<string, { info: VarInfo; file: string }>();
  private readonly members = new Map<string, { expr: PExpr; ctx: Ctx }[]>();
  private readonly memo = new Map<string, Origin[]>();
  private readonly inProgress = new Set<string>();

  constructor(files: Map<string, FileFacts>) {
    for (const f of files.values()) this.addFile(f);
    for (const f of files.values()) for (const fn of f.functions) this.addMembers(fn);
  }

  private addFile(f: FileFacts): void {
    for (const fn of f.functions) {
      const list = this.functions.get(fn.name) ?? [];
      list.push(fn);
      this.functions.set(fn.name, list);
      for (const n of fn.cfg.nodes) if (n.event?.kind === 'call') this.callers.set(n.event.callee, (this.callers.get(n.event.callee) ?? 0) + 1);
    }
    for (const [name, fields] of Object.entries(f.structs)) this.structs.set(name, { ...this.structs.get(name), ...fields });
    for (const [alias, target] of Object.entries(f.typedefs)) this.typedefs.set(alias, target);
    for (const [name, info] of Object.entries(f.globals)) if (info.values.length) this.globals.set(name, { info, file: f.path });
  }

  private addMembers(fn: FunctionFacts): void {
    const ctx: Ctx = { fn, depth: 0 };
    for (const a of fn.memberAssigns) {
      for (const key of this.writeKeys(a.base, a.field, ctx)) {
        const list = this.members.get(key) ?? [];
        list.push({ expr: a.value, ctx });
        this.members.set(key, list);
      }
    }
  }

  lookupFunction(name: string, from: string): FunctionFacts | undefined {
    const defs = this.functions.get(name);
    if (!defs) return undefined;
    if (defs.length === 1) return defs[0];
    return defs.find((d) => d.file === from) ?? defs.find((d) => dirOf(d.file) === dirOf(from));
  }

  canon(type: string | undefined): string | undefined {
    let t = type;
    for (let i = 0; t && i < 8 && this.typedefs.has(t); i++) t = this.typedefs.get(t);
    return t;
  }

  private writeKeys(base: PExpr, field: string, ctx: Ctx): string[] {
    const t = this.typeOf(base, ctx);
    const loose = `?${dirOf(ctx.fn?.file ?? '')}.${field}`;
    return t ? [`${t}.${field}`, loose] : [loose];
  }

  /** A member read with a known struct type looks only at that type's writes; untyped reads stay in their directory. */
  private readKeys(base: PExpr, field: string, ctx: Ctx): string[] {
    const t = this.typeOf(base, ctx);
    return t ? [`${t}.${field}`] : [`?${dirOf(ctx.fn?.file ?? '')}.${field}`];
  }

  typeOf(e: PExpr, ctx: Ctx): string | undefined {
    switch (e.k) {
      case 'var': {
        const bound = ctx.args?.get(e.name);
        if (bound) return this.typeOf(bound.expr, bound.ctx);
        const local = ctx.fn?.locals[e.name]?.type ?? ctx.fn?.params.find((p) => p.name === e.name)?.type;
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
      case 'origin': return [e.origin];
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

  private resolveVar(name: string, ctx: Ctx): Origin[] {
    const bound = ctx.args?.get(name);
    if (bound) return this.resolve(bound.expr, { ...bound.ctx, depth: Math.max(bound.ctx.depth, ctx.depth) + 1 });
    const local = ctx.fn?.locals[name];
    if (local) return this.guarded(`L:${ctx.fn!.file}:${ctx.fn!.name}:${name}:${ctx.args ? 'b' : ''}`, () => local.values.flatMap((v) => this.resolve(v, { ...ctx, depth: ctx.depth + 1 })), !ctx.args);
    if (ctx.fn?.params.some((p) => p.name === name)) return [];
    const g = this.globals.get(name);
    return g ? this.guarded(`G:${name}`, () => g.info.values.flatMap((v) => this.resolve(v, { depth: ctx.depth + 1 })), true) : [];
  }

  private resolveMember(base: PExpr, field: string, ctx: Ctx): Origin[] {
    const out: Origin[] = [];
    for (const key of this.readKeys(base, field, ctx)) {
      const writes = this.members.get(key);
      if (writes) out.push(...this.guarded(`M:${key}`, () => writes.flatMap((w) => this.resolve(w.expr, { ...w.ctx, depth: 1 })), true));
    }
    return out;
  }

  private resolveCall(name: string, args: PExpr[], ctx: Ctx): Origin[] {
    const callee = this.lookupFunction(name, ctx.fn?.file ?? '');
    if (!callee || callee.returns.length === 0) return [];
    const bindings = new Map<string, { expr: PExpr; ctx: Ctx }>();
    callee.params.forEach((p, i) => { if (args[i]) bindings.set(p.name, { expr: args[i], ctx }); });
    const calleeCtx: Ctx = { fn: callee, args: bindings, depth: ctx.depth + 1 };
    return callee.returns.flatMap((r) => this.resolve(r, calleeCtx));
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

function dedupe(origins: Origin[]): Origin[] {
  const seen = new Set<string>();
  return origins.filter((o) => {
    const k = `${o.kind}:${o.api}:${o.file}:${o.span.start.line}:${o.span.start.character}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
