// Where a value read from memory goes, for loads whose byte order cannot matter (iomem-plain-access on big-endian
// powerpc64): only truth tests, equality tests against constants or members, whole stores into members and log
// arguments, directly or through one scalar local of the function whose every other mention is such a use or a write.
import type { Node } from 'web-tree-sitter';
import { usedAsTruthValue } from './statement-shapes';
import { scalarBytes } from './scalar-width';
import { calleeName, callArgs, unwrap } from './syntax';

/**
 * The uses of a value other than as a truth value or a log argument: compared `==`/`!=` with these constant texts
 * (evaluated by the engine) and members (`x->m`), stored whole into these members (`x->m = v`). Both empty: only a
 * truth value. `local`: the value went through this local, declared `localBytes` wide; `othersWrite`: something else
 * also writes that local (an assignment, `&local` handed to memcpy), so it may hold values of another origin.
 */
export interface ValueUses { constants: string[]; members: string[]; local?: string; localBytes?: number; othersWrite?: boolean }

/** Calls that only print their arguments: a swapped value there changes a log line, not what the driver does. */
const LOG_CALLS = /^(?:printk|pr_(?:debug|devel|info|notice|warn|warning|err|crit|alert|emerg|cont)|dev_(?:dbg|info|notice|warn|err|crit|alert|emerg)|netdev_(?:dbg|info|notice|warn|err))$/;

/** Parentheses only: a cast may narrow the value, so it ends the trail. */
function outerParens(node: Node): Node {
  let n = node;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  return n;
}

function withoutParens(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0)!;
  return n;
}

type Use = { kind: 'plain' } | { kind: 'constant'; text: string } | { kind: 'member'; text: string } | { kind: 'assign'; to: Node };

/** How the value of expression `node` is used where it stands, or undefined for any use not listed on ValueUses. */
function useOf(node: Node): Use | undefined {
  if (usedAsTruthValue(node)) return { kind: 'plain' };
  const n = outerParens(node);
  const p = n.parent;
  if (!p) return undefined;
  if (p.type === 'binary_expression') {
    const op = p.childForFieldName('operator')?.text;
    const left = p.childForFieldName('left');
    const other = left && left.id === n.id ? p.childForFieldName('right') : left;
    if ((op !== '==' && op !== '!=') || !other) return undefined;
    const o = withoutParens(other);
    if (o.type === 'field_expression') return { kind: 'member', text: o.childForFieldName('field')?.text ?? '' };
    return /^[\w\s()~|&^+\-<>]+$/.test(other.text) && !/\b[a-z_]\w*\s*\(/.test(other.text) ? { kind: 'constant', text: other.text } : undefined;
  }
  if (p.type === 'assignment_expression' && p.childForFieldName('right')?.id === n.id && p.childForFieldName('operator')?.text === '=') {
    if (p.parent?.type !== 'expression_statement') return undefined;
    return { kind: 'assign', to: unwrap(p.childForFieldName('left')!) };
  }
  if (p.type === 'init_declarator' && p.childForFieldName('value')?.id === n.id) return { kind: 'assign', to: p.childForFieldName('declarator')! };
  if (p.type === 'argument_list' && LOG_CALLS.test(p.parent ? calleeName(p.parent) ?? '' : '')) return { kind: 'plain' };
  return undefined;
}

/** A function body's identifiers by name, collected once (the first time a local's uses are asked). */
export class IdentifierIndex {
  private byName?: Map<string, Node[]>;
  constructor(private readonly body: Node) {}

  named(name: string): Node[] {
    if (!this.byName) {
      this.byName = new Map();
      for (const id of this.body.descendantsOfType('identifier')) if (id) (this.byName.get(id.text) ?? this.byName.set(id.text, []).get(id.text)!).push(id);
    }
    return this.byName.get(name) ?? [];
  }
}

/** A load event's `uses` (none when its value goes anywhere else). */
export function loadUses(node: Node, ids: IdentifierIndex): { uses?: ValueUses } {
  const uses = valueUses(node, ids);
  return uses ? { uses } : {};
}

/** The uses of the value `node` evaluates to (a load), followed through one local it is assigned to. */
export function valueUses(node: Node, ids: IdentifierIndex): ValueUses | undefined {
  const use = useOf(node);
  if (!use) return undefined;
  if (use.kind === 'plain') return { constants: [], members: [] };
  if (use.kind === 'constant') return { constants: [use.text], members: [] };
  if (use.kind === 'member') return { constants: [], members: [use.text] };
  if (use.to.type === 'field_expression') return { constants: [], members: [use.to.childForFieldName('field')?.text ?? ''] };
  return use.to.type === 'identifier' ? localUses(ids, use.to.text, node) : undefined;
}

/**
 * The uses of local `name` of `body`, written by `origin` (a load assigned to it, or a memcpy() into `&name`): its
 * only declaration is in `body`, a plain scalar; every other mention is a write (noted in `othersWrite`) or a use
 * ValueUses lists. Undefined otherwise (`&name` passed anywhere but as memcpy()'s destination, `name++`, arithmetic).
 */
export function localUses(ids: IdentifierIndex, name: string, origin: Node): ValueUses | undefined {
  const out: ValueUses = { constants: [], members: [], local: name };
  let declarations = 0;
  for (const id of ids.named(name)) {
    const p = id.parent;
    if (p?.type === 'declaration' || (p?.type === 'init_declarator' && p.childForFieldName('declarator')?.id === id.id)) {
      const decl = p.type === 'declaration' ? p : p.parent;
      if (++declarations > 1 || decl?.type !== 'declaration') return undefined;
      out.localBytes = scalarBytes(decl.childForFieldName('type')?.text);
      if (p.type === 'init_declarator' && !within(origin, p)) out.othersWrite = true;
      continue;
    }
    if (outerParens(id).parent?.type === 'sizeof_expression') continue;
    const w = writeOf(id, origin);
    if (w === 'origin') continue;
    if (w === 'other') { out.othersWrite = true; continue; }
    const use = useOf(id);
    if (!use) return undefined;
    if (use.kind === 'constant') out.constants.push(use.text);
    else if (use.kind === 'member') out.members.push(use.text);
    else if (use.kind === 'assign') {
      if (use.to.type !== 'field_expression') return undefined;
      out.members.push(use.to.childForFieldName('field')?.text ?? '');
    }
  }
  return declarations === 1 && out.localBytes ? out : undefined;
}

/** The width of local `name`: declared once in the body, as a plain scalar. */
export function localBytes(ids: IdentifierIndex, name: string): number | undefined {
  const decls = ids.named(name).filter((id) => id.parent?.type === 'declaration' || (id.parent?.type === 'init_declarator' && id.parent.childForFieldName('declarator')?.id === id.id));
  const decl = decls.length === 1 ? (decls[0].parent!.type === 'declaration' ? decls[0].parent : decls[0].parent!.parent) : undefined;
  return decl?.type === 'declaration' ? scalarBytes(decl.childForFieldName('type')?.text) : undefined;
}

/** 'origin' or 'other' when `id` (the local) is written there, 'read' when it is read, undefined for `name++` or `&name` elsewhere. */
function writeOf(id: Node, origin: Node): 'origin' | 'other' | 'read' | undefined {
  const n = outerParens(id);
  const p = n.parent;
  if (p?.type === 'assignment_expression' && p.childForFieldName('left')?.id === n.id) {
    if (p.childForFieldName('operator')?.text !== '=') return undefined;
    return within(origin, p) ? 'origin' : 'other';
  }
  if (p?.type === 'update_expression') return undefined;
  if (p && takesAddress(p, n)) {
    const call = memcpyDestination(p);
    return call ? (call.id === origin.id ? 'origin' : 'other') : undefined;
  }
  return 'read';
}

/**
 * True when `p` is `&operand`: a pointer expression, or the binary `&` tree-sitter reads `(caddr_t)&v` as (it cannot
 * tell a typedef name in parentheses from a parenthesised variable).
 */
export function takesAddress(p: Node, operand: Node): boolean {
  if (p.type === 'pointer_expression') return p.childForFieldName('operator')?.text === '&';
  if (p.type !== 'binary_expression' || p.childForFieldName('operator')?.text !== '&' || p.childForFieldName('right')?.id !== operand.id) return false;
  const left = p.childForFieldName('left');
  return left?.type === 'parenthesized_expression' && left.namedChildCount === 1 && left.namedChild(0)?.type === 'identifier';
}

/** The memcpy() call whose destination argument is `addr` (through casts and parentheses). */
function memcpyDestination(addr: Node): Node | undefined {
  let n = addr;
  while (n.parent && (n.parent.type === 'cast_expression' || n.parent.type === 'parenthesized_expression')) n = n.parent;
  const call = n.parent?.type === 'argument_list' ? n.parent.parent : undefined;
  if (!call || call.type !== 'call_expression' || !/^(?:__builtin_)?memcpy$/.test(calleeName(call) ?? '')) return undefined;
  return callArgs(call)[0]?.id === n.id ? call : undefined;
}

function within(inner: Node, outer: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}
