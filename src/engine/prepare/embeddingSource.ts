// Where the map to explain comes from: the data's columns, an array of the data file (h5ad obsm, npz, a list
// column), a file beside it, or UMAP. One way at a time; each named way is checked here.
import { basename, extname } from 'node:path';
import { isMetadataName } from './columnRoles';
import { recogniseEmbedding } from './embeddingColumns';
import { listNames } from './names';
import type { Dataset, EmbeddingCandidate } from '../read/dataset';
import { chooseEmbedding } from '../read/embeddingChoice';
import type { Inputs } from '../read/readInputs';
import type { NumericColumn } from '../types';
import { LavaInputError } from '../../shared/errors';
import type { LavaParams } from '../../shared/params/types';

/** An embedding that is not columns of the data: rowCount x dims values, row-major. */
export interface EmbeddingArray {
  kind: 'array';
  /** For notes: e.g. `obsm "X_umap" of cells.h5ad`, `umap.npy`. */
  from: string;
  /** One name per dimension, for the result: X_umap_1, X_umap_2; or the embedding file's columns. */
  columns: string[];
  dims: number;
  values: Float64Array;
}

export type EmbeddingSource = { kind: 'columns' } | { kind: 'umap' } | EmbeddingArray;

export async function embeddingSource(inputs: Inputs, params: LavaParams): Promise<EmbeddingSource> {
  const { data } = inputs;
  checkOneWay(data.file, params);
  if (params.umap) return { kind: 'umap' };
  if (params.embedding.length > 0) return { kind: 'columns' };
  if (inputs.embeddingFile) return fromFile(inputs.embeddingFile);
  // A named key is found or refused (listing the keys there are), never null.
  if (params.obsm !== undefined)
    return fromCandidate(data, chooseEmbedding(data, params.obsm) as EmbeddingCandidate);
  // A table's recognised columns come first; a matrix's own embeddings (obsm) do.
  const recognised = recogniseEmbedding(numericNames(data)) !== null;
  if (recognised && data.matrix === null) return { kind: 'columns' };
  const candidate = chooseEmbedding(data, undefined);
  if (candidate !== null) return fromCandidate(data, candidate);
  if (data.matrix !== null && !recognised) {
    throw new LavaInputError(
      'has no embedding',
      { file: data.file, option: 'embeddingFile' },
      'Give the embedding in a .npy or CSV file with {option:embeddingFile}, or compute one with {option:umap}.',
    );
  }
  return { kind: 'columns' };
}

/** The map is named one way at most: columns, an obsm key, a file, or UMAP. */
function checkOneWay(file: string, params: LavaParams): void {
  const named = (
    [
      ['embedding', params.embedding.length > 0],
      ['obsm', params.obsm !== undefined],
      ['embeddingFile', params.embeddingFile !== undefined],
    ] as const
  )
    .filter(([, given]) => given)
    .map(([key]) => key);
  if (named.length > 1) {
    throw new LavaInputError(
      `the embedding is named twice, by {option:${named[0]}} and {option:${named[1]}}`,
      { file, option: named[1] },
      `Keep one of {option:${named[0]}} and {option:${named[1]}}.`,
    );
  }
  // Named columns with umap are kept as metadata (columnRoles); an array or a file would be read for nothing.
  if (params.umap && (named[0] === 'obsm' || named[0] === 'embeddingFile')) {
    throw new LavaInputError(
      `{option:umap} computes the embedding, and {option:${named[0]}} names one`,
      { file, option: named[0] },
      `Leave out {option:umap} to explain the embedding named, or {option:${named[0]}} to compute one.`,
    );
  }
}

function numericNames(ds: Dataset): string[] {
  return ds.columns.filter((c) => c.kind === 'numeric').map((c) => c.name);
}

async function fromCandidate(ds: Dataset, c: EmbeddingCandidate): Promise<EmbeddingArray> {
  const columns = Array.from({ length: c.dims }, (_, k) => `${c.key}_${k + 1}`);
  const from = `${ds.format === 'h5ad' ? 'obsm ' : ''}"${c.key}" of ${basename(ds.file)}`;
  return { kind: 'array', from, columns, dims: c.dims, values: await c.read() };
}

/** The embedding file's map: its array, its one embedding, or its columns (recognised, else all numeric ones). */
async function fromFile(ds: Dataset): Promise<EmbeddingArray> {
  const from = basename(ds.file);
  const stem = basename(ds.file, extname(ds.file));
  if (ds.matrix !== null) {
    const { cols } = ds.matrix;
    const all = Array.from({ length: cols }, (_, k) => k);
    const columns = all.map((k) => `${stem}_${k + 1}`);
    return checkDims(ds, { kind: 'array', from, columns, dims: cols, values: await ds.matrix.block(all) });
  }
  const candidate = chooseEmbedding(ds, undefined);
  if (candidate !== null) return { ...(await fromCandidate(ds, candidate)), from };
  const numeric = ds.columns.filter((c): c is NumericColumn => c.kind === 'numeric');
  const named = recogniseEmbedding(numeric.map((c) => c.name));
  const chosen = named
    ? named.map((n) => numeric.find((c) => c.name === n) as NumericColumn)
    : numeric.filter((c) => !isMetadataName(c.name));
  const dims = chosen.length;
  const values = new Float64Array(ds.rowCount * dims);
  chosen.forEach((c, k) => c.values.forEach((v, r) => (values[r * dims + k] = v)));
  const columns = chosen.map((c) => c.name);
  return checkDims(
    ds,
    { kind: 'array', from, columns, dims, values },
    listNames(ds.columns.map((c) => c.name)),
  );
}

function checkDims(ds: Dataset, e: EmbeddingArray, columnList?: string): EmbeddingArray {
  if (e.dims >= 2) return e;
  const what = columnList !== undefined ? `numeric columns (it has ${columnList})` : 'columns';
  throw new LavaInputError(
    `holds ${e.dims} embedding ${e.dims === 1 ? 'dimension' : 'dimensions'}, not 2 or more ${what}`,
    { file: ds.file, option: 'embeddingFile' },
    'Give {option:embeddingFile} a file with one row per data row and a column per dimension (e.g. umap_1, umap_2).',
  );
}
