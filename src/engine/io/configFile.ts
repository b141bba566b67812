// Finding and reading the .lava.json that applies to a data file (the node side; parsing is in shared/params).
import { existsSync, promises as fsp, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAME, configParamsFor, parseConfig } from '../../shared/params/config';
import { LavaInputError } from '../../shared/errors';
import { PATH_PARAMS, type LavaParams } from '../../shared/params/types';
import { resolveParams, type ParamLayers, type ResolvedParams } from '../../shared/params/layers';

/** The config layer of a run: the options the file gives this data file, and which file it was. */
export interface ConfigLayer {
  file: string;
  params: Partial<LavaParams>;
}

/**
 * The nearest .lava.json in the data file's folder or a folder above it, up to and including the first
 * folder for which `isTop` holds (never past the file system's root).
 */
export function findConfigFile(
  dataFile: string,
  isTop: (dir: string) => boolean = () => false,
): string | null {
  let dir = dirname(resolve(dataFile));
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    const up = dirname(dir);
    if (up === dir || isTop(dir)) return null;
    dir = up;
  }
}

/** The CLI's search boundary: a project's root (a folder holding .git) or the user's home folder. */
export function projectOrHomeTop(dir: string): boolean {
  return existsSync(join(dir, '.git')) || resolve(dir) === resolve(homedir());
}

/** The data file's path relative to the config file's folder, with "/" separators (how "datasets" keys name it). */
export function pathFromConfig(configFile: string, dataFile: string): string {
  return relative(dirname(resolve(configFile)), resolve(dataFile))
    .split(sep)
    .join('/');
}

/** Reads and validates `configFile` and picks the options it gives `dataFile`. */
export async function readConfigLayer(configFile: string, dataFile: string): Promise<ConfigLayer> {
  let text: string;
  try {
    text = await fsp.readFile(configFile, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new LavaInputError(
      `cannot read the config file (${code})`,
      { file: configFile },
      'Check that the config file exists and is readable.',
    );
  }
  const params = configParamsFor(parseConfig(text, configFile), pathFromConfig(configFile, dataFile));
  return { file: configFile, params: resolvePaths(params, dirname(resolve(configFile))) };
}

/** Relative file options made absolute from `folder` (the config file's, or the current one on a command line). */
export function resolvePaths(params: Partial<LavaParams>, folder: string): Partial<LavaParams> {
  const out = { ...params };
  for (const key of PATH_PARAMS) {
    const p = out[key];
    if (p !== undefined) out[key] = resolve(folder, p);
  }
  return out;
}

export interface RunParams extends ResolvedParams {
  /** The config file that gave options, if any. */
  configFile: string | null;
}

/** A run's options: `layers` with the options `configFile` (if any) gives `dataFile`, over the defaults. */
export async function resolveWithConfig(
  dataFile: string,
  configFile: string | null,
  layers: Omit<ParamLayers, 'config'>,
): Promise<RunParams> {
  const config = configFile ? await readConfigLayer(configFile, dataFile) : null;
  return { ...resolveParams({ ...layers, ...(config ? { config: config.params } : {}) }), configFile };
}
