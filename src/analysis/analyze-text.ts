// Entry of the analysis layer: C text -> FileFacts (one parse, tree freed), with function-like macros summarised as functions.
import type { Parser, Tree } from 'web-tree-sitter';
import { reparse } from './incremental';
import type { BodyFacts, FileFacts, FunctionFacts, MacroFacts } from './facts';
import { extractBody, extractFile, functionFacts } from './extract-file';
import { extractFabricFacts } from './fabric-facts';
import { namedChildren } from './syntax';
import { scanConditionals, type AbsentMacros } from './preproc-conditions';
import { dropPlainDefines, type ScannedDefine } from './preproc-only';

const WORTH_SUMMARISING = /->|\b(read|write|ioread|iowrite|__raw_|memcpy_toio|__iowrite|wmb|rmb|mb|dma_|spin_|ioremap|pci_iomap|mmio_|rte_)/;

/** Builds the text of a function standing for a function-like macro, so its body is analysed like a helper's. */
function macroAsFunction(m: MacroFacts): string {
  const body = m.body.replace(/\\\r?\n/g, ' ').replace(/\n/g, ' ').trim();
  // `MLXSW_PCI_ ## reg` pastes one token: kept as one identifier (the pasted name is unknown to the analysis anyway).
  const pasted = body.replace(/\s*##\s*/g, '');
  const params = m.params.filter((p) => p !== '...').map((p) => `void *${p}`).join(', ');
  const statement = /^(do\b|\{|if\b|for\b|while\b|switch\b)/.test(pasted) ? `${pasted};` : `return (${pasted});`;
  return `void *${m.name}(${params}) { ${statement} }`;
}

/**
 * Macros whose body names I/O vocabulary, and those that call such a macro of the same file (`OUTL(np, r, v)` is
 * `OUTL_OFF(np, offsetof(...), v)`, which is `iowrite32(...)`): each level becomes a helper the flow inlines.
 */
function macrosWorthSummarising(facts: FileFacts): MacroFacts[] {
  const sized = Object.values(facts.macros).filter((m) => m.body.length > 0 && m.body.length < 4000);
  const worth = new Set(sized.filter((m) => WORTH_SUMMARISING.test(m.body)).map((m) => m.name));
  const callsOf = new Map(sized.map((m) => [m.name, [...m.body.matchAll(/\b([A-Za-z_]\w*)\s*\(/g)].map((c) => c[1])]));
  for (let grew = true; grew;) {
    grew = false;
    for (const m of sized) {
      if (worth.has(m.name) || !callsOf.get(m.name)!.some((c) => c !== m.name && worth.has(c))) continue;
      worth.add(m.name);
      grew = true;
    }
  }
  return sized.filter((m) => worth.has(m.name));
}

/**
 * Parses all worthwhile macros of a file in one go and adds them as functions reported at their #define line. A
 * macro that does not come out as a clean definition there (one that does not parse, `SET_64(dw, wr_##name, v)`, can
 * take its neighbours into the error: dw-edma-v0-core.c's SET_CH_32 and SET_LL_64) is parsed again on its own.
 */
function summariseMacros(parser: Parser, facts: FileFacts): void {
  const macros = macrosWorthSummarising(facts);
  if (macros.length === 0) return;
  const done = summariseMacroTexts(parser, facts, macros);
  for (const m of macros) if (!done.has(m)) summariseMacroTexts(parser, facts, [m]);
}

/** Parses the macros as one text, one function per line, and adds each clean definition; returns the macros added. */
function summariseMacroTexts(parser: Parser, facts: FileFacts, macros: MacroFacts[]): Set<MacroFacts> {
  const added = new Set<MacroFacts>();
  const tree = parser.parse(macros.map(macroAsFunction).join('\n'));
  if (!tree) return added;
  try {
    for (const def of namedChildren(tree.rootNode)) {
      if (def.type !== 'function_definition' || def.hasError) continue;
      const m = macros[def.startPosition.row];
      if (!m || added.has(m)) continue;
      added.add(m);
      const fn = functionFacts(def, facts.path, true);
      const at = { start: m.span.start, end: m.span.start };
      fn.span = m.span;
      fn.nameSpan = at;
      fn.isMacro = true;
      if (m.params.includes('...')) fn.variadic = true;
      for (const n of fn.body!.cfg.nodes) if (n.event) n.event.span = at;
      facts.functions.push(fn);
    }
  } finally {
    tree.delete();
  }
  return added;
}

const EMPTY = (path: string): FileFacts => ({ path, functions: [], structs: {}, typedefs: {}, globals: {}, macros: {}, syntaxErrors: 1 });

const NO_BODY: BodyFacts = { cfg: { nodes: [{ succ: [1] }, { succ: [] }] }, locals: {}, memberAssigns: [], returns: [] };

/** No end: the range tree-sitter parses by default. */
const UNBOUNDED = 0xffffffff;

/**
 * Extracts a lazily kept function's body by parsing its text alone, as a range starting at its row and column in
 * the file so positions match the file's (padding the text with that many newlines instead cost tree-sitter a scan
 * of every padding byte: 23 ms for a function at line 20,000 against 0.07 ms).
 * Never throws: a function that does not parse on its own gets an empty body.
 */
export function materializeBody(parser: Parser, fn: FunctionFacts): BodyFacts {
  if (fn.body) return fn.body;
  const src = fn.source;
  if (!src) return NO_BODY;
  const at = { startIndex: 0, endIndex: UNBOUNDED, startPosition: { row: src.row, column: src.col }, endPosition: { row: UNBOUNDED, column: UNBOUNDED } };
  const tree = parser.parse(src.text, null, { includedRanges: [at] });
  try {
    const def = tree ? namedChildren(tree.rootNode).find((c) => c.type === 'function_definition') : undefined;
    fn.body = def ? extractBody(def, fn.file) : NO_BODY;
  } finally {
    tree?.delete();
  }
  return fn.body;
}

const IGNORE = /fabric-lens-ignore\s+(\*|[a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/;

/** Finds `fabric-lens-ignore <rule-id>[, <rule-id>]: reason` comments, by line. */
export function findSuppressions(text: string): Record<number, string[]> | undefined {
  if (!text.includes('fabric-lens-ignore')) return undefined;
  const out: Record<number, string[]> = {};
  text.split('\n').forEach((line, i) => {
    const m = IGNORE.exec(line);
    if (m) out[i] = m[1].split(',').map((s) => s.trim());
  });
  return out;
}

/**
 * Kernel annotation macros the C grammar does not know (`void __iomem *p;` parses as a multiplication otherwise),
 * blanked with spaces of the same length so every position stays where it was.
 */
const ANNOTATIONS = /\b(__iomem|__user|__rcu|__percpu|__force|__kernel|__bitwise|__must_check|__maybe_unused|__always_unused|__always_inline|noinline|__init|__exit|__initdata|__initconst|__devinit|__cold|__hot|__read_mostly|__ro_after_init|__packed|__weak|__private|__safe|__nocast|notrace|__visible|asmlinkage|__noreturn|__pure|__sparse_cache)\b/g;

function blankAnnotations(text: string): string {
  return text.replace(ANNOTATIONS, (m) => ' '.repeat(m.length));
}

/**
 * A preprocessor-only file parsed with its plain #define and `//` lines emptied (`preproc-only.ts`), with the numeric
 * defines read from them; undefined for other files and when the rest does not parse cleanly (then the whole is parsed).
 */
function parseWithoutPlainDefines(parser: Parser, text: string): { tree: Tree; defines: ScannedDefine[]; named: string[] } | undefined {
  const reduced = dropPlainDefines(text);
  if (!reduced) return undefined;
  const tree = parser.parse(reduced.text);
  if (tree && !tree.rootNode.hasError) return { tree, defines: reduced.defines, named: reduced.named };
  tree?.delete();
  return undefined;
}

/** An open document's last parse, kept so the next keystroke re-parses incrementally and reuses unchanged functions. */
export interface KeptParse { tree: Tree; text: string; facts: FileFacts }

/** Rows of struct braces marked `__packed` (`} __packed;`, `struct __packed name {`), read before the annotation is blanked. */
function packedRows(rawText: string): Set<number> {
  const rows = new Set<number>();
  if (!rawText.includes('__packed')) return rows;
  let row = 0;
  let upTo = 0;
  for (const m of rawText.matchAll(/\}\s*__packed\b|\b(?:struct|union)\s+__packed\b[^;{]*\{/g)) {
    const brace = m.index! + (m[0].startsWith('}') ? 0 : m[0].length - 1);
    for (let k = rawText.indexOf('\n', upTo); k !== -1 && k < brace; k = rawText.indexOf('\n', k + 1)) { row++; upTo = k + 1; }
    rows.add(row);
  }
  return rows;
}

export function analyzeText(parser: Parser, path: string, rawText: string, absentMacros?: AbsentMacros): FileFacts {
  return analyzeIncrementally(parser, path, rawText, undefined, false, absentMacros).facts;
}

/**
 * Like analyzeText, reusing `kept` (the previous parse of the same document: its tree is consumed) and returning
 * the new parse to keep when `keep` is set. Functions whose text and position did not change keep their facts.
 */
export function analyzeIncrementally(parser: Parser, path: string, rawText: string, kept: KeptParse | undefined, keep: boolean, absentMacros?: AbsentMacros): { facts: FileFacts; kept?: KeptParse } {
  const { text, regions } = scanConditionals(blankAnnotations(rawText), absentMacros);
  const fast = kept || keep ? undefined : parseWithoutPlainDefines(parser, text);
  const tree = fast?.tree ?? reparse(parser, text, kept);
  if (!tree) return { facts: EMPTY(path) };
  let keepTree = false;
  try {
    const facts = extractFile(tree, path, kept?.facts, packedRows(rawText), fast?.named);
    facts.suppressions = findSuppressions(text);
    if (regions.length) facts.archRegions = regions;
    facts.fabric = extractFabricFacts(tree, facts, fast?.defines);
    summariseMacros(parser, facts);
    keepTree = keep;
    return { facts, kept: keep ? { tree, text, facts } : undefined };
  } finally {
    if (!keepTree) tree.delete();
  }
}
