// workspace/executeCommand `fabric-lens.explainOrdering`: the memory model over a selection, for any LSP client
// (the VS Code command renders it in a webview; Neovim users call it with vim.lsp.buf.execute_command).
import type { Range } from 'vscode-languageserver/node';
import { explainOrdering, type ExplainResult } from '../src/engine/explain-ordering';
import { ARCHES, isArch, type Arch } from '../src/engine/arch';
import type { Project } from '../src/engine/project';
import type { DocumentService } from './document-service';
import { uriToPath } from './paths';
import { archesOf } from './settings';

export const EXPLAIN_ORDERING_COMMAND = 'fabric-lens.explainOrdering';

/** Arguments: `{ uri, range?, arches? }` (or positional `[uri, range?, arches?]`). */
export interface ExplainOrderingArgs { uri: string; range?: Range; arches?: string[] | 'all' }

export function readExplainArgs(args: unknown[] | undefined): ExplainOrderingArgs | undefined {
  const first = args?.[0];
  if (typeof first === 'string') return { uri: first, range: args?.[1] as Range | undefined, arches: args?.[2] as ExplainOrderingArgs['arches'] };
  if (first && typeof first === 'object' && typeof (first as ExplainOrderingArgs).uri === 'string') return first as ExplainOrderingArgs;
  return undefined;
}

export function runExplainOrdering(project: Project, service: DocumentService, args: unknown[] | undefined): ExplainResult {
  const a = readExplainArgs(args);
  if (!a) return { ok: false, error: `${EXPLAIN_ORDERING_COMMAND} expects { uri, range?, arches? }` };
  const doc = service.documentText(a.uri);
  if (!doc) return { ok: false, error: `${a.uri} is not open in the editor` };
  const path = uriToPath(a.uri);
  // The open document's newest text, even if its debounced analysis has not run yet.
  service.analyseNow(a.uri);
  let arches: Arch[] = archesOf(service.currentSettings());
  if (a.arches === 'all') arches = [...ARCHES];
  else if (Array.isArray(a.arches) && a.arches.length > 0) arches = a.arches.filter(isArch);
  return explainOrdering({ index: project.index, path, range: a.range, arches });
}
