// What an enclosing `if` proves about a scalar variable a call passes (`if (written > 16) ring_db(q, written)`: at
// least 17), so an inlined helper's branch on that parameter (`if (n == 1)`) can be decided (const-cond.ts).
import type { Node } from 'web-tree-sitter';
import type { Event, Position } from './facts';
import { atLeastBinding } from './const-cond';
import { writesVariable } from './statement-shapes';

/** A lower bound a branch condition gives a variable: `v > c` / `v >= c` taken, or `v <= c` / `v < c` not taken. */
export interface LowerBound { name: string; atLeast: number }

/** The guard a call carries: the variable, its bound, and the variable's width in bytes (for the conversion). */
export interface CallGuard extends LowerBound { bytes: number }

const WRAPPER = /^(?:(?:un)?likely\s*)?\((.*)\)$/s;
const COMPARISON = /^([A-Za-z_]\w*)\s*(>=|>|<=|<)\s*(0[xX][0-9a-fA-F]+|\d+)[uUlL]*$|^(0[xX][0-9a-fA-F]+|\d+)[uUlL]*\s*(>=|>|<=|<)\s*([A-Za-z_]\w*)$/;
const MIRROR: Record<string, string> = { '>': '<', '>=': '<=', '<': '>', '<=': '>=' };

/** The non-negative lower bound `cond` taken as `holds` proves for one plain variable, else undefined. */
export function lowerBound(cond: string, holds: boolean): LowerBound | undefined {
  let text = cond.trim();
  for (let m = WRAPPER.exec(text); m; m = WRAPPER.exec(text)) text = m[1].trim();
  const m = COMPARISON.exec(text);
  if (!m) return undefined;
  const [name, op, value] = m[1] ? [m[1], m[2], m[3]] : [m[6], MIRROR[m[5]], m[4]];
  const c = Number(value);
  if (!Number.isSafeInteger(c)) return undefined;
  const effective = holds ? op : ({ '>': '<=', '>=': '<', '<': '>=', '<=': '>' } as Record<string, string>)[op];
  if (effective === '>') return { name, atLeast: c + 1 };
  if (effective === '>=') return { name, atLeast: c };
  return undefined;
}

/** Whether a helper may change its parameter before testing it: its text writes it or takes its address. */
export function mayChange(functionText: string | undefined, name: string): boolean {
  return functionText === undefined || writesVariable(functionText, name);
}

/**
 * Whether `name` keeps the value the branch's test saw up to a call at `at` inside `branch`: the branch's text before
 * the call does not name it at all (no write, no macro like `do_div(v, 10)` given it), nor does any loop inside the
 * branch enclosing the call write it (a later iteration would reach the call again), and no label inside the branch
 * lets a `goto` enter past the test. The caller checks that the function never takes `&name`.
 */
export function keepsValue(branch: Node, name: string, at: Position, loops: readonly Node[]): boolean {
  const text = branch.text;
  if (text.includes(':') && branch.descendantsOfType('labeled_statement').length > 0) return false; // no label, no ':'
  const lines = text.split('\n');
  const rel = at.line - branch.startPosition.row;
  if (rel < 0 || rel >= lines.length) return false;
  const last = lines[rel];
  const col = rel === 0 ? at.character - branch.startPosition.column : at.character;
  const callLine = /^[\x00-\x7f]*$/.test(last) ? last.slice(0, Math.max(0, col)) : last;
  const before = [...lines.slice(0, rel), callLine].join('\n');
  if (new RegExp(`\\b${name}\\b`).test(before)) return false;
  return !loops.some((l) => l.startIndex >= branch.startIndex && l.endIndex <= branch.endIndex && writesVariable(l.text, name));
}

/** Whether the function's text takes the variable's address anywhere (a call could then change it). */
export function addressTaken(functionText: string, name: string): boolean {
  return new RegExp(`&\\s*${name}\\b(?!\\s*(?:->|\\.|\\[))`).test(functionText) || new RegExp(`&\\s*\\(\\s*${name}\\s*\\)`).test(functionText);
}

/**
 * Every name whose address the text takes, as addressTaken() decides it for one name, in one pass over the text: the
 * whole word after `&` (not followed by `->`, `.` or `[`) or inside `&(...)`.
 */
export function addressTakenNames(functionText: string): Set<string> {
  const out = new Set<string>();
  for (const m of functionText.matchAll(/&\s*(\w+)(?!\w)(?!\s*(?:->|\.|\[))/g)) out.add(m[1]);
  for (const m of functionText.matchAll(/&\s*\(\s*(\w+)\s*\)/g)) out.add(m[1]);
  return out;
}

/**
 * The CFG builder's bookkeeping for call guards: scalar widths, the enclosing branches whose test bounds a variable,
 * the loops being built, and the guards a call gets from them.
 */
export class CallBounds {
  /** Scalar locals and parameters -> their width in bytes (0: declared twice with different widths). */
  private readonly widths = new Map<string, number>();
  private readonly bounds: { bound: LowerBound; bytes: number; branch: Node }[] = [];
  private readonly loops: Node[] = [];
  body?: Node;
  private bodyText?: string;
  private readonly taken = new Map<string, boolean>();

  /** A scalar's width, unknown (0) once a second declaration of the name disagrees. */
  noteWidth(name: string, bytes: number | undefined): void {
    const before = this.widths.get(name);
    this.widths.set(name, before === undefined || before === bytes ? bytes ?? 0 : 0);
  }

  /** Builds a branch with the lower bound its test gives a scalar variable in force for the calls inside. */
  within<T>(cond: Node | null, holds: boolean, branch: Node, build: () => T): T {
    const bound = cond ? lowerBound(cond.text, holds) : undefined;
    const bytes = bound ? this.widths.get(bound.name) : undefined;
    if (!bound || !bytes) return build();
    this.bounds.push({ bound, bytes, branch });
    try { return build(); } finally { this.bounds.pop(); }
  }

  /** Builds a loop (or an iterator macro's block), which a later iteration may re-enter with the variable changed. */
  inLoop<T>(loop: Node, build: () => T): T {
    this.loops.push(loop);
    try { return build(); } finally { this.loops.pop(); }
  }

  /** The function takes `&name` somewhere (its body's text fetched and searched once per name). */
  private addressTaken(name: string): boolean {
    let out = this.taken.get(name);
    if (out === undefined) {
      this.bodyText ??= this.body?.text ?? '&';
      out = addressTaken(this.bodyText, name);
      this.taken.set(name, out);
    }
    return out;
  }

  /** Records on a call the bounds of enclosing branches that hold for a variable it passes. */
  guard(event: Event): void {
    if (event.kind !== 'call' || this.bounds.length === 0) return;
    const guards: CallGuard[] = [];
    for (const { bound, bytes, branch } of this.bounds) {
      if (!event.argTexts.some((t) => t.trim() === bound.name)) continue;
      if (!keepsValue(branch, bound.name, event.span.start, this.loops) || this.addressTaken(bound.name)) continue;
      guards.push({ ...bound, bytes });
    }
    if (guards.length) event.guards = guards;
  }
}

/** The caller's own binding passed on: a constant as is, an at-least bound only into a parameter at least as wide. */
export function passedBound(value: string | undefined, fromBytes: number | undefined, toBytes: number | undefined): string | undefined {
  if (value === undefined || !value.startsWith('>=')) return value;
  return fromBytes && toBytes && toBytes >= fromBytes ? value : undefined;
}

/**
 * The lower bound an enclosing branch proves for the variable passed (call-guards.ts), when the parameter is at
 * least as wide as the variable: no truncation, so the value is still at least the bound or, converted to a signed
 * type of the same width, negative.
 */
export function guardBound(call: Event & { kind: 'call' }, text: string, toBytes: number | undefined): string | undefined {
  const g = call.guards?.filter((x) => x.name === text && toBytes !== undefined && toBytes >= x.bytes);
  if (!g?.length) return undefined;
  return atLeastBinding(Math.max(...g.map((x) => x.atLeast)));
}
