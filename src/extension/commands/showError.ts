// Shows a failed run: input errors name the file, line and column and offer to jump there or to the settings.
import * as vscode from 'vscode';
import { cellCharacter, describeRunError, errorPlace, opensAtLine } from './errorPlace';

export async function showRunError(e: unknown, log: (line: string) => void): Promise<void> {
  const place = errorPlace(e);
  const message = e instanceof Error ? e.message : String(e);
  log(`error: ${message}${e instanceof Error && !place && e.stack ? `\n${e.stack}` : ''}`);
  const text = describeRunError(e, (f) => vscode.workspace.asRelativePath(f));
  const OPEN_FILE = 'Open File at Line';
  const OPEN_SETTINGS = 'Open Settings';
  const canOpen = place?.file !== undefined && opensAtLine(place.file);
  const actions = canOpen ? [OPEN_FILE, OPEN_SETTINGS] : [OPEN_SETTINGS];
  const choice = await vscode.window.showErrorMessage(`LAVA: ${text}`, ...actions);
  if (choice === OPEN_FILE && place?.file) {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(place.file));
    const line = Math.min(doc.lineCount - 1, Math.max(0, (place.line ?? 1) - 1));
    const text = doc.lineAt(line).text;
    // Config (JSON) errors count characters; data file errors count CSV columns.
    const character =
      place.column === undefined
        ? 0
        : /\.json$/i.test(place.file)
          ? place.column - 1
          : cellCharacter(doc.lineAt(0).text, text, place.column);
    const pos = new vscode.Position(line, Math.max(0, Math.min(character, text.length)));
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
  } else if (choice === OPEN_SETTINGS) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'lava.');
  }
}
