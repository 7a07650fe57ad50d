// Prints findings as a SARIF 2.1.0 log (OASIS SARIF v2.1.0), the format CI code-scanning services take: one run, the
// rules with their summaries, and per result its 1-based region, related locations, per-architecture list and fixes.
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Span } from '../analysis/facts';
import type { Finding, Severity } from '../engine/findings';
import { RULES } from '../engine/rules';
import { VERSION } from './version';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** SARIF has error, warning, note and none: information and hint are notes. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(findings: Finding[], displayPath: (f: string) => string): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'Fabric Lens', version: VERSION, rules: RULES.map(ruleDescriptor) } },
      columnKind: 'utf16CodeUnits',
      results: findings.map((f) => result(f, ruleIndex.get(f.rule), displayPath)),
    }],
  };
  return JSON.stringify(log, null, 2);
}

function ruleDescriptor(r: (typeof RULES)[number]) {
  return {
    id: r.id,
    shortDescription: { text: r.summary },
    help: { text: `docs/rules/${r.id}.md: a bad and a good example, what each architecture does, the Linux 6.1 sources.` },
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
  };
}

function result(f: Finding, ruleIndex: number | undefined, displayPath: (f: string) => string) {
  return {
    ruleId: f.rule,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(f.file, f.span, displayPath)],
    ...(f.related.length ? { relatedLocations: f.related.map((r, id) => ({ id, ...location(r.file, r.span, displayPath), message: { text: r.message } })) } : {}),
    ...(f.fixes.length ? { fixes: f.fixes.map((x) => fix(x, displayPath)) } : {}),
    properties: { arches: f.arches, function: f.function },
  };
}

function location(file: string, span: Span, displayPath: (f: string) => string) {
  return { physicalLocation: { artifactLocation: artifact(file, displayPath), region: region(span) } };
}

/** A relative path as given on the command line stays relative (to the source root), an absolute one is a file: URI. */
function artifact(file: string, displayPath: (f: string) => string) {
  const shown = displayPath(file);
  if (isAbsolute(shown)) return { uri: pathToFileURL(shown).href };
  return { uri: shown.split(/[\\/]/).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/** 1-based lines and columns; the end column is the one after the last character, as SARIF counts. */
function region(span: Span) {
  return { startLine: span.start.line + 1, startColumn: span.start.character + 1, endLine: span.end.line + 1, endColumn: span.end.character + 1 };
}

function fix(x: Finding['fixes'][number], displayPath: (f: string) => string) {
  const byFile = new Map<string, Finding['fixes'][number]['edits']>();
  for (const e of x.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  return {
    description: { text: x.title },
    artifactChanges: [...byFile].map(([file, edits]) => ({
      artifactLocation: artifact(file, displayPath),
      replacements: edits.map((e) => ({ deletedRegion: region(e.span), insertedContent: { text: e.newText } })),
    })),
  };
}
