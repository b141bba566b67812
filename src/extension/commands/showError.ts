// Shows a failed run: input errors name the file, line and column and offer to jump there or to the settings.
import * as vscode from 'vscode';
import { describeRunError, errorPlace, opensAtLine } from './errorPlace';
import { openAtLine } from './openAtLine';

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
    await openAtLine(vscode.Uri.file(place.file), place.line ?? 1, place.column);
  } else if (choice === OPEN_SETTINGS) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'lava.');
  }
}
