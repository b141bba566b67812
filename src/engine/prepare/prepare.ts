// Step "prepare": choose embedding, metadata and feature columns, drop incomplete rows and flat features.
import { recogniseEmbedding } from './embeddingColumns';
import type { Column, NumericColumn, Prepared, Table } from '../types';
import { LavaInputError } from '../../shared/errors';
import type { DroppedFeature, MetadataColumn } from '../../shared/result/types';
import type { LavaParams } from '../../shared/params/types';

/** Numeric columns with these names (case-insensitive), or ending in `_id`, describe samples rather than measure them. */
const METADATA_NAMES = new Set(['id', 'label', 'class', 'target', 'cluster', 'blob', 'sample']);

/** How many dropped rows are listed by line. */
const ROW_EXAMPLES = 10;

export function isMetadataName(name: string): boolean {
  const n = name.trim().toLowerCase();
  return METADATA_NAMES.has(n) || n.endsWith('_id');
}

export function prepare(table: Table, params: LavaParams): Prepared {
  const file = table.file;
  const byName = new Map<string, Column>();
  for (const c of table.columns) byName.set(c.name, c);
  const numericNames = table.columns.filter((c) => c.kind === 'numeric').map((c) => c.name);
  const notes: string[] = [];

  const numericOrFail = (name: string, role: string, setting: string): NumericColumn => {
    const col = byName.get(name);
    if (col === undefined) {
      throw new LavaInputError(
        `${role} column "${name}" is not in the header`,
        { file, line: 1 },
        `Name numeric columns of this file in ${setting}; they are: ${listNames(numericNames)}.`,
      );
    }
    if (col.kind !== 'numeric') {
      throw new LavaInputError(
        `${role} column holds text, not numbers`,
        { file, line: 1, column: col.index + 1, columnName: name },
        `Name numeric columns in ${setting}; they are: ${listNames(numericNames)}.`,
      );
    }
    return col;
  };
  checkUnique(params.embedding, 'embedding', file);
  checkUnique(params.features, 'feature', file);

  // Embedding: named, else recognised by name; with umap the recognised ones only stay out of the features.
  let embedding: NumericColumn[] = [];
  if (params.embedding.length > 0) {
    embedding = params.embedding.map((n) =>
      numericOrFail(n, 'embedding', '--embedding (setting lava.embedding)'),
    );
    if (embedding.length < 2 && !params.umap) {
      throw new LavaInputError(
        `the embedding needs at least 2 columns, got "${params.embedding.join(',')}"`,
        { file, line: 1, column: embedding[0].index + 1 },
        'Name two or three columns with --embedding x,y (setting lava.embedding), or compute one with --umap.',
      );
    }
  } else {
    const found = recogniseEmbedding(numericNames);
    if (found !== null) {
      embedding = found.map((n) => byName.get(n) as NumericColumn);
      if (!params.umap) notes.push(`using columns ${found.join(', ')} as the embedding (recognised by name)`);
    } else if (!params.umap) {
      throw new LavaInputError(
        'no embedding columns',
        { file, line: 1 },
        'name them with --embedding x,y (setting lava.embedding) or compute one with --umap',
      );
    }
  }
  const embeddingNames = new Set(embedding.map((c) => c.name));
  // With umap the given columns are not the map; they are described (metadata) rather than explained.
  const embeddingAsMetadata = params.umap ? embedding : [];
  if (params.umap && embedding.length > 0) {
    notes.push(
      `columns ${embedding.map((c) => c.name).join(', ')} look like an embedding: kept as metadata, not features, since UMAP computes a new one`,
    );
  }
  const zColumns = params.umap ? [] : embedding;

  // Metadata: text columns, named ones, and numeric columns whose name says they label samples.
  const metadataNames = new Set<string>();
  for (const name of params.metadata) {
    const col = byName.get(name);
    if (col === undefined) {
      throw new LavaInputError(
        `metadata column "${name}" is not in the header`,
        { file, line: 1 },
        `Name columns of this file in --metadata (setting lava.metadata); they are: ${listNames(table.header)}.`,
      );
    }
    if (params.features.includes(name)) {
      throw new LavaInputError(
        'column is named both as a feature and as metadata',
        { file, line: 1, column: col.index + 1, columnName: name },
        'Remove it from one of --features and --metadata.',
      );
    }
    metadataNames.add(name);
  }
  const explicitFeatures = new Set(params.features);
  for (const col of table.columns) {
    if (col.kind === 'text') metadataNames.add(col.name);
    else if (isMetadataName(col.name) && !explicitFeatures.has(col.name) && !embeddingNames.has(col.name)) {
      metadataNames.add(col.name);
    }
  }
  for (const col of embeddingAsMetadata) if (!explicitFeatures.has(col.name)) metadataNames.add(col.name);

  // Features.
  let candidates: NumericColumn[];
  if (params.features.length > 0) {
    candidates = params.features.map((n) => {
      const col = numericOrFail(n, 'feature', '--features (setting lava.features)');
      if (embeddingNames.has(n) && !params.umap) {
        throw new LavaInputError(
          'column is named as a feature but is the embedding',
          { file, line: 1, column: col.index + 1, columnName: n },
          'A column cannot explain itself: remove it from --features or choose other embedding columns.',
        );
      }
      return col;
    });
  } else {
    candidates = table.columns.filter(
      (c): c is NumericColumn =>
        c.kind === 'numeric' && !metadataNames.has(c.name) && !embeddingNames.has(c.name),
    );
  }
  if (candidates.length === 0) {
    throw new LavaInputError(
      'no numeric feature columns',
      { file },
      'Add numeric feature columns, or name them with --features (setting lava.features); text columns, embedding columns and ids are never features.',
    );
  }

  // Rows: any missing feature or embedding cell drops the row (never imputed).
  const n = table.rowCount;
  const firstBadColumn = new Int32Array(n).fill(-1);
  const checked = [...zColumns, ...candidates];
  for (const col of checked) {
    for (let k = 0; k < col.bad.length; k++) {
      const r = col.bad[k];
      if (firstBadColumn[r] < 0 || col.index < firstBadColumn[r]) firstBadColumn[r] = col.index;
    }
  }
  let dropped = 0;
  const examples: { line: number; column: string }[] = [];
  for (let r = 0; r < n; r++) {
    if (firstBadColumn[r] < 0) continue;
    if (examples.length < ROW_EXAMPLES) {
      examples.push({ line: table.lineOfRow[r], column: table.header[firstBadColumn[r]] });
    }
    dropped++;
  }
  const E = n - dropped;
  const keptRows = new Int32Array(E);
  for (let r = 0, e = 0; r < n; r++) if (firstBadColumn[r] < 0) keptRows[e++] = r;
  if (dropped > 0) {
    const first = examples[0];
    notes.push(
      `dropped ${dropped} row${dropped === 1 ? '' : 's'} with missing values (first at line ${first.line}, column ${first.column})`,
    );
  }
  if (E === 0) {
    const first = examples[0];
    throw new LavaInputError(
      'every row has a missing or non-numeric value in a feature or embedding column',
      { file, line: first.line, column: firstBadColumn[0] + 1, columnName: first.column },
      'Fill the missing values, or leave the incomplete columns out with --features (setting lava.features).',
    );
  }

  // Features: drop the constant ones, then keep the maxFeatures most variable (raw sd, as the reference).
  const droppedFeatures: DroppedFeature[] = [];
  const sds = new Float64Array(candidates.length);
  const varying: number[] = [];
  candidates.forEach((col, j) => {
    const v = col.values;
    const first = v[keptRows[0]];
    let constant = true;
    let sum = 0;
    for (let e = 0; e < E; e++) {
      const x = v[keptRows[e]];
      if (x !== first) constant = false;
      sum += x;
    }
    if (constant) {
      droppedFeatures.push({ name: col.name, reason: 'constant' });
      return;
    }
    const mean = sum / E;
    let ss = 0;
    for (let e = 0; e < E; e++) {
      const d = v[keptRows[e]] - mean;
      ss += d * d;
    }
    sds[j] = Math.sqrt(ss / E);
    varying.push(j);
  });
  const constantCount = droppedFeatures.length;
  if (constantCount > 0) {
    notes.push(
      `dropped ${constantCount} constant feature${constantCount === 1 ? '' : 's'}: ${listNames(droppedFeatures.map((d) => d.name))}`,
    );
  }
  let kept = varying;
  if (varying.length > params.maxFeatures) {
    // Stable sort by sd descending, so ties keep file order; the kept ones return to file order.
    const order = [...varying].sort((a, b) => sds[b] - sds[a] || a - b);
    const keep = new Set(order.slice(0, Math.max(0, params.maxFeatures)));
    kept = varying.filter((j) => keep.has(j));
    const low = varying.filter((j) => !keep.has(j));
    for (const j of low) droppedFeatures.push({ name: candidates[j].name, reason: 'low-variance' });
    notes.push(
      `kept the ${kept.length} most variable of ${varying.length} features (maxFeatures = ${params.maxFeatures}); dropped ${low.length} less variable`,
    );
  }
  if (kept.length === 0) {
    throw new LavaInputError(
      constantCount > 0 ? 'no feature left: every feature is constant over the rows kept' : 'no feature left',
      { file },
      'LAVA needs features that vary between samples: add such columns, or name them with --features (setting lava.features).',
    );
  }

  const features = kept.map((j) => candidates[j]);
  const F = features.length;
  const X = new Float64Array(E * F);
  for (let f = 0; f < F; f++) {
    const v = features[f].values;
    for (let e = 0; e < E; e++) X[e * F + f] = v[keptRows[e]];
  }

  const d = zColumns.length > 0 ? zColumns.length : 2;
  let Z: Float64Array | null = null;
  if (zColumns.length > 0) {
    Z = new Float64Array(E * d);
    for (let k = 0; k < d; k++) {
      const v = zColumns[k].values;
      for (let e = 0; e < E; e++) Z[e * d + k] = v[keptRows[e]];
    }
  }

  const metadata: MetadataColumn[] = [];
  for (const col of table.columns) {
    if (!metadataNames.has(col.name)) continue;
    if (col.kind === 'text') {
      const values = new Array<string>(E);
      for (let e = 0; e < E; e++) values[e] = col.values[keptRows[e]];
      metadata.push({ name: col.name, kind: 'text', values });
    } else {
      const values = new Array<number>(E);
      for (let e = 0; e < E; e++) values[e] = col.values[keptRows[e]];
      metadata.push({ name: col.name, kind: 'numeric', values });
    }
  }

  return {
    X,
    E,
    F,
    features: features.map((c) => c.name),
    Z,
    d,
    embeddingColumns: zColumns.map((c) => c.name),
    keptRows,
    droppedFeatures,
    droppedRows: { count: dropped, examples },
    metadata,
    notes,
  };
}

function checkUnique(names: string[], role: string, file: string): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) {
      throw new LavaInputError(`${role} column "${n}" is named twice`, { file }, 'Name each column once.');
    }
    seen.add(n);
  }
}

/** A readable list of names, cut short when long. */
function listNames(names: string[], max = 20): string {
  if (names.length === 0) return '(none)';
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown}, ... (${names.length - max} more)` : shown;
}
