// Which columns are the embedding, which describe samples (metadata) and which may be features; named ones checked.
import { recogniseEmbedding } from './embeddingColumns';
import { listNames } from './names';
import type { Column, NumericColumn, Table } from '../types';
import { LavaInputError } from '../../shared/errors';
import type { LavaParams } from '../../shared/params/types';

/** Numeric columns with these names (case-insensitive), or ending in `_id`, describe samples rather than measure them. */
const METADATA_NAMES = new Set(['id', 'label', 'class', 'target', 'cluster', 'blob', 'sample']);

export function isMetadataName(name: string): boolean {
  const n = name.trim().toLowerCase();
  return METADATA_NAMES.has(n) || n.endsWith('_id');
}

export interface ColumnRoles {
  /** The columns that are the embedding, in its order; empty with umap (UMAP computes the map). */
  embedding: NumericColumn[];
  /** Columns kept for colouring and tooltips: text, id-like, named, and with umap the embedding-like ones. */
  metadataNames: Set<string>;
  /** The features before rows and variance are looked at: named, else every other numeric column. */
  candidates: NumericColumn[];
}

/** The roles of `table`'s columns under `params`; adds what it decided on its own to `notes`. */
export function columnRoles(table: Table, params: LavaParams, notes: string[]): ColumnRoles {
  const cols = new Columns(table);
  checkUnique(params.embedding, 'embedding', table.file);
  checkUnique(params.features, 'features', table.file);
  const embedding = chooseEmbedding(cols, params, notes);
  const embeddingNames = new Set(embedding.map((c) => c.name));
  const metadataNames = metadataColumns(cols, params, embedding, embeddingNames);
  const candidates = featureCandidates(cols, params, metadataNames, embeddingNames);
  return { embedding: params.umap ? [] : embedding, metadataNames, candidates };
}

/** The table's columns by name, and the check that a named column is there and numeric. */
class Columns {
  readonly byName = new Map<string, Column>();
  readonly numericNames: string[];

  constructor(readonly table: Table) {
    for (const c of table.columns) this.byName.set(c.name, c);
    this.numericNames = table.columns.filter((c) => c.kind === 'numeric').map((c) => c.name);
  }

  /** The column `name` given in option `key` as a `role` column; an input error unless it is numeric. */
  numeric(name: string, role: string, key: 'embedding' | 'features'): NumericColumn {
    const file = this.table.file;
    const col = this.byName.get(name);
    if (col === undefined) {
      throw new LavaInputError(
        `${role} column "${name}" is not in the header`,
        { file, line: 1, option: key },
        `Name numeric columns of this file in {option:${key}}; they are: ${listNames(this.numericNames)}.`,
      );
    }
    if (col.kind !== 'numeric') {
      throw new LavaInputError(
        `${role} column holds text, not numbers`,
        { file, line: 1, column: col.index + 1, columnName: name, option: key },
        `Name numeric columns in {option:${key}}; they are: ${listNames(this.numericNames)}.`,
      );
    }
    return col;
  }
}

/**
 * The embedding: named, else recognised by name. With umap the columns found are not the map (UMAP computes
 * one); they are only kept out of the features.
 */
function chooseEmbedding(cols: Columns, params: LavaParams, notes: string[]): NumericColumn[] {
  const file = cols.table.file;
  let embedding: NumericColumn[] = [];
  if (params.embedding.length > 0) {
    embedding = params.embedding.map((n) => cols.numeric(n, 'embedding', 'embedding'));
    if (embedding.length < 2 && !params.umap) {
      throw new LavaInputError(
        `the embedding needs at least 2 columns, got "${params.embedding.join(',')}"`,
        { file, line: 1, column: embedding[0].index + 1, option: 'embedding' },
        'Name two or three columns in {option:embedding} (such as x,y), or compute an embedding with {option:umap}.',
      );
    }
  } else {
    const found = recogniseEmbedding(cols.numericNames);
    if (found !== null) {
      embedding = found.map((n) => cols.byName.get(n) as NumericColumn);
      if (!params.umap) notes.push(`using columns ${found.join(', ')} as the embedding (recognised by name)`);
    } else if (!params.umap) {
      throw new LavaInputError(
        'no embedding columns',
        { file, line: 1, option: 'embedding' },
        'Name them in {option:embedding} (such as x,y), or compute an embedding with {option:umap}.',
      );
    }
  }
  if (params.umap && embedding.length > 0) {
    notes.push(
      `columns ${embedding.map((c) => c.name).join(', ')} look like an embedding: kept as metadata, not features, since UMAP computes a new one`,
    );
  }
  return embedding;
}

/** Metadata: text columns, named ones, numeric columns whose name says they label samples, and with umap the embedding. */
function metadataColumns(
  cols: Columns,
  params: LavaParams,
  embedding: NumericColumn[],
  embeddingNames: Set<string>,
): Set<string> {
  const { table } = cols;
  const names = new Set<string>();
  for (const name of params.metadata) {
    const col = cols.byName.get(name);
    if (col === undefined) {
      throw new LavaInputError(
        `metadata column "${name}" is not in the header`,
        { file: table.file, line: 1, option: 'metadata' },
        `Name columns of this file in {option:metadata}; they are: ${listNames(table.header)}.`,
      );
    }
    if (params.features.includes(name)) {
      throw new LavaInputError(
        'column is named both as a feature and as metadata',
        { file: table.file, line: 1, column: col.index + 1, columnName: name, option: 'metadata' },
        'Remove it from one of {option:features} and {option:metadata}.',
      );
    }
    names.add(name);
  }
  const explicitFeatures = new Set(params.features);
  for (const col of table.columns) {
    if (col.kind === 'text') names.add(col.name);
    else if (isMetadataName(col.name) && !explicitFeatures.has(col.name) && !embeddingNames.has(col.name)) {
      names.add(col.name);
    }
  }
  // With umap the given columns are not the map; they are described (metadata) rather than explained.
  if (params.umap) for (const col of embedding) if (!explicitFeatures.has(col.name)) names.add(col.name);
  return names;
}

/** The features before rows and variance count: the named ones (never the embedding), else every other numeric column. */
function featureCandidates(
  cols: Columns,
  params: LavaParams,
  metadataNames: Set<string>,
  embeddingNames: Set<string>,
): NumericColumn[] {
  const file = cols.table.file;
  let candidates: NumericColumn[];
  if (params.features.length > 0) {
    candidates = params.features.map((n) => {
      const col = cols.numeric(n, 'feature', 'features');
      if (embeddingNames.has(n) && !params.umap) {
        throw new LavaInputError(
          'column is named as a feature but is the embedding',
          { file, line: 1, column: col.index + 1, columnName: n, option: 'features' },
          'A column cannot explain itself: remove it from {option:features}, or name other embedding columns in {option:embedding}.',
        );
      }
      return col;
    });
  } else {
    candidates = cols.table.columns.filter(
      (c): c is NumericColumn =>
        c.kind === 'numeric' && !metadataNames.has(c.name) && !embeddingNames.has(c.name),
    );
  }
  if (candidates.length === 0) {
    throw new LavaInputError(
      'no numeric feature columns',
      { file, option: 'features' },
      'Add numeric feature columns, or name them in {option:features}; text columns, embedding columns and ids are never features.',
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
