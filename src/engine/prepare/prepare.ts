// Step "prepare": the data's columns in their roles, the embedding from wherever it is, incomplete rows and flat
// features dropped, X and Z gathered. Features are a table's columns, or a matrix's read in passes (matrixFeatures).
import { keepCompleteRows, type CheckedValues, type RowChoice } from './badRows';
import { columnRoles, type ColumnRoles, type EmbeddingElsewhere } from './columnRoles';
import { embeddingSource, type EmbeddingArray } from './embeddingSource';
import { checkEmptyColumns } from './emptyColumns';
import { selectFeatures } from './featureSelection';
import { matrixFeatures, type MatrixPassHooks } from './matrixFeatures';
import { metadataColumns } from './metadata';
import type { RowNames } from '../read/dataset';
import type { Inputs } from '../read/readInputs';
import type { NumericColumn, Prepared } from '../types';
import type { DroppedFeature } from '../../shared/result/types';
import type { LavaParams } from '../../shared/params/types';
import { sharedArray } from '../parallel/shared';

/** The kept rows and features: from the roles' columns (a table) or from the data's matrix. */
interface Chosen extends RowChoice {
  X: Float64Array;
  features: string[];
  droppedFeatures: DroppedFeature[];
}

export async function prepare(
  inputs: Inputs,
  params: LavaParams,
  hooks: MatrixPassHooks = {},
): Promise<Prepared> {
  const { data } = inputs;
  const notes: string[] = [];
  checkEmptyColumns(data, params, notes);
  const source = await embeddingSource(inputs, params);
  const array = source.kind === 'array' ? source : null;
  const elsewhere: EmbeddingElsewhere = source.kind === 'umap' ? 'umap' : array ? { from: array.from } : null;
  if (array) notes.push(`using ${array.from} as the embedding (${array.dims}-D)`);
  const roles = columnRoles(data, params, notes, elsewhere, data.matrix !== null);
  const embedding = roles.embedding;
  const zChecked = array ? arrayChecked(array) : null;
  const chosen: Chosen = data.matrix
    ? await matrixFeatures(data, data.matrix, zChecked ?? columnsChecked(embedding), params, notes, hooks)
    : columnFeatures(inputs, roles, zChecked, params, notes);
  const { keptRows } = chosen;
  const d = array ? array.dims : embedding.length > 0 ? embedding.length : 2;
  const Z = array
    ? gatherRows(array.values, array.dims, keptRows)
    : embedding.length > 0
      ? gatherRowMajor(embedding, keptRows)
      : null;
  return {
    X: chosen.X,
    E: keptRows.length,
    F: chosen.features.length,
    features: chosen.features,
    Z,
    d,
    embeddingColumns: array ? array.columns : embedding.map((c) => c.name),
    keptRows,
    droppedFeatures: chosen.droppedFeatures,
    droppedRows: chosen.droppedRows,
    metadata: metadataColumns(inputs, roles.metadataNames, keptRows, notes),
    rowNames: keptNames(data.rowNames, keptRows),
    notes,
  };
}

/** A table's features: complete rows over the features and the embedding, then the varying features. */
function columnFeatures(
  inputs: Inputs,
  roles: ColumnRoles,
  zChecked: CheckedValues | null,
  params: LavaParams,
  notes: string[],
): Chosen {
  const checked: CheckedValues[] = [...roles.embedding, ...roles.candidates];
  if (zChecked) checked.push(zChecked);
  const rows = keepCompleteRows(inputs.data, checked, notes);
  const { features, droppedFeatures } = selectFeatures(
    roles.candidates,
    rows.keptRows,
    params.maxFeatures,
    inputs.data.file,
    notes,
  );
  return {
    ...rows,
    X: gatherRowMajor(features, rows.keptRows),
    features: features.map((c) => c.name),
    droppedFeatures,
  };
}

/** An embedding array as a checked "column" left of all others: its rows without finite coordinates. */
function arrayChecked(a: EmbeddingArray): CheckedValues {
  const bad: number[] = [];
  const rows = a.values.length / a.dims;
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < a.dims; k++) {
      if (!Number.isFinite(a.values[r * a.dims + k])) {
        bad.push(r);
        break;
      }
    }
  }
  return { name: a.from, index: -1, bad };
}

/** Named embedding columns beside a matrix, as one checked "column" (the leftmost of them names it). */
function columnsChecked(embedding: NumericColumn[]): CheckedValues | null {
  if (embedding.length === 0) return null;
  const bad = new Set<number>();
  for (const c of embedding) for (const r of c.bad) bad.add(r);
  return { name: embedding[0].name, index: -1, bad: Int32Array.from([...bad].sort((a, b) => a - b)) };
}

function keptNames(names: RowNames, keptRows: Int32Array): string[] | null {
  return names.kind === 'name' ? Array.from(keptRows, (r) => names.names[r]) : null;
}

/**
 * The kept rows of some numeric columns as one E x columns matrix, row-major, in shared memory: the engine's
 * pool reads the features in place (correlations/localityCorrelations.ts) instead of copying them for every step and request.
 */
function gatherRowMajor(columns: NumericColumn[], keptRows: Int32Array): Float64Array {
  const E = keptRows.length;
  const F = columns.length;
  const out = sharedArray(Float64Array, E * F);
  for (let f = 0; f < F; f++) {
    const v = columns[f].values;
    for (let e = 0; e < E; e++) out[e * F + f] = v[keptRows[e]];
  }
  return out;
}

/** The kept rows of a rows x dims row-major array. */
function gatherRows(values: Float64Array, dims: number, keptRows: Int32Array): Float64Array {
  const out = new Float64Array(keptRows.length * dims);
  keptRows.forEach((r, e) => out.set(values.subarray(r * dims, (r + 1) * dims), e * dims));
  return out;
}
