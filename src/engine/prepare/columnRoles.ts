// Which columns are the embedding, which describe samples (metadata) and which may be features; named ones checked.
import { recogniseEmbedding } from './embeddingColumns';
import { listNames } from './names';
import type { Dataset, DatasetColumn } from '../read/dataset';
import type { NumericColumn } from '../types';
import { isIdName, isLabelName } from '../../shared/columnNames';
import { LavaInputError, type InputPlace } from '../../shared/errors';
import type { LavaParams } from '../../shared/params/types';

/** Numeric columns named like an id or a label (cluster, cell type, class) describe samples rather than measure them. */
export function isMetadataName(name: string): boolean {
  return isIdName(name) || isLabelName(name);
}

/** The columns roles are given to: a table's, or the metadata beside a matrix of features. */
export type RoleSource = Pick<Dataset, 'file' | 'format' | 'columns'>;

/** Where a column is in the file, for errors: line 1 and its cell in a CSV; other formats have no lines. */
export function headerPlace(ds: RoleSource, col?: DatasetColumn): Pick<InputPlace, 'line' | 'column'> {
  if (ds.format !== 'csv') return {};
  return col === undefined ? { line: 1 } : { line: 1, column: col.index + 1 };
}

/** How the embedding is given when not by columns: computed (umap) or an array of the data (obsm) or beside it. */
export type EmbeddingElsewhere = 'umap' | { from: string } | null;

export interface ColumnRoles {
  /** The columns that are the embedding, in its order; empty when it comes from elsewhere. */
  embedding: NumericColumn[];
  /** Columns kept for colouring and tooltips: text, labels, id-like, named, and embedding-like ones not used as one. */
  metadataNames: Set<string>;
  /** The features before rows and variance are looked at: named, else every other numeric column; none beside a matrix. */
  candidates: NumericColumn[];
}

/**
 * The roles of `ds`'s columns under `params`; adds what it decided on its own to `notes`. `elsewhere` says the
 * map is not in the columns; `matrix` that the features are a matrix's, so every column is metadata.
 */
export function columnRoles(
  ds: RoleSource,
  params: LavaParams,
  notes: string[],
  elsewhere: EmbeddingElsewhere = params.umap ? 'umap' : null,
  matrix = false,
): ColumnRoles {
  const cols = new Columns(ds);
  checkUnique(params.embedding, 'embedding', ds.file);
  checkUnique(params.features, 'features', ds.file);
  const embedding = chooseEmbedding(cols, params, notes, elsewhere, matrix);
  const embeddingNames = new Set(embedding.map((c) => c.name));
  const metadataNames = metadataColumns(cols, params, embedding, embeddingNames, elsewhere !== null);
  if (matrix) {
    for (const c of ds.columns)
      if (!embeddingNames.has(c.name) || elsewhere !== null) metadataNames.add(c.name);
    return { embedding: elsewhere === null ? embedding : [], metadataNames, candidates: [] };
  }
  const candidates = featureCandidates(cols, params, metadataNames, embeddingNames, elsewhere !== null);
  return { embedding: elsewhere === null ? embedding : [], metadataNames, candidates };
}

/** The columns by name, and the check that a named column is there and numeric. */
class Columns {
  readonly byName = new Map<string, DatasetColumn>();
  readonly numericNames: string[];

  constructor(readonly ds: RoleSource) {
    for (const c of ds.columns) this.byName.set(c.name, c);
    this.numericNames = ds.columns.filter((c) => c.kind === 'numeric').map((c) => c.name);
  }

  /** The column `name` given in option `key` as a `role` column; an input error unless it is numeric. */
  numeric(name: string, role: string, key: 'embedding' | 'features'): NumericColumn {
    const file = this.ds.file;
    const col = this.byName.get(name);
    if (col === undefined) {
      throw new LavaInputError(
        `${role} column "${name}" is not in the header`,
        { file, ...headerPlace(this.ds), option: key },
        `Name numeric columns of this file in {option:${key}}; they are: ${listNames(this.numericNames)}.`,
      );
    }
    if (col.kind !== 'numeric') {
      throw new LavaInputError(
        `${role} column holds ${col.kind === 'text' ? 'text' : 'labels'}, not numbers`,
        { file, ...headerPlace(this.ds, col), columnName: name, option: key },
        `Name numeric columns in {option:${key}}; they are: ${listNames(this.numericNames)}.`,
      );
    }
    return col;
  }
}

/**
 * The embedding columns: named, else recognised by name (in a table). When the map comes from elsewhere, the
 * columns found are not it; they are only kept out of the features.
 */
function chooseEmbedding(
  cols: Columns,
  params: LavaParams,
  notes: string[],
  elsewhere: EmbeddingElsewhere,
  matrix: boolean,
): NumericColumn[] {
  const { ds } = cols;
  if (params.embedding.length > 0) {
    const embedding = params.embedding.map((n) => cols.numeric(n, 'embedding', 'embedding'));
    if (embedding.length < 2 && elsewhere === null) {
      throw new LavaInputError(
        `the embedding needs at least 2 columns, got "${params.embedding.join(',')}"`,
        { file: ds.file, ...headerPlace(ds, embedding[0]), option: 'embedding' },
        'Name two or three columns in {option:embedding} (such as x,y), or compute an embedding with {option:umap}.',
      );
    }
    noteUnused(embedding, elsewhere, notes);
    return embedding;
  }
  const found = recogniseEmbedding(cols.numericNames);
  if (found !== null) {
    const embedding = found.map((n) => cols.byName.get(n) as NumericColumn);
    if (elsewhere === null)
      notes.push(`using columns ${found.join(', ')} as the embedding (recognised by name)`);
    noteUnused(embedding, elsewhere, notes);
    return embedding;
  }
  if (elsewhere === null && !matrix) {
    throw new LavaInputError(
      'no embedding columns',
      { file: ds.file, ...headerPlace(ds), option: 'embedding' },
      'Name them in {option:embedding} (such as x,y), give a file with {option:embeddingFile}, or compute an embedding with {option:umap}.',
    );
  }
  return [];
}

/** Embedding-like columns that are not the map are described (metadata), not explained: say so. */
function noteUnused(embedding: NumericColumn[], elsewhere: EmbeddingElsewhere, notes: string[]): void {
  if (elsewhere === null) return;
  const names = embedding.map((c) => c.name).join(', ');
  const why =
    elsewhere === 'umap' ? 'since UMAP computes a new one' : `since the embedding is ${elsewhere.from}`;
  notes.push(`columns ${names} look like an embedding: kept as metadata, not features, ${why}`);
}

/** Metadata: text and label columns, named ones, numeric columns named like ids or labels, and an unused embedding. */
function metadataColumns(
  cols: Columns,
  params: LavaParams,
  embedding: NumericColumn[],
  embeddingNames: Set<string>,
  elsewhere: boolean,
): Set<string> {
  const { ds } = cols;
  const names = new Set<string>();
  for (const name of params.metadata) {
    const col = cols.byName.get(name);
    if (col === undefined) {
      throw new LavaInputError(
        `metadata column "${name}" is not in the header`,
        { file: ds.file, ...headerPlace(ds), option: 'metadata' },
        `Name columns of this file in {option:metadata}; they are: ${listNames(ds.columns.map((c) => c.name))}.`,
      );
    }
    if (params.features.includes(name)) {
      throw new LavaInputError(
        'column is named both as a feature and as metadata',
        { file: ds.file, ...headerPlace(ds, col), columnName: name, option: 'metadata' },
        'Remove it from one of {option:features} and {option:metadata}.',
      );
    }
    names.add(name);
  }
  const explicitFeatures = new Set(params.features);
  for (const col of ds.columns) {
    if (col.kind !== 'numeric') names.add(col.name);
    else if (isMetadataName(col.name) && !explicitFeatures.has(col.name) && !embeddingNames.has(col.name)) {
      names.add(col.name);
    }
  }
  // Columns that look like the map but are not it are described (metadata) rather than explained.
  if (elsewhere) for (const col of embedding) if (!explicitFeatures.has(col.name)) names.add(col.name);
  return names;
}

/** The features before rows and variance count: the named ones (never the embedding), else every other numeric column. */
function featureCandidates(
  cols: Columns,
  params: LavaParams,
  metadataNames: Set<string>,
  embeddingNames: Set<string>,
  elsewhere: boolean,
): NumericColumn[] {
  const { ds } = cols;
  let candidates: NumericColumn[];
  if (params.features.length > 0) {
    candidates = params.features.map((n) => {
      const col = cols.numeric(n, 'feature', 'features');
      if (embeddingNames.has(n) && !elsewhere) {
        throw new LavaInputError(
          'column is named as a feature but is the embedding',
          { file: ds.file, ...headerPlace(ds, col), columnName: n, option: 'features' },
          'A column cannot explain itself: remove it from {option:features}, or name other embedding columns in {option:embedding}.',
        );
      }
      return col;
    });
  } else {
    candidates = ds.columns.filter(
      (c): c is NumericColumn =>
        c.kind === 'numeric' && !metadataNames.has(c.name) && !embeddingNames.has(c.name),
    );
  }
  if (candidates.length === 0) {
    throw new LavaInputError(
      'no numeric feature columns',
      { file: ds.file, option: 'features' },
      'Add numeric feature columns, or name them in {option:features}; text columns, embedding columns, ids and labels are never features.',
    );
  }
  return candidates;
}

/** Each column named once in option `key`. */
function checkUnique(names: string[], key: 'embedding' | 'features', file: string): void {
  const role = key === 'embedding' ? 'embedding' : 'feature';
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) {
      throw new LavaInputError(
        `${role} column "${n}" is named twice`,
        { file, option: key },
        `Name each column once in {option:${key}}.`,
      );
    }
    seen.add(n);
  }
}
