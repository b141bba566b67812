// Which files the extension offers and reads: the data formats it explains, and the files beside the data that
// options name (pure: unit-tested without VS Code).
import { isInside } from './resultFiles';
import type { ParamSource } from '../../shared/params/layers';
import { PATH_PARAMS, type LavaParams } from '../../shared/params/types';

/** Extensions of the data files LAVA explains (engine/read/readDataset.ts reads each), lower case, no dot. */
export const DATA_EXTENSIONS = ['csv', 'tsv', 'h5ad', 'parquet', 'arrow', 'feather', 'npy', 'npz'] as const;

/** A workspace glob for every data file, in either case of its extension. */
export const DATA_GLOB = `**/*.{${DATA_EXTENSIONS.flatMap((e) => [e, e.toUpperCase()]).join(',')}}`;

/** Whether a path names a data file LAVA explains. */
export function isDataFile(path: string): boolean {
  const dot = path.lastIndexOf('.');
  return dot >= 0 && (DATA_EXTENSIONS as readonly string[]).includes(path.slice(dot + 1).toLowerCase());
}

/** The files a run's options name beside the data (embedding, metadata). */
export function pathOptions(params: Partial<LavaParams>): string[] {
  return PATH_PARAMS.map((k) => params[k]).filter((p): p is string => p !== undefined);
}

/**
 * Files named by options the user did not pick for this run (a .lava.json's) that lie outside every workspace
 * folder: those need the user's yes before they are read.
 */
export function unchosenOutside(
  params: Partial<LavaParams>,
  sources: Partial<Record<keyof LavaParams, ParamSource>>,
  folders: string[],
): string[] {
  return PATH_PARAMS.filter((k) => params[k] !== undefined && sources[k] !== 'command')
    .map((k) => params[k] as string)
    .filter((p) => !folders.some((f) => isInside(f, p)));
}
