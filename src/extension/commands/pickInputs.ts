// The quick picks of the commands through VS Code: which data file, and the prompter the option steps
// (./optionSteps.ts) ask through.
import * as vscode from 'vscode';
import { DATA_EXTENSIONS, DATA_GLOB, isDataFile } from './dataFiles';
import type { PickItem, Prompter } from './optionSteps';

const DATA_FILTER = { 'Data (CSV, TSV, h5ad, Parquet, Arrow, NumPy)': [...DATA_EXTENSIONS] };

/** A data file from a quick pick of the workspace's (the active editor's first), or the open dialog when there is none. */
export async function pickDataFile(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const activeData = active && isDataFile(active.path) ? active : undefined;
  const found = await vscode.workspace.findFiles(DATA_GLOB, '**/node_modules/**', 500);
  const others = found
    .filter((u) => u.toString() !== activeData?.toString())
    .sort((a, b) => a.path.localeCompare(b.path));
  const files = activeData ? [activeData, ...others] : others;
  if (files.length > 0) {
    const items: (vscode.QuickPickItem & { uri?: vscode.Uri })[] = files.map((uri) => ({
      label: vscode.workspace.asRelativePath(uri),
      description: uri === activeData ? 'active editor' : undefined,
      uri,
    }));
    items.push({ label: 'Browse...', description: 'a file outside the workspace' });
    const pick = await vscode.window.showQuickPick(items, {
      title: 'LAVA: Explain which data set?',
      placeHolder: 'A CSV, TSV, .h5ad, Parquet, Arrow/Feather, .npy or .npz file',
      ignoreFocusOut: true,
    });
    if (!pick) return undefined;
    if (pick.uri) return pick.uri;
  }
  const chosen = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: DATA_FILTER,
    title: 'LAVA: Explain which data set?',
  });
  return chosen?.[0];
}

/** The open dialog's filter for a data file (also where a result's data file is looked for). */
export const dataFileFilter = (): Record<string, string[]> => DATA_FILTER;

/**
 * VS Code's quick picks, input boxes and open dialog. Every step ignores focus loss: a wizard that vanishes when
 * the user glances at the data or the panel is worse.
 */
export const vscodePrompter: Prompter = {
  pick: (items, title) => vscode.window.showQuickPick(items, { title, ignoreFocusOut: true }),
  pickMany: (items, title, placeHolder) =>
    vscode.window.showQuickPick<PickItem>(items, {
      title,
      placeHolder,
      canPickMany: true,
      ignoreFocusOut: true,
    }),
  input: (title, value, validate) =>
    vscode.window.showInputBox({ title, value, ignoreFocusOut: true, validateInput: validate }),
  openFile: async (title, filters) => {
    const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, filters, title });
    return chosen?.[0]?.fsPath;
  },
};
