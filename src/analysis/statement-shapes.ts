// C statement shapes the CFG builder recognises: constant conditions, counting loops, iterator-macro blocks, accessor
// wrappers with an override hook, volatile declarations, calls whose result is dropped, text that may write a variable,
// and an expression whose value is only a truth value.
import { textMemo } from './text-memo';
import type { Node } from 'web-tree-sitter';
import { declaratorName, namedChildren, unwrap } from './syntax';
import { ACCESSORS } from './vocabulary';

/**
 * The else statement of an accessor wrapper with an override hook: the condition tests a function-pointer member
 * (`h->ops->write_l`, possibly inside likely()/unlikely()), the then-branch only calls it, and the else-branch is one
 * statement calling an MMIO accessor. Undefined for any other if.
 */
export function overriddenAccess(ifNode: Node): Node | undefined {
  const hook = (ifNode.childForFieldName('condition')?.text ?? '').replace(/\s/g, '').replace(/^\((?:un)?likely\((.*)\)\)$|^\((.*)\)$/, '$1$2');
  if (!/^\w+(?:->|\.)[\w.>-]*\w$/.test(hook)) return undefined;
  const then = single(ifNode.childForFieldName('consequence'));
  const call = then && (then.type === 'expression_statement' || then.type === 'return_statement') ? then.namedChild(0) : undefined;
  if (call?.type !== 'call_expression' || call.childForFieldName('function')?.text.replace(/\s/g, '') !== hook) return undefined;
  const alt = ifNode.childForFieldName('alternative');
  const other = single(alt ? namedChildren(alt)[0] : null);
  if (!other || (other.type !== 'expression_statement' && other.type !== 'return_statement')) return undefined;
  return [...other.text.matchAll(/\b(\w+)\s*\(/g)].some((m) => ACCESSORS.has(m[1])) ? other : undefined;
}

/** The one statement of a block `{ s; }`, or the statement itself. */
function single(n: Node | null | undefined): Node | undefined {
  if (!n) return undefined;
  if (n.type !== 'compound_statement') return n;
  const inner = namedChildren(n).filter((c) => c.type !== 'comment');
  return inner.length === 1 ? inner[0] : undefined;
}

/** A declaration whose type carries `volatile` (`volatile struct desc *d`): accesses through it are volatile. */
export function declaresVolatile(decl: Node): boolean {
  return namedChildren(decl).some((c) => c.type === 'type_qualifier' && c.text === 'volatile');
}

/** False when the call is a statement of its own (its result is dropped), possibly behind a (void) cast. */
export function resultUsed(call: Node): boolean {
  let p = call.parent;
  while (p && (p.type === 'parenthesized_expression' || p.type === 'cast_expression')) p = p.parent;
  return p?.type !== 'expression_statement';
}

export function constantTruth(cond: Node | null): boolean | undefined {
  if (!cond) return true;
  const t = cond.text.replace(/[()\s]/g, '');
  if (t === '0' || t === 'false') return false;
  if (t === '1' || t === 'true') return true;
  return undefined;
}

/**
 * `for (i = a; i < n; i++)`: the initializer sets the variable the condition compares (<, <=, >, >=, !=) and the
 * update steps it (++, --, +=, -=). Loops over lists or until a status changes are not counting loops.
 */
export function isCountingLoop(node: Node): boolean {
  const init = node.childForFieldName('initializer');
  const cond = node.childForFieldName('condition');
  const update = node.childForFieldName('update');
  if (!init || !cond || !update || cond.type !== 'binary_expression') return false;
  const v = initVariable(init);
  const op = cond.childForFieldName('operator')?.type ?? '';
  if (!v || !['<', '<=', '>', '>=', '!='].includes(op)) return false;
  const sides = [cond.childForFieldName('left'), cond.childForFieldName('right')].map((c) => (c ? unwrap(c).text : ''));
  if (!sides.includes(v)) return false;
  const u = update.text.replace(/\s/g, '');
  return [`${v}++`, `++${v}`, `${v}--`, `--${v}`].includes(u) || u.startsWith(`${v}+=`) || u.startsWith(`${v}-=`);
}

function initVariable(init: Node): string | undefined {
  if (init.type === 'assignment_expression') {
    const l = init.childForFieldName('left');
    return l && unwrap(l).type === 'identifier' ? unwrap(l).text : undefined;
  }
  if (init.type !== 'declaration') return undefined;
  const decls = init.childrenForFieldName('declarator');
  return decls.length === 1 && decls[0] ? declaratorName(decls[0]) : undefined;
}

const writePatterns = new Map<string, RegExp>();

/**
 * Text that may write the variable `name`: an assignment or compound assignment, `++`/`--`, or its address taken
 * (`&name`, also after a pointer cast, `(u16 *)&name`; not a binary `a & name`). A text scan, so it errs towards
 * "writes" (a same-named member counts too).
 */
export function writesVariable(text: string, name: string): boolean {
  let re = writePatterns.get(name);
  if (!re) {
    const n = `\\b${name}\\b`;
    re = new RegExp(`${n}\\s*([-+*/%&|^]|<<|>>)?=(?!=)|${n}\\s*(\\+\\+|--)|(\\+\\+|--)\\s*${n}|(?<![&\\w)\\]]\\s*)&\\s*${n}|\\(\\s*[A-Za-z_][\\w\\s]*\\*\\s*\\)\\s*\\(?\\s*&\\s*${n}`);
    writePatterns.set(name, re);
  }
  return textMemo(writesMemo, text, name, () => re!.test(text));
}

const writesMemo = new Map<string, Map<string, boolean>>();

/** A block right after a call statement missing its `;`: the body of an iterator macro (`list_for_each_entry(...) {`). */
export function isMacroLoopBody(node: Node, previous: Node | undefined): boolean {
  if (node.type !== 'compound_statement' || previous?.type !== 'expression_statement') return false;
  const last = previous.lastChild;
  return previous.firstNamedChild?.type === 'call_expression' && last !== null && last.isMissing;
}

const ZERO = /^\(*\s*(?:0+[uUlL]*|0[xX]0+[uUlL]*|NULL)\s*\)*$/;

/**
 * True when the value of `expr` (through parentheses) is used only as a truth value: the condition of an if, loop or
 * `?:`, an operand of `!`, `&&` or `||`, or compared `== 0` / `!= 0` (any non-zero value is as good as another).
 */
export function usedAsTruthValue(expr: Node): boolean {
  let n = expr;
  let p = n.parent;
  while (p && (p.type === 'parenthesized_expression' || p.type === 'condition_clause')) { n = p; p = p.parent; }
  if (!p) return false;
  switch (p.type) {
    case 'if_statement': case 'while_statement': case 'do_statement': case 'for_statement': case 'conditional_expression':
      return p.childForFieldName('condition')?.id === n.id;
    case 'unary_expression': return p.childForFieldName('operator')?.text === '!';
    case 'binary_expression': {
      const op = p.childForFieldName('operator')?.text;
      if (op === '&&' || op === '||') return true;
      const other = p.childForFieldName('left')?.id === n.id ? p.childForFieldName('right') : p.childForFieldName('left');
      return (op === '==' || op === '!=') && !!other && ZERO.test(other.text);
    }
    default: return false;
  }
}

/** `name = rhs;` as a whole statement: its rhs. */
export function plainAssignment(stmt: Node, name: string): Node | undefined {
  if (stmt.type !== 'expression_statement') return undefined;
  const e = stmt.namedChildren[0];
  if (e?.type !== 'assignment_expression' || e.childForFieldName('operator')?.text !== '=') return undefined;
  const left = e.childForFieldName('left');
  return left && unwrap(left).type === 'identifier' && unwrap(left).text === name ? e.childForFieldName('right') ?? undefined : undefined;
}

/** The statements before `node`, nearest first: in its block, then in the blocks around it (comments skipped). */
export function* statementsBefore(node: Node): Generator<Node> {
  for (let stmt = statementOf(node); stmt; stmt = statementOf(stmt.parent)) {
    for (let prev = stmt.previousNamedSibling; prev; prev = prev.previousNamedSibling) if (prev.type !== 'comment') yield prev;
  }
}

/** The statement holding `node`: its ancestor whose parent is a block; undefined at the function's own body. */
function statementOf(node: Node | null): Node | undefined {
  let n = node;
  while (n?.parent && n.parent.type !== 'compound_statement') {
    if (n.type === 'function_definition') return undefined;
    n = n.parent;
  }
  return n?.parent ? n : undefined;
}
