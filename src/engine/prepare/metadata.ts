// The metadata a result carries for colouring and tooltips: the data's metadata columns, then every column of the
// metadata file, restricted to the kept rows. Labels (categoricals, booleans) travel as their text.
import type { DatasetColumn } from '../read/dataset';
import type { Inputs } from '../read/readInputs';
import type { PreparedMetadata } from '../types';

export function metadataColumns(
  inputs: Inputs,
  names: Set<string>,
  keptRows: Int32Array,
  notes: string[],
): PreparedMetadata[] {
  const out = inputs.data.columns.filter((c) => names.has(c.name)).map((c) => metadataOf(c, keptRows));
  const file = inputs.metadataFile;
  if (!file) return out;
  const taken = new Set(inputs.data.columns.map((c) => c.name));
  for (const c of file.columns) {
    if (taken.has(c.name)) {
      notes.push(
        `metadata column "${c.name}" of ${file.file} left out: the data file has a column of that name`,
      );
      continue;
    }
    out.push(metadataOf(c, keptRows));
  }
  return out;
}

/** A column restricted to the kept rows. */
function metadataOf(col: DatasetColumn, keptRows: Int32Array): PreparedMetadata {
  const E = keptRows.length;
  if (col.kind === 'numeric') {
    const values = new Array<number>(E);
    for (let e = 0; e < E; e++) values[e] = col.values[keptRows[e]];
    return { name: col.name, kind: 'numeric', values };
  }
  const values = new Array<string>(E);
  if (col.kind === 'text') for (let e = 0; e < E; e++) values[e] = col.values[keptRows[e]];
  else {
    for (let e = 0; e < E; e++) {
      const code = col.codes[keptRows[e]];
      values[e] = code < 0 ? '' : col.categories[code];
    }
  }
  return { name: col.name, kind: 'text', values };
}
