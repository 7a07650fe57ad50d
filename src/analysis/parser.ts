// Loads the tree-sitter C grammar (wasm) once and parses C text; a parse never throws, errors stay in the tree.
import { Parser, Language, Tree } from 'web-tree-sitter';

let ready: Promise<Parser> | undefined;

/** wasmDir holds tree-sitter.wasm and tree-sitter-c.wasm (the bundles' own directory, `dist/`). */
export function initParser(wasmDir: string): Promise<Parser> {
  ready ??= (async () => {
    await Parser.init({ locateFile: (name: string) => `${wasmDir}/${name}` });
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
