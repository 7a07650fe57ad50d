// Extracts one file's facts in a single top-level walk: structs, typedefs, globals, macros, and functions — the bodies of
// functions that use I/O vocabulary at once, the others kept as text and extracted only when the engine needs them.
import type { Node, Tree } from 'web-tree-sitter';
import { anonymousStructName, type BodyFacts, type FileFacts, type FunctionFacts, type MemberShape, type VarInfo } from './facts';
import { scanFunctionText } from './text-scan';
import { namesInDefineValue } from './preproc-only';
import { CfgBuilder } from './cfg-builder';
import { declaratorName, namedChildren, spanOf, typeName } from './syntax';
import { mayCarry, toPExpr } from './pexpr';
import { scalarBytes } from './scalar-width';
import { lifecycleEntriesNamed } from './lifecycle-entries';
import { withNodeCache } from './parser';
import { positionalInitTypes, tableAssignments } from './member-functions';

/**
 * `previous`: the facts of an earlier version of the same file; functions with the same text at the same place are
 * reused. `packedRows`: the rows of struct braces marked `__packed` (the annotation is blanked before parsing).
 * `droppedNames`: the names in the values of define lines emptied before parsing (preproc-only.ts).
 */
export function extractFile(tree: Tree, path: string, previous?: FileFacts, packedRows: ReadonlySet<number> = new Set(), droppedNames: readonly string[] = []): FileFacts {
  const facts: FileFacts = { path, functions: [], structs: {}, typedefs: {}, globals: {}, macros: {}, syntaxErrors: 0 };
  const reuse = new Map<string, FunctionFacts>();
  for (const fn of previous?.functions ?? []) if (!fn.isMacro && fn.source) reuse.set(placeKey(fn.source.row, fn.source.col), fn);
  packed = packedRows;
  const outside: string[] = [];
  const topLevel: string[] = [];
  try { walkTop(tree.rootNode, facts, reuse, outside, topLevel); } finally { packed = new Set(); }
  const refs = staticFunctionsNamed(facts.functions, outside);
  if (refs.length) facts.valueRefs = refs;
  const named = namedOutsideBodies(outside, droppedNames);
  if (named.length) facts.namedOutside = named;
  const inits = tableAssignments(topLevel);
  if (Object.keys(inits).length) facts.memberInits = inits;
  const positional = [...new Set([...positionalInitTypes(topLevel), ...facts.functions.flatMap(positionalInitsOf)])];
  if (positional.length) facts.positionalInits = positional;
  const entries = lifecycleEntriesNamed(topLevel);
  if (entries.length) facts.lifecycleEntries = entries;
  return facts;
}

/** The struct types a function's text initialises positionally, kept per FunctionFacts (an edit makes a new one). */
const positionalByFunction = new WeakMap<FunctionFacts, string[]>();
function positionalInitsOf(fn: FunctionFacts): string[] {
  let types = positionalByFunction.get(fn);
  if (!types) { types = positionalInitTypes([fn.source?.text ?? '']); positionalByFunction.set(fn, types); }
  return types;
}

/**
 * The file's `static` functions that its text outside function bodies names (an ops table, `module_init()`, a macro
 * body): they may be called through a pointer or a macro, not only where the calls the index knows are.
 */
function staticFunctionsNamed(functions: readonly FunctionFacts[], outside: readonly string[]): string[] {
  const names = new Set(functions.filter((f) => !f.isMacro && /^\s*static\b/.test(f.source?.text ?? '')).map((f) => f.name));
  if (names.size === 0) return [];
  const found = new Set<string>();
  for (const text of outside) for (const m of text.matchAll(/[A-Za-z_]\w*/g)) if (names.has(m[0])) found.add(m[0]);
  return [...found];
}

/**
 * The lower-case names the text outside function bodies names (table values, `module_init(fn)`, an object-like
 * define's value; not a directive's own words or a function-like macro's body), sorted: a header helper named there
 * is used (dead-helpers.ts). preproc-only.ts `namesInDefineValue` gives the same for the define lines it drops.
 */
function namedOutsideBodies(outside: readonly string[], droppedNames: readonly string[]): string[] {
  const found = new Set<string>(droppedNames);
  for (const text of outside) {
    const directive = /^\s*#/.test(text);
    const value = directive ? /^\s*#\s*define\s+\w+(?!\w|\()(.*)$/s.exec(text)?.[1] : text;
    for (const name of namesInDefineValue(value)) found.add(name);
  }
  return [...found].sort();
}

/** The rows of the file being extracted whose struct brace carries `__packed` (set for the duration of one walk). */
let packed: ReadonlySet<number> = new Set();

/** A struct declared packed: `__attribute__((packed))` after its body, or `__packed` (blanked) before or after it. */
function isPacked(spec: Node, body: Node): boolean {
  if (packed.has(body.startPosition.row) || packed.has(body.endPosition.row)) return true;
  const next = spec.nextSibling;
  return /\bpacked\b|__packed__/.test(namedChildren(spec).find((c) => c.type === 'attribute_specifier')?.text ?? '')
    || (next?.type === 'attribute_specifier' && /packed/.test(next.text));
}

/** Where a function starts; a kept function is reused only when its text there is also the same. */
function placeKey(row: number, col: number): string {
  return `${row}:${col}`;
}

/** The previous version's function at the same place with the same text, if any. */
function sameFunction(reuse: ReadonlyMap<string, FunctionFacts>, node: Node): FunctionFacts | undefined {
  const at = node.startPosition;
  const fn = reuse.get(placeKey(at.row, at.column));
  return fn && fn.source?.text === node.text ? fn : undefined;
}

/** A declaration's declarators other than function prototypes (`static void f(int);` names nothing it calls). */
function valueTexts(decl: Node): string[] {
  return decl.childrenForFieldName('declarator').filter((d): d is Node => d !== null && (d.type === 'init_declarator' || functionDeclarator(d) === null)).map((d) => d.text);
}

/** Top-level nodes walked into (their own children are looked at one by one). */
const CONTAINERS = new Set(['ERROR', 'preproc_if', 'preproc_ifdef', 'preproc_else', 'preproc_elif', 'preproc_elifdef', 'linkage_specification', 'declaration_list']);

/** `topLevel`: the whole text of each top-level item other than a function definition (declarations, macro calls). */
function walkTop(node: Node, facts: FileFacts, reuse: Map<string, FunctionFacts>, outside: string[], topLevel: string[]): void {
  for (const child of namedChildren(node)) {
    const type = child.type; // each read is a call into tree-sitter
    const item = !CONTAINERS.has(type) && type !== 'function_definition' && type !== 'comment';
    const text = item ? child.text : '';
    if (item) topLevel.push(text);
    if (type === 'declaration') outside.push(...valueTexts(child));
    else if (item) outside.push(text);
    switch (type) {
      case 'function_definition': {
        const fn = sameFunction(reuse, child) ?? functionFacts(child, facts.path);
        facts.functions.push(fn);
        if (!plainReturnType.has(fn)) collectReturnStructs(child, fn, facts);
        break;
      }
      case 'declaration': {
        const anonymous = anonymousGlobalType(child, facts.path);
        collectGlobals(child, facts, anonymous);
        collectStructs(child.childForFieldName('type'), facts, anonymous);
        break;
      }
      case 'type_definition': collectTypedef(child, facts); break;
      case 'struct_specifier': case 'union_specifier': collectStructs(child, facts); break;
      case 'preproc_function_def': collectMacro(child, facts); break;
      case 'preproc_include': {
        const path = child.childForFieldName('path');
        if (path?.type === 'string_literal') (facts.includes ??= []).push(path.text.replace(/^"|"$/g, '').split('/').pop() ?? '');
        break;
      }
      case 'ERROR': facts.syntaxErrors++; walkTop(child, facts, reuse, outside, topLevel); break;
      case 'preproc_if': case 'preproc_ifdef': case 'preproc_else': case 'preproc_elif': case 'preproc_elifdef':
      case 'linkage_specification': case 'declaration_list':
        walkTop(child, facts, reuse, outside, topLevel); break;
      default:
        if (type.endsWith('_specifier')) collectStructs(child, facts);
    }
  }
}

/** Functions whose return type declares no struct (a kept function's text is the same, so it still does not). */
const plainReturnType = new WeakSet<FunctionFacts>();

/** A struct declared in a function's return type (`struct s { ... } *f(void)`): collected like any other. */
function collectReturnStructs(def: Node, fn: FunctionFacts, facts: FileFacts): void {
  const type = def.childForFieldName('type');
  collectStructs(type, facts);
  if (!(type && (type.type === 'struct_specifier' || type.type === 'union_specifier') && type.childForFieldName('body'))) plainReturnType.add(fn);
}

function functionDeclarator(decl: Node | null): Node | null {
  let d = decl;
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator');
  return d;
}

/** A function's facts: name, parameters and text scan always; the body now only if it uses I/O vocabulary. */
export function functionFacts(node: Node, file: string, eager = false): FunctionFacts {
  const fdecl = functionDeclarator(node.childForFieldName('declarator'));
  const nameNode = fdecl?.childForFieldName('declarator') ?? node;
  const params = paramsOf(fdecl);
  const text = node.text;
  const scan = scanFunctionText(node.childForFieldName('body')?.text ?? '');
  const source = { text, row: node.startPosition.row, col: node.startPosition.column };
  const head = { name: declaratorName(nameNode) ?? '<anonymous>', file, span: spanOf(node), nameSpan: spanOf(nameNode), params, ...scan, source };
  return eager || scan.directIo ? { ...head, body: extractBody(node, file, params) } : head;
}

/** Walks a function body into its CFG and variable facts. */
export function extractBody(node: Node, file: string, params = paramsOf(functionDeclarator(node.childForFieldName('declarator')))): BodyFacts {
  const builder = new CfgBuilder(file, params.map((p) => p.name).filter((n) => n !== ''));
  for (const p of params) {
    builder.callBounds.noteWidth(p.name, p.bytes);
    builder.locals[p.name] = { type: p.type, values: [], volatile: (p as { volatile?: boolean }).volatile };
    if (p.pointeeBytes) builder.pointeeBytes[p.name] = p.pointeeBytes;
  }
  const body = node.childForFieldName('body');
  const facts = body ? withNodeCache(body.tree, () => builder.build(body)) : { cfg: { nodes: [{ succ: [1] }, { succ: [] }] }, locals: {}, memberAssigns: [], returns: [] };
  for (const p of params) if (facts.locals[p.name]?.values.length === 0 && facts.locals[p.name].type === p.type) delete facts.locals[p.name];
  return facts;
}

function paramsOf(fdecl: Node | null): { name: string; type?: string; pointeeBytes?: number; bytes?: number; pointer?: true }[] {
  const list = fdecl?.childForFieldName('parameters');
  if (!list) return [];
  return namedChildren(list)
    .filter((p) => p.type === 'parameter_declaration')
    .map((p) => {
      const declarator = p.childForFieldName('declarator');
      const type = p.childForFieldName('type');
      return {
        name: declaratorName(declarator) ?? '', type: typeName(type),
        ...pointeeOf(declarator, type),
        ...scalarParam(declarator, type),
        ...(declarator?.type === 'pointer_declarator' ? { pointer: true as const } : {}),
        ...(namedChildren(p).some((c) => c.type === 'type_qualifier' && c.text === 'volatile') ? { volatile: true } : {}),
      };
    });
}

/** A parameter declared as a plain scalar of known width (`int n`): that width in bytes (call-guards.ts). */
function scalarParam(declarator: Node | null, type: Node | null): { bytes?: number } {
  const bytes = declarator?.type === 'identifier' ? scalarBytes(type?.text) : undefined;
  return bytes ? { bytes } : {};
}

/** A parameter declared as a pointer to a sized scalar (`u16 *p`): the width of what it points to. */
function pointeeOf(d: Node | null, type: Node | null): { pointeeBytes?: number } {
  const one = d?.type === 'pointer_declarator' && d.childForFieldName('declarator')?.type === 'identifier';
  const bytes = one ? scalarBytes(type?.text) : undefined;
  return bytes ? { pointeeBytes: bytes } : {};
}

function collectGlobals(decl: Node, facts: FileFacts, anonymous?: string): void {
  const type = typeName(decl.childForFieldName('type')) ?? anonymous;
  for (const d of decl.childrenForFieldName('declarator')) {
    if (!d || d.type === 'function_declarator') continue;
    const name = declaratorName(d);
    if (!name) continue;
    const info: VarInfo = (facts.globals[name] ??= { type, values: [] });
    const value = d.type === 'init_declarator' ? toPExpr(d.childForFieldName('value'), facts.path) : undefined;
    if (value && mayCarry(value)) info.values.push(value);
  }
}

/**
 * Every alias of a typedef (`typedef struct {...} IPS_ADAPTER, *PIPS_ADAPTER;` declares two) names the struct, pointer
 * depth ignored as for members; an anonymous struct is named by the first alias.
 */
function collectTypedef(node: Node, facts: FileFacts): void {
  const type = node.childForFieldName('type');
  const alias = declaratorName(node.childForFieldName('declarator'));
  const target = typeName(type) ?? (type?.childForFieldName('body') ? alias : undefined);
  for (const d of node.childrenForFieldName('declarator')) {
    const name = typedefName(d);
    if (!d || !name) continue;
    (facts.typedefPointers ??= {})[name] = declaresPointer(d);
    const plain = d.type === 'type_identifier' || (d.type === 'pointer_declarator' && d.childForFieldName('declarator')?.type === 'type_identifier');
    if (target && name !== target && plain) facts.typedefs[name] = target;
  }
  if (type && alias && type.childForFieldName('body')) collectStructBody(type, typeName(type) ?? alias, facts);
}

/** The name a typedef declarator introduces, through the parentheses of a function-pointer type (`(*handler_t)(...)`). */
function typedefName(decl: Node | null): string | undefined {
  for (let d = decl; d; d = innerDeclarator(d)) if (d.type === 'type_identifier') return d.text;
  return undefined;
}

/** True when the declarator makes a pointer: `*PFOO`, `* const PFOO`, `(*handler_t)(void *)`. */
function declaresPointer(decl: Node | null): boolean {
  for (let d = decl; d; d = innerDeclarator(d)) if (d.type === 'pointer_declarator') return true;
  return false;
}

function innerDeclarator(d: Node): Node | null {
  return d.type === 'parenthesized_declarator' ? namedChildren(d).find((c) => c.type !== 'type_qualifier') ?? null : d.childForFieldName('declarator');
}

/**
 * The name given to the anonymous struct of a global (`static struct { ... offset; } rlc_autoload_info[N];`, amdgpu's
 * gfx_v10_0.c): its first variable and its file, so its members are typed and its reads see only its own writes, not
 * every untyped `.offset` of the directory (a `ttm_bus_placement`'s, which holds an aperture's CPU address).
 */
function anonymousGlobalType(decl: Node, path: string): string | undefined {
  const type = decl.childForFieldName('type');
  if (!type || (type.type !== 'struct_specifier' && type.type !== 'union_specifier') || typeName(type) || !type.childForFieldName('body')) return undefined;
  const first = decl.childrenForFieldName('declarator').find((d) => d && d.type !== 'function_declarator');
  const name = first ? declaratorName(first) : undefined;
  return name ? anonymousStructName(name, path) : undefined;
}

function collectStructs(type: Node | null, facts: FileFacts, anonymous?: string): void {
  if (!type || (type.type !== 'struct_specifier' && type.type !== 'union_specifier')) return;
  const name = typeName(type) ?? anonymous;
  if (name && type.childForFieldName('body')) collectStructBody(type, name, facts);
}

function collectStructBody(spec: Node, name: string, facts: FileFacts): void {
  const fields = (facts.structs[name] ??= {});
  const body = spec.childForFieldName('body');
  const units = spec.type === 'struct_specifier' ? new BitfieldUnits(`${spec.startIndex}`) : undefined;
  const packedStruct = body !== null && isPacked(spec, body);
  for (const f of body ? namedChildren(body) : []) {
    if (f.type !== 'field_declaration') continue;
    const ftype = f.childForFieldName('type');
    const unit = units?.next(f, ftype);
    const declarators = f.childrenForFieldName('declarator').filter((d): d is Node => d !== null);
    const inner = ftype && (ftype.type === 'struct_specifier' || ftype.type === 'union_specifier') && ftype.childForFieldName('body');
    if (inner && declarators.length === 0) { collectStructBody(ftype!, name, facts); continue; }
    for (const d of declarators) {
      const fname = declaratorName(d);
      const fnPointer = fname ? undefined : functionPointerName(d);
      if (fnPointer) { fields[fnPointer] = undefined; ((facts.memberShapes ??= {})[name] ??= {})[fnPointer] = { cpu: true, pointer: true }; continue; }
      if (!fname) continue;
      if (hasPointer(d)) (facts.pointerFields ??= []).push(fname);
      let tname = typeName(ftype);
      const cpu = hasPointer(d) || (tname === 'dma_addr_t' && d.type === 'field_identifier');
      const dma = tname === 'dma_addr_t' && !hasPointer(d);
      const layout = memberLayout(f, d, ftype, packedStruct);
      if (cpu || unit || dma || layout) ((facts.memberShapes ??= {})[name] ??= {})[fname] = { ...(cpu ? { cpu: true } : {}), ...(dma ? { dma: true } : {}), ...(unit ? { unit } : {}), ...layout };
      if (inner && !tname) { tname = `${name}.${fname}`; collectStructBody(ftype!, tname, facts); }
      else if (inner && tname) collectStructBody(ftype!, tname, facts);
      fields[fname] = tname;
    }
  }
}

/**
 * What a member's declaration says about accessing it: its scalar (or element/pointee) width, array, pointer, packed,
 * volatile.
 */
function memberLayout(f: Node, d: Node, ftype: Node | null, packedStruct: boolean): Pick<MemberShape, 'bytes' | 'array' | 'pointer' | 'packed' | 'be' | 'volatile' | 'order'> | undefined {
  const bytes = ftype ? scalarBytes(ftype.text) : undefined;
  const array = d.type === 'array_declarator' || undefined;
  const pointer = hasPointer(d) || undefined;
  const be = /\b__be(16|32|64)\b/.test(ftype?.text ?? '') || undefined;
  const vol = volatileObject(f, d) || undefined;
  const order = byteOrder(ftype?.text, bytes, pointer || array);
  if (!bytes && !array && !pointer && !packedStruct && !vol) return undefined;
  return { ...(bytes ? { bytes } : {}), ...(array ? { array } : {}), ...(pointer ? { pointer } : {}), ...(packedStruct ? { packed: true } : {}), ...(be ? { be } : {}), ...(vol ? { volatile: vol } : {}), ...(order ? { order } : {}) };
}

/**
 * A scalar member's declared byte order: `fixed` for `__le16/32/64`/`__be16/32/64` (a word in a device's byte order),
 * `host` for any other integer wider than a byte (`u32 flags`), none for bytes, pointers and arrays.
 */
function byteOrder(typeText: string | undefined, bytes: number | undefined, notScalar: true | undefined): MemberShape['order'] {
  if (notScalar || !bytes) return undefined;
  if (/\b__(le|be)(16|32|64)\b/.test(typeText ?? '')) return 'fixed';
  return bytes > 1 ? 'host' : undefined;
}

/**
 * True when the member itself is volatile-qualified: `volatile u32 tail`, `volatile u8 done[4]`, `volatile PFOO p`
 * (the qualifier applies to the typedef's pointer), `u32 * volatile p`; not `volatile struct x *p` (the pointee is).
 */
function volatileObject(f: Node, d: Node): boolean {
  const qualified = (n: Node) => namedChildren(n).some((c) => c.type === 'type_qualifier' && c.text === 'volatile');
  let outer: Node | null = d;
  while (outer && outer.type === 'array_declarator') outer = outer.childForFieldName('declarator');
  if (outer?.type === 'pointer_declarator') return qualified(outer);
  return !declaresPointer(d) && qualified(f);
}

/** Bit widths of the integer types bitfields are declared with (the rest count as 32 bits). */
const TYPE_BITS: Record<string, number> = {
  u8: 8, __u8: 8, uint8_t: 8, char: 8, s8: 8, u16: 16, __u16: 16, uint16_t: 16, __le16: 16, __be16: 16, short: 16, s16: 16,
  u64: 64, __u64: 64, uint64_t: 64, __le64: 64, __be64: 64, s64: 64,
};

/**
 * Groups a struct's consecutive bitfields into the storage units the compiler packs them in (C11 6.7.2.1p11: adjacent
 * bitfields share a unit while they fit): two bitfields of one unit are one memory location for ordering purposes.
 */
class BitfieldUnits {
  private k = 0;
  private used = -1;
  private size = 0;
  constructor(private readonly prefix: string) {}

  next(field: Node, type: Node | null): string | undefined {
    const clause = namedChildren(field).find((c) => c.type === 'bitfield_clause');
    const width = clause ? Number(clause.text.replace(/^:/, '').trim()) : NaN;
    if (!clause || !Number.isInteger(width) || width <= 0) { this.used = -1; return undefined; }
    const size = TYPE_BITS[(type?.text ?? '').replace(/^(unsigned|signed)\s+/, '')] ?? 32;
    if (this.used < 0 || size !== this.size || this.used + width > size) { this.k++; this.used = 0; this.size = size; }
    this.used += width;
    return `${this.prefix}:${this.k}`;
  }
}

/** The member a function-pointer declarator declares: `(*write_fn)(...)` -> `write_fn`. */
function functionPointerName(decl: Node): string | undefined {
  const inner = decl.type === 'function_declarator' ? decl.childForFieldName('declarator') : null;
  if (inner?.type !== 'parenthesized_declarator') return undefined;
  const ptr = namedChildren(inner).find((c) => c.type === 'pointer_declarator');
  return ptr ? declaratorName(ptr) : undefined;
}

function hasPointer(decl: Node | null): boolean {
  for (let d = decl; d; d = d.childForFieldName('declarator')) if (d.type === 'pointer_declarator') return true;
  return false;
}

function collectMacro(node: Node, facts: FileFacts): void {
  const name = node.childForFieldName('name')?.text;
  const params = node.childForFieldName('parameters');
  const body = node.childForFieldName('value')?.text ?? '';
  if (!name || !params) return;
  const names = namedChildren(params).map((p) => p.text);
  // `...` (and GNU `args...`) is an anonymous token: recorded as a last parameter '...', which call sites may fill with any number of arguments
  if (params.children.some((c) => c?.type === '...')) names.push('...');
  facts.macros[name] = { name, params: names, body, file: facts.path, span: spanOf(node) };
}
