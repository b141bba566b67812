// Reads the `lava.*` VS Code settings into engine options: only values the user actually set,
// validated through the same specs as the CLI and the config file, so "default" stays visible as a source.
import * as vscode from 'vscode';
import { paramsFromSettings, SETTINGS_SECTION } from './settingsLayer';
import type { LavaParams } from '../shared/params/types';

export { paramsFromSettings, SETTINGS_SECTION };

/** The settings layer for a data file (folder-specific settings apply). */
export function readSettings(scope?: vscode.Uri): Partial<LavaParams> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  return paramsFromSettings((name) => config.inspect(name));
}
