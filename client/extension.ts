// The VS Code extension: starts the bundled language server for C files, forwards fabricLens.* settings, and registers
// the commands (each handler is a one-line delegation to its feature module), the status-bar item and the webviews.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { createArchStatusItem, selectTargetArch, SELECT_ARCH_COMMAND } from './arch-status';
import { openDemoDriver } from './demo';
import { explainOrderingOfSelection } from './explain-ordering';
import { captureTopology, importLspciOutput, showTopology, simulateP2P } from './p2p-commands';
import { registerPanelSerializers } from './webviews/panels';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const output = vscode.window.createOutputChannel('Fabric Lens', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'c' }, { scheme: 'untitled', language: 'c' }, { scheme: 'file', language: 'cpp', pattern: '**/*.h' }],
    synchronize: { configurationSection: 'fabricLens', fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{c,h}') },
    initializationOptions: { settings: vscode.workspace.getConfiguration('fabricLens') },
    outputChannel: output,
  };
  const lc = new LanguageClient('fabricLens', 'Fabric Lens', serverOptions, clientOptions);
  client = lc;
  const commands: Record<string, () => unknown> = {
    'fabricLens.simulateP2P': () => simulateP2P(),
    'fabricLens.showTopology': () => showTopology(),
    'fabricLens.importLspci': () => importLspciOutput(),
    'fabricLens.captureTopology': () => captureTopology(),
    'fabricLens.explainOrdering': () => explainOrderingOfSelection(lc),
    [SELECT_ARCH_COMMAND]: () => selectTargetArch(),
    'fabricLens.openDemo': () => openDemoDriver(context),
  };
  context.subscriptions.push(
    output,
    ...Object.entries(commands).map(([id, run]) => vscode.commands.registerCommand(id, run)),
    ...createArchStatusItem(),
    ...registerPanelSerializers(),
  );
  await lc.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
