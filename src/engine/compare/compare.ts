// Comparing two results of the same rows: modules matched by pattern (./match.ts) and per-row neighbourhood
// overlap between the two maps (./overlap.ts), as a comparison (shared/compare/types.ts). Refuses results of
// different row counts, or with no feature in common, naming both files.
import { LavaInputError } from '../../shared/errors';
import type { ComparedInput, Comparison } from '../../shared/compare/types';
import { COMPARISON_KIND, COMPARISON_SCHEMA_VERSION } from '../../shared/compare/types';
import type { LavaResult } from '../../shared/result/types';
import { TOOL_VERSION } from '../result';
import { commonFeatures, DEFAULT_MATCH_THRESHOLD, matchPatternSets, type PatternSet } from './match';
import { DEFAULT_OVERLAP_K, neighbourhoodOverlap, overlapSummary } from './overlap';

/** A result to compare, with where it came from and the module ids its file marks strong (null: none marked). */
export interface CompareInput {
  file: string;
  result: LavaResult;
  strongIds: number[] | null;
}

export interface CompareOptions {
  threshold?: number;
  k?: number;
  signal?: AbortSignal;
}

function patternSet(r: LavaResult): PatternSet {
  const P = r.modules[0]?.pattern.length ?? 0;
  const patterns = new Float32Array(r.modules.length * P);
  r.modules.forEach((m, i) => patterns.set(m.pattern, i * P));
  return { features: r.features, patterns, ids: r.modules.map((m) => m.id) };
}

function describe(x: CompareInput): ComparedInput {
  const r = x.result;
  return {
    file: x.file,
    rows: r.rowCount,
    modules: r.modules.length,
    ...(x.strongIds ? { strong: x.strongIds.length, strongIds: x.strongIds } : {}),
    embedding: { computed: r.embedding.computed, columns: r.embedding.columns },
  };
}

function checkComparable(a: CompareInput, b: CompareInput): void {
  const [ra, rb] = [a.result.rowCount, b.result.rowCount];
  if (ra !== rb)
    throw new LavaInputError(
      `${a.file} has ${ra} rows and ${b.file} has ${rb}: only two results of the same rows can be compared`,
      { file: b.file },
      'Compare two results of the same data file (the same rows kept), e.g. two embeddings of it.',
    );
  if (ra < 2)
    throw new LavaInputError(
      `${a.file} and ${b.file} hold ${ra} row: neighbourhoods need at least 2 rows`,
      { file: b.file },
      'Compare results of data with more rows.',
    );
}

function sameLines(a: Int32Array, b: Int32Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export async function compareResults(a: CompareInput, b: CompareInput, opts: CompareOptions = {}): Promise<Comparison> {
  checkComparable(a, b);
  const threshold = opts.threshold ?? DEFAULT_MATCH_THRESHOLD;
  const notes: string[] = [];
  const common = commonFeatures(a.result.features, b.result.features);
  const [fa, fb] = [a.result.features.length, b.result.features.length];
  if (common.names.length < 2)
    throw new LavaInputError(
      `${a.file} (${fa} features) and ${b.file} (${fb} features) have ${common.names.length === 0 ? 'no feature' : 'only one feature'} in common by name: their patterns cannot be compared`,
      { file: b.file },
      'Compare results of the same data, or of data whose feature columns share their names.',
    );
  if (common.names.length < fa || common.names.length < fb)
    notes.push(`patterns compared over the ${common.names.length} features both hold (A has ${fa}, B has ${fb})`);
  if (!sameLines(a.result.rowLines, b.result.rowLines))
    notes.push('the two results kept rows from different file lines; rows are compared by position');
  const E = a.result.rowCount;
  const k = Math.min(opts.k ?? DEFAULT_OVERLAP_K, E - 1);
  if (k < (opts.k ?? DEFAULT_OVERLAP_K)) notes.push(`neighbours lowered to ${k}: there are only ${E} rows`);
  const { matched, onlyA, onlyB } = matchPatternSets(patternSet(a.result), patternSet(b.result), common, threshold);
  const strongA = new Set(a.strongIds ?? []);
  const kept = await neighbourhoodOverlap(a.result.embedding, b.result.embedding, E, k, opts.signal);
  return {
    kind: COMPARISON_KIND,
    schemaVersion: COMPARISON_SCHEMA_VERSION,
    tool: { name: 'lava-explorer', version: TOOL_VERSION },
    a: describe(a),
    b: describe(b),
    threshold,
    features: { common: common.names.length, a: fa, b: fb },
    matched,
    onlyA,
    onlyB,
    lostStrong: onlyA.filter((id) => strongA.has(id)),
    neighbourhood: { k, summary: overlapSummary(kept), kept },
    notes,
  };
}
