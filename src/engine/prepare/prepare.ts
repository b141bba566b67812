// Step "prepare": the table's columns in their roles, incomplete rows and flat features dropped, X and Z gathered.
import { keepCompleteRows } from './badRows';
import { columnRoles } from './columnRoles';
import { checkEmptyColumns } from './emptyColumns';
import { selectFeatures } from './featureSelection';
import type { Column, NumericColumn, Prepared, PreparedMetadata, Table } from '../types';
import type { LavaParams } from '../../shared/params/types';

export function prepare(table: Table, params: LavaParams): Prepared {
  const notes: string[] = [];
  checkEmptyColumns(table, params, notes);
  const roles = columnRoles(table, params, notes);
  const embedding = roles.embedding;
  const { keptRows, droppedRows } = keepCompleteRows(table, [...embedding, ...roles.candidates], notes);
  const { features, droppedFeatures } = selectFeatures(
    roles.candidates,
    keptRows,
    params.maxFeatures,
    table.file,
    notes,
  );
  const d = embedding.length > 0 ? embedding.length : 2;
  return {
    X: gatherRowMajor(features, keptRows),
    E: keptRows.length,
    F: features.length,
    features: features.map((c) => c.name),
    Z: embedding.length > 0 ? gatherRowMajor(embedding, keptRows) : null,
    d,
    embeddingColumns: embedding.map((c) => c.name),
    keptRows,
    droppedFeatures,
    droppedRows,
    metadata: table.columns
      .filter((c) => roles.metadataNames.has(c.name))
      .map((c) => metadataOf(c, keptRows)),
    notes,
  };
}

/** The kept rows of some numeric columns as one E x columns matrix, row-major. */
function gatherRowMajor(columns: NumericColumn[], keptRows: Int32Array): Float64Array {
  const E = keptRows.length;
  const F = columns.length;
  const out = new Float64Array(E * F);
  for (let f = 0; f < F; f++) {
    const v = columns[f].values;
    for (let e = 0; e < E; e++) out[e * F + f] = v[keptRows[e]];
  }
  return out;
}

/** A metadata column restricted to the kept rows. */
function metadataOf(col: Column, keptRows: Int32Array): PreparedMetadata {
  const E = keptRows.length;
  if (col.kind === 'text') {
    const values = new Array<string>(E);
    for (let e = 0; e < E; e++) values[e] = col.values[keptRows[e]];
    return { name: col.name, kind: 'text', values };
  }
  const values = new Array<number>(E);
  for (let e = 0; e < E; e++) values[e] = col.values[keptRows[e]];
  return { name: col.name, kind: 'numeric', values };
}
