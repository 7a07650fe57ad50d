// "Fabric Lens: Open Demo Driver" (used by the walkthrough): a fresh copy of the bundled demo driver to fix.
import * as vscode from 'vscode';

export async function openDemoDriver(context: vscode.ExtensionContext): Promise<void> {
  const source = vscode.Uri.joinPath(context.extensionUri, 'test-fixtures', 'demo', 'demo_nic.c');
  const dir = vscode.Uri.joinPath(context.globalStorageUri, 'demo');
  const target = vscode.Uri.joinPath(dir, 'demo_nic.c');
  await vscode.workspace.fs.createDirectory(dir);
  const exists = await vscode.workspace.fs.stat(target).then(() => true, () => false);
  if (!exists) await vscode.workspace.fs.copy(source, target);
  await vscode.window.showTextDocument(target, { preview: false });
}
