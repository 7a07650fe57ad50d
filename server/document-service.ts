// Keeps open documents analysed: debounced re-analysis, stale versions dropped, failures logged, never thrown.
import { existsSync } from 'node:fs';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver/node';
import type { Project } from '../src/engine/project';
import type { Finding } from '../src/engine/findings';
import { toDiagnostic } from './lsp-convert';
import { uriToPath } from './paths';
import type { FabricOptions } from './fabric-options';
import { archesOf, type ServerSettings } from './settings';

export interface Publisher { publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void; log(message: string): void }

export class DocumentService {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly docs = new Map<string, TextDocument>();
  /** The version last analysed or scheduled per document (TextDocuments updates documents in place). */
  private readonly scheduled = new Map<string, number>();
  /** Where rule docs live (`<docsBase>/<rule>.md`), for diagnostics' codeDescription links; unset: no links. */
  docsBase?: string;
  private readonly docExists = new Map<string, boolean>();

  /** The docs base for a rule's link: for a `file:` base only when that rule's page is there (no broken links). */
  private docsBaseFor(rule: string): string | undefined {
    const base = this.docsBase;
    if (!base?.startsWith('file:')) return base;
    let ok = this.docExists.get(rule);
    if (ok === undefined) { ok = existsSync(new URL(`${base}/${rule}.md`)); this.docExists.set(rule, ok); }
    return ok ? base : undefined;
  }

  constructor(private readonly project: Project, private readonly out: Publisher, private settings: ServerSettings, private readonly debounceMs = 150) {}

  isOpenPath(path: string): boolean {
    for (const uri of this.docs.keys()) if (uriToPath(uri) === path) return true;
    return false;
  }

  /** The file system paths of the open documents (`file:` URIs only). */
  openPaths(): string[] { return [...this.docs.keys()].filter((u) => u.startsWith('file:')).map(uriToPath); }

  opened(doc: TextDocument): void { this.docs.set(doc.uri, doc); this.scheduled.set(doc.uri, doc.version); this.analyseNow(doc.uri); }

  changed(doc: TextDocument): void {
    // TextDocuments fires a content change right after every open: that version is analysed already.
    if (this.scheduled.get(doc.uri) === doc.version) return;
    this.scheduled.set(doc.uri, doc.version);
    this.docs.set(doc.uri, doc);
    clearTimeout(this.timers.get(doc.uri));
    this.timers.set(doc.uri, setTimeout(() => this.analyseNow(doc.uri), this.debounceMs));
  }

  closed(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.docs.delete(uri);
    this.scheduled.delete(uri);
    this.project.forgetParse(uriToPath(uri));
    this.out.publish(uri, undefined, []);
  }

  configure(settings: ServerSettings, fabric: FabricOptions = this.fabric): void { this.settings = settings; this.fabric = fabric; this.reanalyseAll(); }

  /** Topology and device map for the fabric rules (from fabricLens.topologyFile / deviceMap). */
  private fabric: FabricOptions = {};

  reanalyseAll(): void { for (const uri of this.docs.keys()) this.analyseNow(uri); }

  /** Analyses the newest text of a document; a result computed for an older version is dropped. */
  analyseNow(uri: string): void {
    this.timers.delete(uri);
    const doc = this.docs.get(uri);
    if (!doc) return;
    const version = doc.version;
    let findings: Finding[] = [];
    try {
      findings = this.findingsFor(doc);
    } catch (e) {
      this.out.log(`fabric-lens: analysis of ${uri} failed: ${e instanceof Error ? e.stack : String(e)}`);
    }
    if (this.docs.get(uri)?.version !== version) return;
    this.out.publish(uri, version, findings.map((f) => toDiagnostic(f, this.docsBaseFor(f.rule))));
  }

  private findingsFor(doc: TextDocument): Finding[] {
    const path = uriToPath(doc.uri);
    const text = doc.getText();
    if (text.slice(0, 8192).includes('\u0000')) return [];
    this.project.setFile(path, text, { incremental: true });
    let lines: string[] | undefined; // split only when a fix asks for a line
    const lineText = (f: string, l: number) => (f === path ? (lines ??= text.split('\n'))[l]?.replace(/\r$/, '') : undefined);
    return this.project.check([path], { arches: archesOf(this.settings), rules: this.settings.rules, lineText, incremental: true, ...this.fabric });
  }

  documentText(uri: string): TextDocument | undefined { return this.docs.get(uri); }
  currentSettings(): ServerSettings { return this.settings; }
}
