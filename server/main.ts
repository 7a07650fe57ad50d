// The Fabric Lens language server (stdio or node-ipc): wires LSP requests to the document service, hovers and code actions.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Project } from '../src/engine/project';
import { DocumentService } from './document-service';
import { hoverAt } from './hover-provider';
import { toCodeActions } from './lsp-convert';
import { uriToPath } from './paths';
import { DEFAULT_SETTINGS, readSettings } from './settings';
import { readProjectConfig, withProjectConfig } from './project-config';
import { loadFabricOptions } from './fabric-options';
import { createIndexer, docsBaseFor, indexWorkspace, registerEditorFeatures, reindexClosed, SERVER_COMMANDS } from './editor-features';
import type { WorkspaceIndexer } from './workspace-index';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let service: DocumentService | undefined;
let project: Project | undefined;
let indexer: WorkspaceIndexer | undefined;
let roots: string[] = [];
let pullConfig = false;
let progressSupported = false;

process.on('uncaughtException', (e) => connection.console.error(`fabric-lens: uncaught: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`fabric-lens: unhandled: ${String(e)}`));

connection.onInitialize(async (params: InitializeParams) => {
  project = await Project.create(__dirname);
  const init = (params.initializationOptions ?? {}) as Record<string, unknown>;
  service = new DocumentService(project, {
    publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
    log: (m) => connection.console.error(m),
  }, readSettings(init.settings ?? init), typeof init.debounceMs === 'number' ? init.debounceMs : 150);
  service.docsBase = docsBaseFor(init, __dirname);
  roots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
  const budgetMB = init.indexBudgetMB;
  indexer = createIndexer(connection, project, service, roots, typeof budgetMB === 'number' && budgetMB >= 0 ? budgetMB * (1 << 20) : undefined);
  const initial = withProjectConfig(service.currentSettings(), readProjectConfig(roots, (m) => connection.console.error(m)));
  service.configure(initial, loadFabricOptions(initial, roots, (m) => connection.console.error(m)));
  progressSupported = params.capabilities.window?.workDoneProgress === true;
  pullConfig = params.capabilities.workspace?.configuration === true;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Full,
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      executeCommandProvider: { commands: SERVER_COMMANDS },
    },
    serverInfo: { name: 'fabric-lens', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  await refreshSettings();
  if (indexer && service) await indexWorkspace(connection, indexer, roots, progressSupported);
});

async function refreshSettings(raw?: unknown): Promise<void> {
  if (!service) return;
  const settings = pullConfig ? await connection.workspace.getConfiguration('fabricLens').catch(() => raw) : raw;
  const config = readProjectConfig(roots, (m) => connection.console.error(m));
  if (settings === undefined && !config) return;
  const merged = withProjectConfig(readSettings(settings ?? service.currentSettings()), config);
  service.configure(merged, loadFabricOptions(merged, roots, (m) => connection.console.error(m)));
}

connection.onDidChangeConfiguration((change) => {
  const raw = (change.settings as Record<string, unknown> | undefined)?.fabricLens;
  void refreshSettings(raw);
});

documents.onDidOpen((e) => {
  service?.opened(e.document);
  if (indexer && roots.length > 0) void indexer.run(); // its neighbourhood first
});
documents.onDidChangeContent((e) => { if (service?.documentText(e.document.uri)) service.changed(e.document); });
documents.onDidClose((e) => { service?.closed(e.document.uri); reindexClosed(indexer, e.document.uri); });

connection.onHover((params) => (project && service ? hoverAt(project, service, params) : null));
connection.onCodeAction((params) => toCodeActions(params.context.diagnostics));
registerEditorFeatures(connection, () => ({ project, service, indexer }));

documents.listen(connection);
connection.listen();
