// Resolves a run's options from its layers: defaults < settings < .lava.json < command options,
// and remembers where each value came from so the panel and the result can say which applied.
import { promises as fsp } from 'node:fs';
import { CONFIG_FILE_NAME, configParamsFor, parseConfig } from '../shared/params/config';
import { findConfigFile, pathFromConfig } from '../engine/io/configFile';
import { mergeParams } from '../shared/params/layers';
import type { LavaParams } from '../shared/params/types';

export const COMMAND_SOURCE = 'command';

export interface ResolvedParams {
  params: LavaParams;
  sources: Record<keyof LavaParams, string>;
  /** The config file that applied, if any. */
  configFile: string | null;
}

/**
 * `settings` is the settings layer already read (settings.ts), so this file stays free of `vscode` and testable.
 * The config layer's source is ".lava.json": there is at most one config file per run, named in the log.
 */
export async function resolveParams(
  dataFile: string,
  settings: Partial<LavaParams>,
  command: Partial<LavaParams>,
): Promise<ResolvedParams> {
  const configFile = findConfigFile(dataFile);
  const layers: { source: string; params: Partial<LavaParams> }[] = [
    { source: 'settings', params: settings },
  ];
  if (configFile) {
    const config = parseConfig(await fsp.readFile(configFile, 'utf8'), configFile);
    layers.push({ source: CONFIG_FILE_NAME, params: configParamsFor(config, pathFromConfig(configFile, dataFile)) });
  }
  layers.push({ source: COMMAND_SOURCE, params: command });
  const { params, sources } = mergeParams(layers);
  return { params, sources, configFile };
}
