// "Fabric Lens: Explain Ordering of Selection": asks the server (workspace/executeCommand, so any LSP client can) and
// shows the answer in a webview.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import type { ExplainResult } from '../src/engine/explain-ordering';
import { showOrderingPanel } from './webviews/panels';

export const SERVER_EXPLAIN_COMMAND = 'fabric-lens.explainOrdering';

export async function explainOrderingOfSelection(client: LanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) { void vscode.window.showInformationMessage('Fabric Lens: open a C file and select the statements to explain.'); return; }
  const uri = client.code2ProtocolConverter.asUri(editor.document.uri);
  const range = client.code2ProtocolConverter.asRange(editor.selection);
  const r = await client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_EXPLAIN_COMMAND, arguments: [{ uri, range }] }) as ExplainResult | null;
  if (!r || !r.ok) { void vscode.window.showWarningMessage(`Fabric Lens: ${r ? r.error : 'no answer from the server'}`); return; }
  const ex = r.explanation;
  showOrderingPanel({ title: `Ordering: ${ex.function}() ${path.basename(ex.file)}:${ex.range.start.line + 1}-${ex.range.end.line + 1}`, explanation: ex, active: 0 });
}
