// The one definition of a local that reaches a use, when the syntax alone proves it: an earlier plain assignment in
// the same block with no label, and no other write to the local, between them. Used to keep a reused local's values
// apart (`p = dma_alloc_coherent(); s->ring = p; p = kcalloc(); s->info = p;`).
import type { Node } from 'web-tree-sitter';
import type { MemberAssign, PExpr } from './facts';
import { mayCarry, toPExpr } from './pexpr';
import { plainAssignment, writesVariable } from './statement-shapes';
import { calleeName, callArgs, spanOf, unwrap } from './syntax';
import { DMA_ALLOC_HANDLE_ARG } from './vocabulary';

/**
 * The right-hand side of `name = <rhs>;` (or the allocation call of `p = dma_alloc_coherent(dev, n, &name, gfp);`,
 * which gives `name` the memory's DMA address), a statement earlier in the block holding the statement that contains `use`,
 * when no statement between writes `name` (assigns, increments, takes its address) or carries a label, and the use's
 * own statement writes it nowhere before. Undefined when any of that is not certain.
 */
export function soleReachingDefinition(use: Node, name: string): Node | undefined {
  let stmt: Node | null = use;
  while (stmt && stmt.parent && stmt.parent.type !== 'compound_statement') stmt = stmt.parent;
  if (!stmt?.parent || stmt.type !== 'expression_statement' || writes(stmt.text.slice(0, use.startIndex - stmt.startIndex), name)) return undefined;
  for (let prev = stmt.previousNamedSibling; prev; prev = prev.previousNamedSibling) {
    const rhs = plainAssignment(prev, name) ?? handleAssignment(prev, name);
    if (rhs) return rhs;
    if (prev.type === 'labeled_statement' || prev.type.startsWith('preproc') || writes(prev.text, name)) return undefined;
  }
  return undefined;
}

/**
 * `s->m = (T *)p;` right after `p = kcalloc(...);` in the same block: the member gets that one definition, not every
 * value `p` takes in the function (a local reused for a coherent ring and then a kcalloc array keeps them apart).
 * Also for a sum or conditional of locals (`q->db = bar + off;` after `bar = pci_iomap(...);`, with `bar` reassigned
 * to an `ioremap_wc()` window later: lpfc_wq_create()).
 * `stored` names the member stores (by index) whose value reads a local; `singleValued` locals are skipped, since every
 * value they take is that one.
 */
export function narrowStoredLocals(stored: readonly { at: number; right: Node }[], assigns: MemberAssign[], singleValued: (name: string) => boolean, file: string): void {
  for (const { at, right } of stored) assigns[at].value = narrowed(assigns[at].value, right, singleValued, file);
}

/**
 * `value` with each variable it is made of (through casts, and the operands of `bar + off` or `c ? p : q`) replaced by
 * its sole reaching definition at `right`'s statement, where one is certain.
 */
function narrowed(value: PExpr, right: Node, singleValued: (name: string) => boolean, file: string): PExpr {
  if (value.k === 'cast') return { ...value, inner: narrowed(value.inner, right, singleValued, file) };
  if (value.k === 'union') return { ...value, parts: value.parts.map((p) => narrowed(p, right, singleValued, file)) };
  if (value.k !== 'var' || singleValued(value.name)) return value;
  const def = soleReachingDefinition(right, value.name);
  const defValue = def ? (handleOf(def, value.name, file) ?? toPExpr(def, file)) : undefined;
  return defValue && mayCarry(defValue) ? defValue : value;
}

/** True when `value` is made of at least one variable (through casts, sums and conditionals): narrowStoredLocals' work. */
export function readsVariable(value: PExpr): boolean {
  if (value.k === 'var') return true;
  if (value.k === 'cast') return readsVariable(value.inner);
  return value.k === 'union' && value.parts.some(readsVariable);
}

/** `x = alloc(..., &name, ...);` or `alloc(..., &name, ...);` with alloc a DMA allocation returning its address there: the call. */
function handleAssignment(stmt: Node, name: string): Node | undefined {
  if (stmt.type !== 'expression_statement') return undefined;
  const whole = stmt.namedChildren[0];
  const e = whole?.type === 'assignment_expression' && whole.childForFieldName('operator')?.text === '=' ? whole.childForFieldName('right') : whole;
  const call = e ? unwrap(e) : undefined;
  return call?.type === 'call_expression' && handleOf(call, name, '') ? call : undefined;
}

/** For a DMA allocation call whose `&handle` argument is `&name`: the `dma-handle` origin `name` gets from it. */
function handleOf(call: Node, name: string, file: string): PExpr | undefined {
  const api = call.type === 'call_expression' ? calleeName(call) : undefined;
  const at = api ? DMA_ALLOC_HANDLE_ARG.get(api) : undefined;
  const arg = at !== undefined ? callArgs(call)[at] : undefined;
  const addr = arg ? unwrap(arg) : undefined;
  if (!api || addr?.type !== 'pointer_expression' || addr.child(0)?.type !== '&' || unwrap(addr.childForFieldName('argument')!).text !== name) return undefined;
  return { k: 'origin', origin: { kind: 'dma-handle', api, file, span: spanOf(call) } };
}

/** Text that may write `name`, or carries a label or `case` (control may enter between the definition and the use). */
function writes(text: string, name: string): boolean {
  return writesVariable(text, name) || /\bcase\b|^\s*\w+\s*:(?!:)/m.test(text);
}
