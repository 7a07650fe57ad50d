// A userspace mmap() of device memory: the memory type the kernel gives the page, read from the uverbs command constant
// or response key its offset is built from (vocabulary.ts USER_MMAP_PAGES), the sysfs BAR file its fd was opened from
// (BAR_FILES), or the vfio region its offset comes from (VFIO_REGION_INFO).
import type { Node } from 'web-tree-sitter';
import { BAR_FILES, USER_MMAP_PAGES, VFIO_REGION_INFO } from './vocabulary';
import { calleeName, callArgs, declaratorName, unwrap } from './syntax';
import { plainAssignment, statementsBefore, writesVariable } from './statement-shapes';

/** mmap(addr, length, prot, flags, fd, offset): the fd is the fifth argument, the offset the sixth. */
const FD_ARG = 4;
const OFFSET_ARG = 5;

/** The mapping kind of `mmap(...)`, when its offset or its fd says which device memory it maps; else undefined. */
export function userMmapKind(call: Node): string | undefined {
  const args = callArgs(call);
  if (args.length !== OFFSET_ARG + 1) return undefined;
  return commandPageKind(call, args[OFFSET_ARG]) ?? barFileKind(call, args[FD_ARG]) ?? vfioRegionKind(call, args[OFFSET_ARG]);
}

/**
 * When every page command or key the offset names, in the argument itself or in the statements before the call that
 * build a local the argument reads (back to the one that assigns it outright: `offset = 0;
 * set_command(MLX5_IB_MMAP_WC_PAGE, &offset);`), is in USER_MMAP_PAGES with one kind: that kind (commands of
 * different kinds: none).
 */
function commandPageKind(call: Node, offset: Node): string | undefined {
  const kinds = new Set(pageNames(offset.text).map((n) => USER_MMAP_PAGES.get(n)!.memKind));
  for (const local of localsRead(offset)) for (const name of namesBuilding(call, local)) kinds.add(USER_MMAP_PAGES.get(name)!.memKind);
  return kinds.size === 1 ? [...kinds][0] : undefined;
}

const OPEN_CALLS: ReadonlyMap<string, number> = new Map([['open', 0], ['open64', 0], ['openat', 1], ['openat64', 1]]);
const PATH_FILLS = /\b(?:v?sn?printf|str(?:n)?(?:cpy|cat)|strlcpy|strlcat)\s*\(\s*/;

/**
 * A local fd opened (`fd = open(path, ...)`, the nearest write of it before the call) from a sysfs BAR file: the kind
 * BAR_FILES gives the path, a literal or a buffer local the statements before the open() fill (`snprintf(path, ...,
 * "%s/resource%d_wc", ...)`), when all of them give one kind.
 */
function barFileKind(call: Node, fdArg: Node): string | undefined {
  const fd = unwrap(fdArg);
  if (fd.type !== 'identifier') return undefined;
  for (const stmt of statementsBefore(call)) {
    if (!writesVariable(stmt.text, fd.text)) continue;
    const open = openCall(stmt, fd.text);
    const path = open && callArgs(open)[OPEN_CALLS.get(calleeName(open)!)!];
    if (!path) return undefined;
    const local = unwrap(path);
    const texts = [path.text, ...(local.type === 'identifier' ? pathFills(stmt, local.text) : [])];
    const kinds = new Set(texts.flatMap(barKinds));
    return kinds.size === 1 ? [...kinds][0] : undefined;
  }
  return undefined;
}

/** The open() call in `stmt` whose result is assigned to `fd` (`fd = open(...)`, `int fd = open(...)`, in a condition). */
function openCall(stmt: Node, fd: string): Node | undefined {
  const assigned = new RegExp(`\\b${fd}\\s*=\\s*(?:\\([^()]*\\)\\s*)?(\\w+)\\s*\\(`).exec(stmt.text)?.[1];
  if (!assigned || !OPEN_CALLS.has(assigned)) return undefined;
  return stmt.descendantsOfType('call_expression').find((c) => c !== null && calleeName(c) === assigned) ?? undefined;
}

/** Texts of the statements before `stmt` that fill the buffer `path` (printf/strcpy family), and of its declaration. */
function pathFills(stmt: Node, path: string): string[] {
  const out: string[] = [];
  const fills = new RegExp(`${PATH_FILLS.source}&?\\s*${path}\\b`);
  for (const prev of statementsBefore(stmt)) {
    if (fills.test(prev.text)) out.push(prev.text);
    if (declares(prev, path)) { out.push(prev.text); break; }
  }
  return out;
}

/** The kinds BAR_FILES gives the string literals in `text` (adjacent literals joined, as the compiler does). */
function barKinds(text: string): string[] {
  const literals = text.replace(/"\s*"/g, '').match(/"(?:[^"\\]|\\.)*"/g) ?? [];
  return literals.flatMap((l) => BAR_FILES.find((f) => f.path.test(l))?.memKind ?? []);
}

/**
 * An offset that is a vfio region's (`reg.offset`, `info->offset` of a `struct vfio_region_info` the function
 * declares or takes), directly or through a local the statements before the call set from one.
 */
function vfioRegionKind(call: Node, offset: Node): string | undefined {
  const fn = functionOf(call);
  if (!fn || !fn.text.includes(VFIO_REGION_INFO.struct)) return undefined;
  const infos = [...fn.text.matchAll(new RegExp(`struct\\s+${VFIO_REGION_INFO.struct}\\s*\\*?\\s*(\\w+)`, 'g'))].map((m) => m[1]);
  if (!infos.length) return undefined;
  const member = new RegExp(`\\b(?:${infos.join('|')})\\s*(?:\\.|->)\\s*${VFIO_REGION_INFO.member}\\b`);
  const texts = [offset.text, ...localsRead(offset).flatMap((l) => [...statementsBefore(call)].filter((s) => writesVariable(s.text, l)).map((s) => s.text))];
  return texts.some((t) => member.test(t)) ? VFIO_REGION_INFO.memKind : undefined;
}

function functionOf(node: Node): Node | undefined {
  let n: Node | null = node;
  while (n && n.type !== 'function_definition') n = n.parent;
  return n ?? undefined;
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
  for (const prev of statementsBefore(call)) {
    if (!writesVariable(prev.text, local)) continue;
    out.push(...pageNames(prev.text));
    if (assigns(prev, local)) return out;
  }
  return out;
}

/** `local = ...;` or a declaration `T local = ...;`. */
function assigns(stmt: Node, local: string): boolean {
  return stmt.type === 'declaration' ? declares(stmt, local, true) : plainAssignment(stmt, local) !== undefined;
}

/** A declaration of `local` (`char path[64];`), or with `initialised` only one giving it a value (`char path[] = "..."`). */
function declares(stmt: Node, local: string, initialised = false): boolean {
  return stmt.type === 'declaration' && stmt.childrenForFieldName('declarator').some((d) => {
    if (d === null || (initialised && d.type !== 'init_declarator')) return false;
    return declaratorName(d.type === 'init_declarator' ? d.childForFieldName('declarator') : d) === local;
  });
}
