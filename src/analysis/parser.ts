// Loads the tree-sitter C grammar (wasm) once and parses C text; a parse never throws, errors stay in the tree.
import { Parser, Language, Node, Tree } from 'web-tree-sitter';

let ready: Promise<Parser> | undefined;

/** Per-node answers kept on the node object (see memoiseNodeQueries). */
interface NodeMemo { type?: string; endIndex?: number; text?: string; fields?: Map<string, Node | null> }
const MEMO = Symbol('fabric-lens node memo');
let memoised = false;

/**
 * Keeps on each node object what never changes for it: its type, end, text and field children. web-tree-sitter asks
 * the wasm module again on every access (copying the node into wasm memory and, for a child, building a new object),
 * and the extraction asks the same node's type about twice and its fields often (extracting igb's 545 functions kept
 * as text: 0.71-0.82 s before, 0.51-0.57 s after). A node object belongs to one tree and is not kept across an edit
 * of it (only facts are), so the answers stay right.
 */
function memoiseNodeQueries(): void {
  if (memoised) return;
  memoised = true;
  const getter = (name: string) => Object.getOwnPropertyDescriptor(Node.prototype, name)!.get!;
  const memo = (node: Node): NodeMemo => {
    const own = node as unknown as { [MEMO]?: NodeMemo };
    return (own[MEMO] ??= {});
  };
  const type = getter('type');
  const endIndex = getter('endIndex');
  const text = getter('text');
  const childForFieldName = Node.prototype.childForFieldName;
  Object.defineProperty(Node.prototype, 'type', { configurable: true, get(this: Node) { const m = memo(this); return (m.type ??= type.call(this) as string); } });
  Object.defineProperty(Node.prototype, 'endIndex', { configurable: true, get(this: Node) { const m = memo(this); return (m.endIndex ??= endIndex.call(this) as number); } });
  Object.defineProperty(Node.prototype, 'text', { configurable: true, get(this: Node) { const m = memo(this); return (m.text ??= text.call(this) as string); } });
  Node.prototype.childForFieldName = function (this: Node, field: string): Node | null {
    const fields = (memo(this).fields ??= new Map());
    let child = fields.get(field);
    if (child === undefined) { child = childForFieldName.call(this, field); fields.set(field, child); }
    return child;
  };
}

/** wasmDir holds tree-sitter.wasm and tree-sitter-c.wasm (the bundles' own directory, `dist/`). */
export function initParser(wasmDir: string): Promise<Parser> {
  ready ??= (async () => {
    await Parser.init({ locateFile: (name: string) => `${wasmDir}/${name}` });
    memoiseNodeQueries();
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
