// Which reader a data file needs, by its extension: light enough for the extension host, which only asks.
import { extname } from 'node:path';
import type { DatasetFormat } from './dataset';

export const BY_EXTENSION: Record<string, DatasetFormat> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.h5ad': 'h5ad',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.arrow': 'arrow',
  '.feather': 'arrow',
  '.ipc': 'arrow',
  '.arrows': 'arrow',
  '.npy': 'npy',
  '.npz': 'npz',
};

/** The format a path names, or null when its extension is none of ours. */
export function formatOf(path: string): DatasetFormat | null {
  return BY_EXTENSION[extname(path).toLowerCase()] ?? null;
}
