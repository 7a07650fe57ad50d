// The VS Code extension: starts the bundled language server for C files and forwards fabricLens.* settings.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

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
  client = new LanguageClient('fabricLens', 'Fabric Lens', serverOptions, clientOptions);
  context.subscriptions.push(output);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
