// Finding the .lava.json that applies to a data file, and the data file's path as the config names it.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAME } from '../../shared/params/config';

/** The nearest .lava.json in the data file's folder or any folder above it. */
export function findConfigFile(dataFile: string): string | null {
  let dir = dirname(resolve(dataFile));
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** The data file's path relative to the config file's folder, with "/" separators (how "datasets" keys name it). */
export function pathFromConfig(configFile: string, dataFile: string): string {
  return relative(dirname(resolve(configFile)), resolve(dataFile)).split(sep).join('/');
}
