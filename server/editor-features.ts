// Editor-facing server features wired by main.ts: background workspace indexing with window progress, re-indexing on
// file-watcher events and closes, rule-doc links, and the explain-ordering command.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type Connection, type DidChangeWatchedFilesParams } from 'vscode-languageserver/node';
import type { Project } from '../src/engine/project';
import type { DocumentService } from './document-service';
import { EXPLAIN_ORDERING_COMMAND, runExplainOrdering } from './explain-ordering-command';
import { uriToPath } from './paths';
import { HEAP_STOP_SHARE } from './index-priority';
import { defaultIndexBudget, listCFiles, WorkspaceIndexer, type PassResult, type WatchedChange } from './workspace-index';

export const SERVER_COMMANDS = [EXPLAIN_ORDERING_COMMAND];

/** `file:` URL of docs/rules beside the bundle (dist/../docs/rules), or what the client passed as `docsBase`. */
export function docsBaseFor(init: Record<string, unknown>, bundleDir: string): string | undefined {
  if (typeof init.docsBase === 'string') return init.docsBase || undefined;
  const dir = join(bundleDir, '..', 'docs', 'rules');
  return existsSync(dir) ? pathToFileURL(dir).href : undefined;
}

/**
 * The server's workspace index, made once the workspace folders are known. Each time it falls idle after indexing or
 * dropping files (or after its first pass), the log says what it holds and the open documents are checked again.
 */
export function createIndexer(connection: Connection, project: Project, service: DocumentService, roots: string[], budget: number | undefined): WorkspaceIndexer {
  const indexer = new WorkspaceIndexer(project, roots.flatMap((r) => listCFiles(r)), budget ?? defaultIndexBudget(), {
    isOpen: (p) => service.isOpenPath(p),
    openPaths: () => service.openPaths(),
  });
  let first = roots.length > 0;
  indexer.onIdle = (result) => {
    if (result.indexed === 0 && result.evicted === 0 && !first) return;
    first = false;
    connection.console.log(`fabric-lens: ${indexSummary(indexer, result)} in ${roots.join(', ')}`);
    service.reanalyseAll();
  };
  return indexer;
}

/** Indexes the workspace folders in the background, reporting window/workDoneProgress when the client supports it. */
export async function indexWorkspace(connection: Connection, indexer: WorkspaceIndexer, roots: string[], progressSupported: boolean): Promise<void> {
  if (roots.length === 0) return;
  const progress = progressSupported ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
  progress?.begin('Fabric Lens: indexing', 0, `${indexer.total} C files`, false);
  let last = -1;
  indexer.onProgress = (indexed, total) => {
    const pct = total === 0 ? 100 : Math.floor((indexed * 100) / total);
    if (pct !== last) { last = pct; progress?.report(pct, `${indexed}/${total} files`); }
  };
  await indexer.run();
  indexer.onProgress = undefined;
  progress?.done();
}

/** One line on the index: how much of the workspace it holds and, when the budget or the heap left files out, why. */
function indexSummary(indexer: WorkspaceIndexer, result: PassResult): string {
  const mb = (n: number) => Math.round(n / (1 << 20));
  const line = `indexed ${indexer.indexedCount} of ${indexer.total} C file(s)`;
  if (result.stoppedByHeap) return `${line}; indexing stopped with the heap ${Math.round(HEAP_STOP_SHARE * 100)} % full, ${result.leftOut} file(s) left out, the farthest from the open documents`;
  if (result.leftOut === 0) return line;
  return `${line}; the memory budget (${mb(indexer.budget)} MB of heap, estimated) left out ${result.leftOut} file(s), the farthest from the open documents (initializationOptions.indexBudgetMB sets it)`;
}

const TYPES: Record<number, WatchedChange> = { [FileChangeType.Created]: 'created', [FileChangeType.Changed]: 'changed', [FileChangeType.Deleted]: 'deleted' };

export function registerEditorFeatures(connection: Connection, get: () => { project?: Project; service?: DocumentService; indexer?: WorkspaceIndexer }): void {
  let timer: NodeJS.Timeout | undefined;
  const reanalyseSoon = () => { clearTimeout(timer); timer = setTimeout(() => get().service?.reanalyseAll(), 100); };

  connection.onDidChangeWatchedFiles((p: DidChangeWatchedFilesParams) => {
    const { service, indexer } = get();
    if (!service || !indexer) return;
    const changes = p.changes.filter((c) => c.uri.startsWith('file:')).map((c) => ({ path: uriToPath(c.uri), type: TYPES[c.type] ?? 'changed' }));
    const { changed, created } = indexer.applyChanges(changes);
    if (changed > 0) reanalyseSoon();
    if (created > 0) void indexer.run();
  });

  connection.onExecuteCommand((params) => {
    const { project, service } = get();
    if (params.command !== EXPLAIN_ORDERING_COMMAND) return null;
    if (!project || !service) return { ok: false, error: 'the server is still starting' };
    return runExplainOrdering(project, service, params.arguments);
  });
}

/** After a document closes, the index holds its last editor text: read the file from disk again. */
export function reindexClosed(indexer: WorkspaceIndexer | undefined, uri: string): void {
  if (indexer && uri.startsWith('file:')) indexer.closed(uriToPath(uri));
}
