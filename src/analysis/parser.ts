// Loads the tree-sitter C grammar (wasm) once and parses C text; a parse never throws, errors stay in the tree.
import { Parser, Language, Node, Tree } from 'web-tree-sitter';

let ready: Promise<Parser> | undefined;

/** wasmDir holds tree-sitter.wasm and tree-sitter-c.wasm (the bundles' own directory, `dist/`). */
export function initParser(wasmDir: string): Promise<Parser> {
  ready ??= (async () => {
    await Parser.init({ locateFile: (name: string) => `${wasmDir}/${name}` });
    memoiseNodeType();
    const c = await Language.load(`${wasmDir}/tree-sitter-c.wasm`);
    const parser = new Parser();
    parser.setLanguage(c);
    return parser;
  })();
  return ready;
}

export function getLanguage(parser: Parser): Language {
  const lang = parser.language;
  if (!lang) throw new Error('parser has no language');
  return lang;
}

/** Parses text; returns undefined only if tree-sitter itself gives up (it reports syntax errors as ERROR nodes). */
export function parseC(parser: Parser, text: string): Tree | undefined {
  return parser.parse(text) ?? undefined;
}

export type { Tree, Node as SyntaxNode } from 'web-tree-sitter';

/** A node's type, kept on the node once asked (web-tree-sitter asks the wasm side on every `.type`); set once at init. */
type TypedNode = Node & { fabricLensType?: string };
let nodeTypeMemoised = false;

/**
 * `node.type` costs a copy of the node into wasm memory and a call on every read, and the extraction reads it many
 * times per node (switches, unwrap loops). A node's symbol never changes (an edit moves positions, not types), so the
 * first answer is kept on the object. Field names are looked up in a Map instead of `fields.indexOf()`.
 */
function memoiseNodeType(): void {
  if (nodeTypeMemoised) return;
  nodeTypeMemoised = true;
  const proto = Node.prototype as unknown as Record<string, unknown>;
  const typeId = Object.getOwnPropertyDescriptor(Node.prototype, 'typeId')!.get!;
  Object.defineProperty(proto, 'type', {
    configurable: true,
    get(this: TypedNode): string {
      let t = this.fabricLensType;
      if (t === undefined) { t = this.tree.language.types[typeId.call(this) as number] || 'ERROR'; this.fabricLensType = t; }
      return t;
    },
  });
  const fieldIds = new WeakMap<Language, Map<string, number>>();
  Object.defineProperty(proto, 'childForFieldName', {
    configurable: true, writable: true,
    value(this: Node, name: string): Node | null {
      const lang = this.tree.language;
      let ids = fieldIds.get(lang);
      if (!ids) { ids = new Map(); lang.fields.forEach((f, i) => { if (f !== null && !ids!.has(f)) ids!.set(f, i); }); fieldIds.set(lang, ids); }
      const id = ids.get(name);
      return id === undefined ? null : cachedField(this, id);
    },
  });
  memoiseText(proto);
  memoiseParent(proto);
}

/** A node's text, kept on the object once read (each read costs a call into wasm for the end and a slice). */
function memoiseText(proto: Record<string, unknown>): void {
  const text = Object.getOwnPropertyDescriptor(Node.prototype, 'text')!.get!;
  Object.defineProperty(proto, 'text', {
    configurable: true,
    get(this: Node & { fabricLensText?: string }): string {
      return (this.fabricLensText ??= text.call(this) as string);
    },
  });
}

/**
 * While one function body is built, the parent and the field children asked of each node (by node id), so that asking
 * again returns the same object (its memoised type, text and children with it) instead of a new one made by wasm.
 * Only within a build: the tree is not edited meanwhile, and node ids are reused once a tree is freed.
 */
let nodeCache: { tree: Tree; byNode: Map<number, (Node | null)[]> } | undefined;

export function withNodeCache<T>(tree: Tree, build: () => T): T {
  const saved = nodeCache;
  nodeCache = { tree, byNode: new Map() };
  try { return build(); } finally { nodeCache = saved; }
}

/** Slot 0 of a node's cache entry holds its parent; field ids start at 1. */
const PARENT = 0;

function cachedField(node: Node, field: number): Node | null {
  const slots = slotsOf(node);
  if (!slots) return node.childForFieldId(field);
  let out = slots[field];
  if (out === undefined) slots[field] = out = node.childForFieldId(field);
  return out;
}

/** The node's cache entry while a build of its tree runs, else undefined. */
function slotsOf(node: Node): (Node | null)[] | undefined {
  if (nodeCache?.tree !== node.tree) return undefined;
  let slots = nodeCache.byNode.get(node.id);
  if (!slots) nodeCache.byNode.set(node.id, (slots = []));
  return slots;
}

/** `node.parent` through the build's cache. */
function memoiseParent(proto: Record<string, unknown>): void {
  const parent = Object.getOwnPropertyDescriptor(Node.prototype, 'parent')!.get!;
  Object.defineProperty(proto, 'parent', {
    configurable: true,
    get(this: Node): Node | null {
      const slots = slotsOf(this);
      if (!slots) return parent.call(this) as Node | null;
      let out = slots[PARENT];
      if (out === undefined) slots[PARENT] = out = parent.call(this) as Node | null;
      return out;
    },
  });
}
