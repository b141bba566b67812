// A selection leaves the explorer: as a CSV through a save dialog (never written anywhere unasked), as line
// numbers on the clipboard, or as the data file opened at one of its rows.
import { rowTitle, rowsAreLines } from '../../shared/result/rowLabels';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../../engine/io/resultFile';
import type { LavaResult } from '../../shared/result/types';
import { openAtLine } from './openAtLine';
import { defaultExportPath } from './resultFiles';
import { workspaceFolderOf } from './results';
import { rowLineList, selectionCsv } from './selectionCsv';

/** Asks where to save, then writes the CSV atomically; refuses the data file itself. Returns the path or null. */
export async function exportSelection(
  dataUri: vscode.Uri | null,
  result: LavaResult,
  rows: number[],
): Promise<string | null> {
  const start = defaultExportPath(dataUri?.fsPath ?? null, workspaceFolderOf(dataUri), 'selection', 'csv');
  const target = await vscode.window.showSaveDialog({
    ...(start ? { defaultUri: vscode.Uri.file(start) } : {}),
    filters: { CSV: ['csv'] },
    title: `Export the ${rows.length} selected rows as CSV`,
  });
  if (!target) return null;
  if (dataUri && target.fsPath === dataUri.fsPath) throw new Error('refusing to overwrite the data file');
  await writeFileAtomic(target.fsPath, selectionCsv(result, rows));
  return target.fsPath;
}

export async function copyRowLines(result: LavaResult, rows: number[]): Promise<void> {
  await vscode.env.clipboard.writeText(rowLineList(result, rows));
  const n = rows.length;
  void vscode.window.showInformationMessage(
    `LAVA: copied the line numbers of ${n} row${n === 1 ? '' : 's'}.`,
  );
}

/** Opens the data file at the row's line, in another editor column than the explorer's (`panelColumn`). */
export async function openRow(
  dataUri: vscode.Uri | null,
  result: LavaResult,
  row: number,
  panelColumn: vscode.ViewColumn | undefined,
): Promise<void> {
  if (!dataUri) throw new Error('the data file of this result is unknown; use Re-run or locate it first');
  if (!rowsAreLines(result)) throw new Error(`${rowTitle(result, row)} is not a line of a text file; the editor cannot open the data file there`);
  await openAtLine(dataUri, result.rowLines[row], undefined, panelColumn ?? vscode.ViewColumn.One);
}
