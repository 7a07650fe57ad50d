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
      return id === undefined ? null : this.childForFieldId(id);
    },
  });
}
