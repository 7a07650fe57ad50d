// The struct members an MMIO access's value and address are read from, followed through locals and inlined arguments.
import type { PExpr } from './facts';
import type { Ctx, ProjectIndex } from './project-index';

/** A member an address is read from, with the struct type of its base when known (`ep->p_doorbell`: ofld_ep). */
export interface AddressMember { field: string; struct?: string }

/** The member a value names (`sky2->tx_prod`, maybe in a cast or byte-order call), through inlined calls' parameters. */
export function valueMember(expr: PExpr | undefined, ctx: Ctx, depth = 0): string | undefined {
  if (!expr || depth > 6) return undefined;
  switch (expr.k) {
    case 'member': return expr.field;
    case 'cast': return valueMember(expr.inner, ctx, depth + 1);
    case 'call': return expr.args.length === 1 && /^(cpu_to_(le|be)(16|32|64)|lower_32_bits|upper_32_bits)$/.test(expr.fn) ? valueMember(expr.args[0], ctx, depth + 1) : undefined;
    case 'var': { const arg = ctx.args?.get(expr.name); return arg ? valueMember(arg.expr, arg.ctx, depth + 1) : undefined; }
    default: return undefined;
  }
}

/** The members a pointer expression reads (`ep->db + off`, `(u32 *)db` with `db = ep->db`), through locals and parameters. */
export function addressMembers(index: ProjectIndex, expr: PExpr, ctx: Ctx, depth = 0): AddressMember[] {
  if (depth > 6) return [];
  switch (expr.k) {
    case 'member': return [{ field: expr.field, struct: index.typeOf(expr.base, ctx) }];
    case 'cast': return addressMembers(index, expr.inner, ctx, depth + 1);
    case 'index': return addressMembers(index, expr.base, ctx, depth + 1);
    case 'union': return expr.parts.flatMap((p) => addressMembers(index, p, ctx, depth + 1));
    case 'var': {
      const arg = ctx.args?.get(expr.name);
      if (arg) return addressMembers(index, arg.expr, arg.ctx, depth + 1);
      const local = ctx.fn ? index.bodyOf(ctx.fn).locals[expr.name] : undefined;
      return (local?.values ?? []).flatMap((v) => addressMembers(index, v, ctx, depth + 1));
    }
    default: return [];
  }
}
