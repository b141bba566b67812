// AnnData dataframes (obs, var, raw/var) as typed columns: numbers, strings, categoricals, booleans, and the
// nullable kinds of anndata 0.9+ (values + mask).
import type { Dataset as H5Dataset, Group as H5Group } from 'h5wasm/node';
import type { CategoricalColumn, DatasetColumn } from '../dataset';
import { asNumbers, attrString, attrStrings, valueOf, type H5Handle } from './h5file';
import { LavaInputError } from '../../../shared/errors';

export interface Frame {
  index: string[];
  columns: DatasetColumn[];
  /** Columns left out, with why. */
  skipped: string[];
}

/** `where` is the group's path (obs, var, raw/var). */
export function readFrame(h: H5Handle, where: string): Frame {
  const g = h.file.get(where);
  if (!(g instanceof h.mod.Group) || attrString(g, 'encoding-type') !== 'dataframe') {
    throw oldFormat(h.path, where);
  }
  const indexKey = attrString(g, '_index') ?? '_index';
  const indexSet = g.get(indexKey);
  if (!(indexSet instanceof h.mod.Dataset)) throw oldFormat(h.path, `${where}/${indexKey}`);
  const index = strings(valueOf(h.path, indexSet));
  const columns: DatasetColumn[] = [];
  const skipped: string[] = [];
  for (const name of attrStrings(g, 'column-order')) {
    const col = readColumn(h, g, name, columns.length, index.length);
    if (typeof col === 'string') skipped.push(`${where}/${name}: ${col}`);
    else columns.push(col);
  }
  return { index, columns, skipped };
}

export function oldFormat(file: string, where: string): LavaInputError {
  return new LavaInputError(
    `${where} is not in the layout of anndata 0.8 or later (no encoding attributes): the file was written by an older anndata`,
    { file },
    'Write it again with a current anndata: anndata.read_h5ad(path).write_h5ad(new_path).',
  );
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.from(v as ArrayLike<unknown>, (s) =>
    s instanceof Uint8Array ? new TextDecoder().decode(s) : String(s),
  );
}

/** A column, or a sentence saying why it is left out. */
function readColumn(
  h: H5Handle,
  g: H5Group,
  name: string,
  index: number,
  rows: number,
): DatasetColumn | string {
  const obj = g.get(name);
  if (obj === null) return 'listed in column-order but missing';
  const enc = attrString(obj as H5Group, 'encoding-type');
  if (obj instanceof h.mod.Group) {
    if (enc === 'categorical') return categorical(h, obj, name, index);
    if (enc === 'nullable-integer' || enc === 'nullable-boolean' || enc === 'nullable-string-array') {
      return nullable(h, obj, name, index, enc);
    }
    return `encoding "${enc}" is not read`;
  }
  if (!(obj instanceof h.mod.Dataset)) return 'not a dataset';
  if (obj.shape?.length !== 1 || obj.shape[0] !== rows)
    return `shape (${obj.shape?.join(', ')}) is not one value per row`;
  return plain(h.path, obj, name, index);
}

function plain(file: string, d: H5Dataset, name: string, index: number): DatasetColumn | string {
  const { type, enum_type: enumType } = d.metadata;
  if (type === 3) return { kind: 'text', name, index, values: strings(valueOf(file, d)) };
  if (type === 8 && enumType !== undefined && enumType.nmembers === 2) {
    return booleans(name, index, asNumbers(valueOf(file, d)), null);
  }
  if (type === 0 || type === 1) return numeric(name, index, asNumbers(valueOf(file, d)), null);
  return `HDF5 type class ${type} is not read`;
}

function numeric(
  name: string,
  index: number,
  v: ArrayLike<number>,
  mask: ArrayLike<number> | null,
): DatasetColumn {
  const values = Float64Array.from(v);
  const bad: number[] = [];
  for (let r = 0; r < values.length; r++) {
    if (mask !== null && mask[r] !== 0) values[r] = NaN;
    if (!Number.isFinite(values[r])) bad.push(r);
  }
  return { kind: 'numeric', name, index, values, bad: Int32Array.from(bad) };
}

/** Booleans are labels (false/true), never features. */
function booleans(
  name: string,
  index: number,
  v: ArrayLike<number>,
  mask: ArrayLike<number> | null,
): CategoricalColumn {
  const codes = Int32Array.from(v, (x, r) => (mask !== null && mask[r] !== 0 ? -1 : x !== 0 ? 1 : 0));
  return { kind: 'categorical', name, index, codes, categories: ['false', 'true'], ordered: false };
}

function categorical(h: H5Handle, g: H5Group, name: string, index: number): DatasetColumn | string {
  const file = h.path;
  const codes = g.get('codes');
  const cats = g.get('categories');
  if (!(codes instanceof h.mod.Dataset) || !(cats instanceof h.mod.Dataset))
    return 'categorical without codes or categories';
  const ordered = (g.attrs.ordered as { value: unknown } | undefined)?.value;
  const categories =
    cats.metadata.type === 3
      ? strings(valueOf(file, cats))
      : Array.from(asNumbers(valueOf(file, cats)), String);
  const c = Int32Array.from(asNumbers(valueOf(file, codes)));
  for (let r = 0; r < c.length; r++) if (c[r] >= categories.length) return `code ${c[r]} has no category`;
  return { kind: 'categorical', name, index, codes: c, categories, ordered: Boolean(Number(ordered ?? 0)) };
}

function nullable(h: H5Handle, g: H5Group, name: string, index: number, enc: string): DatasetColumn | string {
  const file = h.path;
  const values = g.get('values');
  const mask = g.get('mask');
  if (!(values instanceof h.mod.Dataset) || !(mask instanceof h.mod.Dataset))
    return `${enc} without values or mask`;
  const m = asNumbers(valueOf(file, mask));
  if (enc === 'nullable-boolean') return booleans(name, index, asNumbers(valueOf(file, values)), m);
  if (enc === 'nullable-integer') return numeric(name, index, asNumbers(valueOf(file, values)), m);
  const text = strings(valueOf(file, values)).map((s, r) => (m[r] !== 0 ? '' : s));
  return { kind: 'text', name, index, values: text };
}
