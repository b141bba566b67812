// The features of a matrix file (h5ad X, a layer, .npy): chosen by streaming statistics, so that only the kept
// features of the kept rows are ever made dense (a 100k x 20k sparse X never is).
import { dropIncomplete, type CheckedValues, type RowChoice, type RowSource } from './badRows';
import { rankFeatures } from './featureSelection';
import { listNames } from './names';
import type { FeatureMatrix, FeatureStats } from '../read/dataset';
import { LavaInputError } from '../../shared/errors';
import type { DroppedFeature } from '../../shared/result/types';
import type { LavaParams } from '../../shared/params/types';

export interface MatrixChoice extends RowChoice {
  /** E x F, row-major. */
  X: Float64Array;
  features: string[];
  droppedFeatures: DroppedFeature[];
}

export interface MatrixPassHooks {
  signal?: AbortSignal;
  /** Fraction of the passes done, 0..1. */
  onProgress?: (fraction: number) => void;
}

/**
 * Rows without a finite value in a candidate feature (or in `embedding`) are dropped; then constant features,
 * then all but the maxFeatures most variable; then one pass reads the kept block.
 */
export async function matrixFeatures(
  rows: RowSource,
  m: FeatureMatrix,
  embedding: CheckedValues | null,
  params: Pick<LavaParams, 'features' | 'maxFeatures'>,
  notes: string[],
  hooks: MatrixPassHooks = {},
): Promise<MatrixChoice> {
  const { signal, onProgress } = hooks;
  const part = (from: number, to: number) => ({
    signal,
    onProgress: (f: number) => onProgress?.(from + f * (to - from)),
  });
  const candidates = candidateFeatures(rows.file, m, params.features);
  const zBad = new Set(Array.from(embedding?.bad ?? []));
  const firstRows = zBad.size > 0 ? rowsWithout(rows.rowCount, zBad) : undefined;
  const first = await m.stats({ ...part(0, 0.4), rows: firstRows });
  const badFeature = await featureBadRows(m, candidates, first, firstRows, signal);
  const choice = await dropRows(rows, m, embedding, badFeature, notes, signal);
  // The spread is over the rows kept; a second pass only when some were dropped after the first.
  const stats =
    choice.keptRows.length === (firstRows?.length ?? rows.rowCount)
      ? first
      : await m.stats({ ...part(0.4, 0.6), rows: choice.keptRows });
  const names = candidates.map((c) => m.names[c]);
  const sds = candidates.map((c) => (stats.min[c] === stats.max[c] ? null : Math.sqrt(stats.variance[c])));
  const { kept, droppedFeatures } = rankFeatures(names, sds, params.maxFeatures, rows.file, notes);
  const columns = kept.map((j) => candidates[j]);
  const X = await m.block(columns, { ...part(0.6, 1), rows: choice.keptRows });
  return {
    ...choice,
    X,
    features: uniqueNames(
      columns.map((c) => m.names[c]),
      notes,
    ),
    droppedFeatures,
  };
}

/** Every feature, or those named (by the matrix's names), in the order named. */
function candidateFeatures(file: string, m: FeatureMatrix, named: string[]): number[] {
  if (named.length === 0) return Array.from({ length: m.cols }, (_, c) => c);
  const at = new Map<string, number>();
  m.names.forEach((n, c) => at.has(n) || at.set(n, c));
  return named.map((n) => {
    const c = at.get(n);
    if (c === undefined) {
      throw new LavaInputError(
        `has no feature "${n}" in ${m.source}`,
        { file, option: 'features' },
        `Name features of this matrix in {option:features}; they are: ${listNames(m.names)}.`,
      );
    }
    return c;
  });
}

function rowsWithout(count: number, bad: Set<number>): Int32Array {
  const out: number[] = [];
  for (let r = 0; r < count; r++) if (!bad.has(r)) out.push(r);
  return Int32Array.from(out);
}

/**
 * The rows holding a non-finite value in a candidate feature, and those features. The first pass already
 * knows them when every feature with such values is a candidate (the usual case: all are); otherwise only
 * the candidates with such values are read.
 */
async function featureBadRows(
  m: FeatureMatrix,
  candidates: number[],
  first: FeatureStats,
  rows: Int32Array | undefined,
  signal: AbortSignal | undefined,
): Promise<{ rows: Int32Array; features: number[] }> {
  const features = candidates.filter((c) => first.nonFinite[c] > 0);
  if (features.length === 0) return { rows: new Int32Array(0), features };
  let all = 0;
  for (let c = 0; c < m.cols; c++) if (first.nonFinite[c] > 0) all++;
  if (all === features.length) return { rows: first.badRows, features };
  const block = await m.block(features, { rows, signal });
  const k = features.length;
  const bad: number[] = [];
  const rowAt = (i: number) => (rows ? rows[i] : i);
  for (let i = 0; i * k < block.length; i++) {
    for (let j = 0; j < k; j++) {
      if (!Number.isFinite(block[i * k + j])) {
        bad.push(rowAt(i));
        break;
      }
    }
  }
  return { rows: Int32Array.from(bad), features };
}

/** Drops the rows bad in the embedding (listed first, as the leftmost column) or in a candidate feature. */
async function dropRows(
  rows: RowSource,
  m: FeatureMatrix,
  embedding: CheckedValues | null,
  badFeature: { rows: Int32Array; features: number[] },
  notes: string[],
  signal: AbortSignal | undefined,
): Promise<RowChoice> {
  const EMBEDDING = 0;
  const firstBad = new Int32Array(rows.rowCount).fill(-1);
  for (const r of badFeature.rows) firstBad[r] = 1;
  for (const r of Array.from(embedding?.bad ?? [])) firstBad[r] = EMBEDDING;
  // Which feature made a row bad is read for the rows listed as examples only (code 1 + its position).
  const listed: number[] = [];
  for (let r = 0; r < firstBad.length && listed.length < 10; r++) if (firstBad[r] > 0) listed.push(r);
  if (listed.length > 0) {
    const k = badFeature.features.length;
    const block = await m.block(badFeature.features, { rows: Int32Array.from(listed), signal });
    listed.forEach((r, i) => {
      for (let j = 0; j < k; j++) {
        if (!Number.isFinite(block[i * k + j])) {
          firstBad[r] = 1 + j;
          break;
        }
      }
    });
  }
  const columnOf = (code: number) =>
    code === EMBEDDING && embedding
      ? embedding
      : { name: m.names[badFeature.features[Math.max(0, code - 1)]] ?? '', index: -1 };
  return dropIncomplete(rows, firstBad, columnOf, notes);
}

/** Feature names must tell features apart (heatmap, pairs): repeats get -1, -2, ... as anndata makes them unique. */
function uniqueNames(names: string[], notes: string[]): string[] {
  const seen = new Set(names);
  const count = new Map<string, number>();
  const renamed: string[] = [];
  const out = names.map((n) => {
    const k = count.get(n) ?? 0;
    count.set(n, k + 1);
    if (k === 0) return n;
    let i = k;
    while (seen.has(`${n}-${i}`)) i++;
    const unique = `${n}-${i}`;
    seen.add(unique);
    renamed.push(unique);
    return unique;
  });
  if (renamed.length > 0)
    notes.push(`feature names repeat: renamed ${renamed.length} as ${listNames(renamed, 5)}`);
  return out;
}
