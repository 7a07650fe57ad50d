// "Fabric Lens: Select Target Architecture" and the status-bar item that shows the current target and opens it.
import * as vscode from 'vscode';
import { SETTINGS_SCHEMA, TARGET_ARCHES, type TargetArch } from '../src/settings-schema';

export const SELECT_ARCH_COMMAND = 'fabricLens.selectTargetArch';

function current(): TargetArch {
  return vscode.workspace.getConfiguration('fabricLens').get<TargetArch>('targetArch', 'all');
}

export function createArchStatusItem(): vscode.Disposable[] {
  const item = vscode.window.createStatusBarItem('fabricLens.targetArch', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Fabric Lens Target Architecture';
  item.command = SELECT_ARCH_COMMAND;
  const update = () => {
    item.text = `$(circuit-board) ${current()}`;
    item.tooltip = `Fabric Lens: diagnostics for ${current() === 'all' ? 'every modelled architecture' : current()} — click to change`;
    item.accessibilityInformation = { label: `Fabric Lens target architecture: ${current()}. Change it.` };
  };
  update();
  item.show();
  return [item, vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('fabricLens.targetArch')) update(); })];
}

export async function selectTargetArch(): Promise<void> {
  const descriptions = (SETTINGS_SCHEMA['fabricLens.targetArch'].enumDescriptions as string[] | undefined) ?? [];
  const now = current();
  const items = TARGET_ARCHES.map((a, i) => ({ label: a, description: a === now ? '(current)' : '', detail: descriptions[i], arch: a }));
  const pick = await vscode.window.showQuickPick(items, { title: 'Fabric Lens: target architecture', placeHolder: `Diagnostics are computed for: ${now}` });
  if (!pick || pick.arch === now) return;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('fabricLens').update('targetArch', pick.arch, target);
}
