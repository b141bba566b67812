// Where results live: the extension's storage (written atomically after a complete run), or beside the data
// when the user saves one; never over the data file itself. Also exports of a view (PNG or SVG).
import { existsSync, promises as fsp } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { relocateResultText, resultPathBeside, writeFileAtomic } from '../../engine/io/resultFile';
import type { ResultText } from '../../shared/result/summary';
import { defaultExportPath, exportBytes, isInside, storedResultName } from './resultFiles';
import { storedResultText } from './storedResult';

/** The folder for results: the workspace's storage, or the global one when no folder is open. */
export function resultsFolder(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'results');
}

/** Where the result of a run on `dataUri` is stored (its folder made): the engine encodes the result for this path. */
export async function storedResultUri(
  context: vscode.ExtensionContext,
  dataUri: vscode.Uri,
): Promise<vscode.Uri> {
  const folder = resultsFolder(context);
  await fsp.mkdir(folder.fsPath, { recursive: true });
  return vscode.Uri.joinPath(folder, storedResultName(dataUri.fsPath));
}

/** A result file, checked (shape, arrays, every option's range), its data and config paths resolved from its folder. */
export async function readResult(uri: vscode.Uri): Promise<ResultText> {
  const bytes = await vscode.workspace.fs.readFile(uri);
  return storedResultText(new TextDecoder().decode(bytes), uri.fsPath);
}

/** The workspace folder holding `uri`, else the first one open, else null. */
export function workspaceFolderOf(uri: vscode.Uri | null): string | null {
  const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.fsPath ?? null;
}

/**
 * Saves beside the data, asking before replacing an existing result. Data outside the workspace gets a save
 * dialog instead (nothing is written outside the workspace unasked). Returns the path, or null if the user declined.
 */
export async function saveBesideData(
  dataPath: string,
  result: ResultText,
  workspaceFolder: string | null,
): Promise<string | null> {
  let target = resultPathBeside(dataPath);
  if (!workspaceFolder || !isInside(workspaceFolder, dataPath)) {
    const chosen = await vscode.window.showSaveDialog({
      ...(workspaceFolder ? { defaultUri: vscode.Uri.file(join(workspaceFolder, basename(target))) } : {}),
      filters: { 'LAVA result': ['json'] },
      title: 'Save the LAVA result',
    });
    if (!chosen) return null;
    target = chosen.fsPath;
  } else if (existsSync(target)) {
    const REPLACE = 'Replace';
    const choice = await vscode.window.showWarningMessage(
      `${vscode.workspace.asRelativePath(target)} already exists. Replace it with this result?`,
      { modal: true },
      REPLACE,
    );
    if (choice !== REPLACE) return null;
  }
  if (resolve(target) === resolve(dataPath)) throw new Error('refusing to overwrite the data file');
  await writeFileAtomic(target, relocateResultText(result.text, result.summary.source, result.summary.params, target));
  return target;
}

export async function exportView(
  dataUri: vscode.Uri | null,
  msg: { format: 'png' | 'svg'; view: string; data: string },
): Promise<void> {
  const start = defaultExportPath(dataUri?.fsPath ?? null, workspaceFolderOf(dataUri), msg.view, msg.format);
  const target = await vscode.window.showSaveDialog({
    ...(start ? { defaultUri: vscode.Uri.file(start) } : {}),
    filters: msg.format === 'png' ? { 'PNG image': ['png'] } : { 'SVG image': ['svg'] },
    title: `Export the ${msg.view} view`,
  });
  if (!target) return;
  if (dataUri && target.toString() === dataUri.toString())
    throw new Error('refusing to overwrite the data file');
  await vscode.workspace.fs.writeFile(target, exportBytes(msg.format, msg.data));
  void vscode.window.showInformationMessage(`LAVA: exported ${vscode.workspace.asRelativePath(target)}`);
}
