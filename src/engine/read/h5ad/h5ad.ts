// Reader of AnnData .h5ad files (anndata 0.8+): obs as columns, obsm as embedding candidates, and X, a
// layer or raw/X as a feature matrix named by var's index or a var column.
import type { Dataset as H5Dataset } from 'h5wasm/node';
import type { Dataset, DatasetColumn, EmbeddingCandidate } from '../dataset';
import { stampFile, type FileStamp } from '../fileErrors';
import { DEFAULT_CHUNK_ELEMENTS } from '../matrixPass';
import type { ReadDatasetOptions } from '../options';
import { H5AD_FILE, asNumbers, isNumericDataset, valueOf, withH5, type H5Handle } from './h5file';
import { oldFormat, readFrame, type Frame } from './h5adFrame';
import { h5adMatrix } from './h5adMatrix';
import { LavaInputError } from '../../../shared/errors';

export async function readH5ad(path: string, opts: ReadDatasetOptions = {}): Promise<Dataset> {
  const stamp = await stampFile(path, H5AD_FILE);
  return withH5(path, null, (h) => {
    for (const key of ['obs', 'var']) {
      if (h.file.get(key) === null) {
        throw new LavaInputError(
          `has no ${key} group, so it is not an AnnData file`,
          { file: path },
          `An .h5ad file is written by anndata (adata.write_h5ad); this HDF5 file holds: ${h.file.keys().join(', ') || '(nothing)'}.`,
        );
      }
    }
    const obs = readFrame(h, 'obs');
    const layers = groupKeys(h, 'layers');
    const hasRaw = h.file.get('raw/X') !== null;
    const layerChoices = [
      ...(h.file.get('X') !== null ? ['X'] : []),
      ...layers,
      ...(hasRaw ? ['raw/X'] : []),
    ];
    const matrixPath = chooseMatrix(path, opts.layer, layers, hasRaw, layerChoices);
    const varFrame = readFrame(h, matrixPath === 'raw/X' ? 'raw/var' : 'var');
    const names = featureNames(path, varFrame, opts.varNames, matrixPath === 'raw/X' ? 'raw/var' : 'var');
    const chunkElements = opts.chunkElements ?? DEFAULT_CHUNK_ELEMENTS;
    const matrix = h5adMatrix(h, { path: matrixPath, names, stamp, chunkElements }, obs.index.length);
    const embeddings = obsmCandidates(h, stamp, obs.index.length);
    const notes = [...obs.skipped.map((s) => `left out ${s}`), ...embeddings.notes];
    return {
      file: path,
      format: 'h5ad',
      rowCount: obs.index.length,
      rowNames: { kind: 'name', names: obs.index },
      columns: obs.columns,
      embeddings: embeddings.list,
      matrix,
      choices: {
        layer: layerChoices,
        obsm: embeddings.list.map((e) => e.key),
        varNames: nameColumns(varFrame),
      },
      notes,
    } satisfies Dataset;
  });
}

function groupKeys(h: H5Handle, path: string): string[] {
  const g = h.file.get(path);
  return g instanceof h.mod.Group ? g.keys() : [];
}

/** "X" unless the layer option names a layer or raw/X. */
function chooseMatrix(
  file: string,
  layer: string | undefined,
  layers: string[],
  hasRaw: boolean,
  choices: string[],
): string {
  const want = layer ?? 'X';
  if (want === 'X' && choices.includes('X')) return 'X';
  if ((want === 'raw/X' || want === 'raw') && hasRaw) return 'raw/X';
  if (layers.includes(want)) return `layers/${want}`;
  throw new LavaInputError(
    layer === undefined ? 'has no X matrix' : `has no layer "${layer}"`,
    { file, option: 'layer' },
    `Name the matrix of features with {option:layer}; this file has: ${choices.join(', ') || '(none)'}.`,
  );
}

/** var's index (gene symbols as a rule), or the text column named by the varNames option. */
function featureNames(file: string, frame: Frame, varNames: string | undefined, where: string): string[] {
  if (varNames === undefined) return frame.index;
  const col = frame.columns.find((c) => c.name === varNames);
  const usable = nameColumns(frame);
  if (col === undefined || col.kind === 'numeric') {
    throw new LavaInputError(
      col === undefined
        ? `${where} has no column "${varNames}"`
        : `${where} column "${varNames}" holds numbers, not names`,
      { file, option: 'varNames' },
      `Name a text column of ${where} with {option:varNames}; they are: ${usable.join(', ') || '(none)'}; or leave it out to use ${where}'s index.`,
    );
  }
  if (col.kind === 'text') return col.values;
  return Array.from(col.codes, (c) => (c < 0 ? '' : col.categories[c]));
}

/** Columns that can name features: text and categoricals, not numbers or booleans. */
function nameColumns(frame: Frame): string[] {
  const isBool = (c: DatasetColumn): boolean =>
    c.kind === 'categorical' && c.categories.join() === 'false,true';
  return frame.columns.filter((c) => c.kind !== 'numeric' && !isBool(c)).map((c) => c.name);
}

/** Dense numeric obsm entries with one row per cell; the rest are noted. */
function obsmCandidates(
  h: H5Handle,
  stamp: FileStamp,
  rows: number,
): { list: EmbeddingCandidate[]; notes: string[] } {
  const list: EmbeddingCandidate[] = [];
  const notes: string[] = [];
  const g = h.file.get('obsm');
  if (g === null) return { list, notes };
  if (!(g instanceof h.mod.Group)) throw oldFormat(h.path, 'obsm');
  for (const key of g.keys()) {
    const d = (g).get(key);
    const shape = d instanceof h.mod.Dataset ? (d.shape ?? []) : [];
    if (!(d instanceof h.mod.Dataset) || shape.length !== 2 || shape[0] !== rows || !isNumericDataset(d)) {
      notes.push(`obsm/${key} is not a dense numeric cells x d array: not offered as an embedding`);
      continue;
    }
    const path = h.path;
    list.push({
      key,
      rows,
      dims: shape[1],
      read: () =>
        withH5(path, stamp, (p) =>
          Float64Array.from(asNumbers(valueOf(path, p.file.get(`obsm/${key}`) as H5Dataset))),
        ),
    });
  }
  return { list, notes };
}
