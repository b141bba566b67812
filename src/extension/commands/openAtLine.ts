// Opens a file in an editor with the cursor on a line (and, for a data file, at a CSV column): the one path for
// "Open File at Line" of an input error and for a row picked in the explorer.
import * as vscode from 'vscode';
import { cellCharacter } from './errorPlace';

/**
 * `line` and `column` are 1-based; a column counts characters in JSON files and CSV cells in data files. With
 * `besides`, the editor opens in another column than that one (the explorer's panel stays in view).
 */
export async function openAtLine(
  file: vscode.Uri,
  line: number,
  column?: number,
  besides?: vscode.ViewColumn,
): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(file);
  const at = Math.min(doc.lineCount - 1, Math.max(0, line - 1));
  const text = doc.lineAt(at).text;
  const character =
    column === undefined
      ? 0
      : /\.json$/i.test(file.path)
        ? column - 1
        : cellCharacter(doc.lineAt(0).text, text, column);
  const pos = new vscode.Position(at, Math.max(0, Math.min(character, text.length)));
  const viewColumn =
    besides === undefined
      ? undefined
      : besides === vscode.ViewColumn.One
        ? vscode.ViewColumn.Two
        : vscode.ViewColumn.One;
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos), viewColumn });
}
