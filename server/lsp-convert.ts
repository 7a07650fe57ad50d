// The one place findings become LSP: diagnostics (with rule code, related locations, fixes as data) and code actions.
import { CodeAction, CodeActionKind, DiagnosticSeverity, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { Finding, Fix, Severity } from '../src/engine/findings';
import { pathToUri } from './paths';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const SOURCE = 'fabric-lens';

export interface DiagnosticData { fixes: Fix[]; arches: string[] }

export function toDiagnostic(f: Finding, docsBase?: string): Diagnostic {
  return {
    range: f.span,
    severity: SEVERITY[f.severity],
    code: f.rule,
    codeDescription: docsBase ? { href: `${docsBase}/${f.rule}.md` } : undefined,
    source: SOURCE,
    message: `${f.message} (${f.arches.join(', ')})`,
    relatedInformation: f.related.map((r) => ({ location: { uri: pathToUri(r.file), range: r.span }, message: r.message })),
    data: { fixes: f.fixes, arches: f.arches } satisfies DiagnosticData,
  };
}

export function toCodeActions(diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== SOURCE) continue;
    const data = d.data as DiagnosticData | undefined;
    const fixes = data?.fixes ?? [];
    // Preferred (auto-fixable) only when unambiguous: the single fix, or the single one the rule marked preferred.
    const marked = fixes.filter((f) => f.preferred === true);
    const preferred = fixes.length === 1 ? fixes[0] : marked.length === 1 ? marked[0] : undefined;
    for (const fix of fixes) {
      const action = CodeAction.create(fix.title, toWorkspaceEdit(fix), CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.isPreferred = fix === preferred;
      actions.push(action);
    }
  }
  return actions;
}

function toWorkspaceEdit(fix: Fix): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of fix.edits) (changes[pathToUri(e.file)] ??= []).push({ range: e.span, newText: e.newText });
  return { changes };
}
