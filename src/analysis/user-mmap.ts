// A userspace provider's mmap() of its uverbs command fd: the memory type the kernel gives the page, read from the
// command constant or response key its offset is built from (vocabulary.ts USER_MMAP_PAGES).
import type { Node } from 'web-tree-sitter';
import { USER_MMAP_PAGES } from './vocabulary';
import { callArgs, declaratorName, unwrap } from './syntax';
import { plainAssignment } from './reaching-definition';
import { writesVariable } from './statement-shapes';

/** mmap(addr, length, prot, flags, fd, offset): the offset is the sixth argument. */
const OFFSET_ARG = 5;

/**
 * The mapping kind of `mmap(...)` when every page command or key its offset names, in the argument itself or in the
 * statements before the call that build a local the argument reads (back to the one that assigns it outright:
 * `offset = 0; set_command(MLX5_IB_MMAP_WC_PAGE, &offset);`), is in USER_MMAP_PAGES with one kind; else undefined
 * (an anonymous or file mapping, a key the table does not know, or commands of different kinds).
 */
export function userMmapKind(call: Node): string | undefined {
  const args = callArgs(call);
  if (args.length !== OFFSET_ARG + 1) return undefined;
  const offset = args[OFFSET_ARG];
  const kinds = new Set(pageNames(offset.text).map((n) => USER_MMAP_PAGES.get(n)!.memKind));
  for (const local of localsRead(offset)) for (const name of namesBuilding(call, local)) kinds.add(USER_MMAP_PAGES.get(name)!.memKind);
  return kinds.size === 1 ? [...kinds][0] : undefined;
}

/** The table's names written in `text` as whole words. */
function pageNames(text: string): string[] {
  return (text.match(/\b\w+\b/g) ?? []).filter((w) => USER_MMAP_PAGES.has(w));
}

/** Plain identifiers the offset expression reads (`page_size * offset` -> page_size, offset). */
function localsRead(expr: Node): string[] {
  const out: string[] = [];
  const walk = (n: Node) => {
    const u = unwrap(n);
    if (u.type === 'identifier') out.push(u.text);
    else if (u.type === 'binary_expression') for (const f of ['left', 'right']) { const c = u.childForFieldName(f); if (c) walk(c); }
  };
  walk(expr);
  return out;
}

/**
 * Table names in the statements before `call` (in its block and the blocks around it, nearest first) that write
 * `local` (assign it, or pass `&local`), up to and including the statement that assigns or initialises it with `=`.
 */
function namesBuilding(call: Node, local: string): string[] {
  const out: string[] = [];
  for (let stmt = statementOf(call); stmt; stmt = statementOf(stmt.parent)) {
    for (let prev = stmt.previousNamedSibling; prev; prev = prev.previousNamedSibling) {
      if (prev.type === 'comment' || !writesVariable(prev.text, local)) continue;
      out.push(...pageNames(prev.text));
      if (assigns(prev, local)) return out;
    }
  }
  return out;
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

/** `local = ...;` or a declaration `T local = ...;`. */
function assigns(stmt: Node, local: string): boolean {
  if (stmt.type === 'declaration') {
    return stmt.namedChildren.some((d) => d?.type === 'init_declarator' && declaratorName(d.childForFieldName('declarator')) === local);
  }
  return plainAssignment(stmt, local) !== undefined;
}
