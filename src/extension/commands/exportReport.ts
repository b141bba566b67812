// "LAVA: Export Report...": the shown result (or one picked from disk) as one self-contained HTML file, through a
// save dialog starting at NAME.report.html beside the data in the workspace; never over the result or the data.
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../../engine/io/resultFile';
import { buildReport } from '../../report/writeReport';
import type { ResultText } from '../../shared/result/summary';
import { readResult, workspaceFolderOf } from './results';
import { defaultExportPath } from './resultFiles';

/** A path's real form when it exists (symlinks resolved), else its absolute form. */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** The result to export: the panel's, else one the user picks. Null when the user picks none. */
async function resultToExport(
  shown: { result: ResultText | null; resultUri: vscode.Uri | null } | undefined,
): Promise<{ result: ResultText; resultUri: vscode.Uri | null } | null> {
  if (shown?.result) return { result: shown.result, resultUri: shown.resultUri };
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { 'LAVA result': ['json'] },
    title: 'LAVA: the result to export as a report',
  });
  return picked?.[0] ? { result: await readResult(picked[0]), resultUri: picked[0] } : null;
}

/** Asks where, then writes the report atomically; returns its path, or null if the user declined. */
export async function exportReport(
  shown: { result: ResultText | null; resultUri: vscode.Uri | null } | undefined,
): Promise<string | null> {
  const chosen = await resultToExport(shown);
  if (!chosen) return null;
  const { result, resultUri } = chosen;
  const dataPath = result.summary.source.file || null;
  const dataUri = dataPath ? vscode.Uri.file(dataPath) : null;
  const start = defaultExportPath(dataPath, workspaceFolderOf(dataUri ?? resultUri), 'report', 'html');
  // The save dialog itself asks before replacing an existing file.
  const target = await vscode.window.showSaveDialog({
    ...(start ? { defaultUri: vscode.Uri.file(start) } : {}),
    filters: { 'HTML report': ['html'] },
    title: 'LAVA: Export Report',
  });
  if (!target) return null;
  const inputs = [dataPath, resultUri?.fsPath].filter((p): p is string => !!p).map(real);
  if (inputs.includes(real(target.fsPath)))
    throw new Error(`refusing to write the report over ${target.fsPath}: it is the result or its data file`);
  const { html } = buildReport(result.text, resultUri?.fsPath ?? 'the shown result', target.fsPath, {
    absolute: { source: result.summary.source, params: result.summary.params },
  });
  await writeFileAtomic(target.fsPath, html);
  void vscode.window.showInformationMessage(
    `LAVA: wrote ${vscode.workspace.asRelativePath(target)} (${(Buffer.byteLength(html) / 1e6).toFixed(2)} MB), a page that opens offline in a browser`,
  );
  return target.fsPath;
}
