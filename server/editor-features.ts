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
import { applyWatchedChanges, indexFile, indexInBackground, listCFiles, type WatchedChange } from './workspace-index';

export const SERVER_COMMANDS = [EXPLAIN_ORDERING_COMMAND];

/** `file:` URL of docs/rules beside the bundle (dist/../docs/rules), or what the client passed as `docsBase`. */
export function docsBaseFor(init: Record<string, unknown>, bundleDir: string): string | undefined {
  if (typeof init.docsBase === 'string') return init.docsBase || undefined;
  const dir = join(bundleDir, '..', 'docs', 'rules');
  return existsSync(dir) ? pathToFileURL(dir).href : undefined;
}

/** Indexes the workspace folders in the background, reporting window/workDoneProgress when the client supports it. */
export async function indexWorkspace(connection: Connection, project: Project, service: DocumentService, roots: string[], progressSupported: boolean): Promise<void> {
  if (roots.length === 0) return;
  const progress = progressSupported ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
  progress?.begin('Fabric Lens: indexing', 0, 'listing C files', false);
  const files = roots.flatMap((r) => listCFiles(r));
  let last = -1;
  await indexInBackground(project, files, (p) => service.isOpenPath(p), (done, total) => {
    const pct = total === 0 ? 100 : Math.floor((done * 100) / total);
    if (pct !== last) { last = pct; progress?.report(pct, `${done}/${total} files`); }
  });
  progress?.done();
  connection.console.log(`fabric-lens: indexed ${files.length} C file(s) in ${roots.join(', ')}`);
  service.reanalyseAll();
}

const TYPES: Record<number, WatchedChange> = { [FileChangeType.Created]: 'created', [FileChangeType.Changed]: 'changed', [FileChangeType.Deleted]: 'deleted' };

export function registerEditorFeatures(connection: Connection, get: () => { project?: Project; service?: DocumentService }): void {
  let timer: NodeJS.Timeout | undefined;
  const reanalyseSoon = () => { clearTimeout(timer); timer = setTimeout(() => get().service?.reanalyseAll(), 100); };

  connection.onDidChangeWatchedFiles((p: DidChangeWatchedFilesParams) => {
    const { project, service } = get();
    if (!project || !service) return;
    const changes = p.changes.filter((c) => c.uri.startsWith('file:')).map((c) => ({ path: uriToPath(c.uri), type: TYPES[c.type] ?? 'changed' }));
    if (applyWatchedChanges(project, changes, (x) => service.isOpenPath(x)) > 0) reanalyseSoon();
  });

  connection.onExecuteCommand((params) => {
    const { project, service } = get();
    if (params.command !== EXPLAIN_ORDERING_COMMAND) return null;
    if (!project || !service) return { ok: false, error: 'the server is still starting' };
    return runExplainOrdering(project, service, params.arguments);
  });
}

/** After a document closes, the index holds its last editor text: read the file from disk again. */
export function reindexClosed(project: Project | undefined, uri: string): void {
  if (project && uri.startsWith('file:')) indexFile(project, uriToPath(uri));
}
