// Matching the modules of two results by the cosine of their signed pair patterns over the features both hold:
// the Hungarian assignment of engine/trust/match.ts, then a threshold; the rest are "only in A" / "only in B".
import { pairCount, pairIndex } from '../../shared/result/pairs';
import { matchModules, patternCosines } from '../trust/match';
import type { MatchedPair } from '../../shared/compare/types';

/**
 * The default smallest cosine of a match. Unrelated sparse patterns over hundreds of pairs sit near 0; at 0.5 the
 * two share a quarter or more of their energy (cos^2), clearly the same structure, while a module that moved a
 * little between two embeddings (other localities, a few pairs more or less) still matches. The trust step's
 * 0.8 asks more because there the data and embedding are the same and only the subsample differs.
 */
export const DEFAULT_MATCH_THRESHOLD = 0.5;

export interface PatternSet {
  features: string[];
  /** k x P(features) signed patterns, row-major. */
  patterns: Float32Array;
  ids: number[];
}

/** The features both hold, in A's order, with their index in each. */
export function commonFeatures(a: string[], b: string[]): { names: string[]; ia: number[]; ib: number[] } {
  const inB = new Map(b.map((f, i) => [f, i]));
  const names: string[] = [];
  const ia: number[] = [];
  const ib: number[] = [];
  a.forEach((f, i) => {
    const j = inB.get(f);
    if (j === undefined) return;
    names.push(f);
    ia.push(i);
    ib.push(j);
  });
  return { names, ia, ib };
}

/** The patterns restricted to the pairs of the features `keep` (indices into `features`, in that order). */
export function restrictPatterns(p: Float32Array, k: number, F: number, keep: number[]): Float32Array {
  const Fc = keep.length;
  const Pc = pairCount(Fc);
  const P = pairCount(F);
  if (Fc === F && keep.every((f, i) => f === i)) return p;
  const out = new Float32Array(k * Pc);
  for (let m = 0; m < k; m++)
    for (let s = 0, q = 0; s < Fc; s++)
      for (let t = s + 1; t < Fc; t++, q++) out[m * Pc + q] = p[m * P + pairIndex(keep[s], keep[t], F)];
  return out;
}

/**
 * Pairs with cosine >= threshold, highest cosine first (ties by A's id); the unmatched ids of each side
 * ascending. `common` indexes the features both hold (commonFeatures).
 */
export function matchPatternSets(
  a: PatternSet,
  b: PatternSet,
  common: { ia: number[]; ib: number[] },
  threshold: number,
): { matched: MatchedPair[]; onlyA: number[]; onlyB: number[] } {
  const ka = a.ids.length;
  const kb = b.ids.length;
  const pa = restrictPatterns(a.patterns, ka, a.features.length, common.ia);
  const pb = restrictPatterns(b.patterns, kb, b.features.length, common.ib);
  const cos = patternCosines(pa, ka, pb, kb, pairCount(common.ia.length));
  const { to } = matchModules(cos, ka, kb);
  const matched: MatchedPair[] = [];
  const usedB = new Set<number>();
  for (let i = 0; i < ka; i++) {
    const j = to[i];
    if (j < 0 || cos[i * kb + j] < threshold) continue;
    matched.push({ a: a.ids[i], b: b.ids[j], cosine: cos[i * kb + j] });
    usedB.add(j);
  }
  matched.sort((x, y) => y.cosine - x.cosine || x.a - y.a);
  const inA = new Set(matched.map((m) => m.a));
  const onlyA = a.ids.filter((id) => !inA.has(id)).sort((x, y) => x - y);
  const onlyB = b.ids.filter((_, j) => !usedB.has(j)).sort((x, y) => x - y);
  return { matched, onlyA, onlyB };
}
