// Resolves an extension run's options: defaults < settings < .lava.json < command options, through the same
// resolver as the CLI (shared/params/layers.ts), so both label where each value came from the same way.
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { findConfigFile, resolveWithConfig, type RunParams } from '../engine/io/configFile';
import type { LavaParams } from '../shared/params/types';

/**
 * `settings` is the settings layer already read (settings.ts), so this file stays free of `vscode` and testable.
 * The .lava.json search stops at `workspaceFolder` (the data file's own folder when it is outside any).
 */
export async function resolveRunParams(
  dataFile: string,
  settings: Partial<LavaParams>,
  command: Partial<LavaParams>,
  workspaceFolder: string | null,
): Promise<RunParams> {
  const top = resolve(workspaceFolder ?? dirname(dataFile));
  const rel = relative(top, resolve(dataFile));
  const inside = !rel.startsWith('..') && !isAbsolute(rel);
  const configFile = findConfigFile(dataFile, (dir) => !inside || resolve(dir) === top);
  return resolveWithConfig(dataFile, configFile, { settings, command });
}
