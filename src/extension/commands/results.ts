// Where results live: the extension's storage (written atomically after a complete run), or beside the data
// when the user saves one; never over the data file itself. Also exports of a view (PNG or SVG).
import { existsSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { resultPathBeside, writeResultAtomic } from '../../engine/io/resultFile';
import type { LavaResult } from '../../shared/result/types';
import { exportBytes, storedResultName } from './resultFiles';
import { parseResult } from '../../shared/result/validate';

/** The folder for results: the workspace's storage, or the global one when no folder is open. */
export function resultsFolder(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'results');
}

export async function storeResult(
  context: vscode.ExtensionContext,
  dataUri: vscode.Uri,
  result: LavaResult,
): Promise<vscode.Uri> {
  const folder = resultsFolder(context);
  await fsp.mkdir(folder.fsPath, { recursive: true });
  const uri = vscode.Uri.joinPath(folder, storedResultName(dataUri.fsPath));
  await writeResultAtomic(uri.fsPath, result);
  return uri;
}

export async function readResult(uri: vscode.Uri): Promise<LavaResult> {
  const bytes = await vscode.workspace.fs.readFile(uri);
  return parseResult(new TextDecoder().decode(bytes), uri.fsPath);
}

/** Saves beside the data, asking before replacing an existing result. Returns the path, or null if the user declined. */
export async function saveBesideData(dataPath: string, result: LavaResult): Promise<string | null> {
  const target = resultPathBeside(dataPath);
  if (target === dataPath) throw new Error('refusing to overwrite the data file');
  if (existsSync(target)) {
    const REPLACE = 'Replace';
    const choice = await vscode.window.showWarningMessage(
      `${vscode.workspace.asRelativePath(target)} already exists. Replace it with this result?`,
      { modal: true },
      REPLACE,
    );
    if (choice !== REPLACE) return null;
  }
  await writeResultAtomic(target, result);
  return target;
}

export async function exportView(
  dataUri: vscode.Uri | null,
  msg: { format: 'png' | 'svg'; view: string; data: string },
): Promise<void> {
  const base = dataUri
    ? dataUri.fsPath.replace(/\.[^./\\]*$/, '')
    : join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '', 'lava');
  const view = msg.view.replace(/[^A-Za-z0-9_-]/g, '_');
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.file(`${base}.${view}.${msg.format}`),
    filters: msg.format === 'png' ? { 'PNG image': ['png'] } : { 'SVG image': ['svg'] },
    title: `Export the ${msg.view} view`,
  });
  if (!target) return;
  if (dataUri && target.toString() === dataUri.toString())
    throw new Error('refusing to overwrite the data file');
  await vscode.workspace.fs.writeFile(target, exportBytes(msg.format, msg.data));
  void vscode.window.showInformationMessage(`LAVA: exported ${vscode.workspace.asRelativePath(target)}`);
}
