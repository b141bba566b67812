// The strongest feature pairs of a pattern, for the list beside a heatmap.
import { pairOf } from '../../src/shared/result/pairs';

export interface RankedPair {
  /** Positions in the feature list, i < j. */
  i: number;
  j: number;
  w: number;
}

/** The k pairs of largest |w| (non-zero only), strongest first; with `involving`, only pairs holding one of those features. */
export function topPairs(
  pattern: Float32Array,
  F: number,
  k: number,
  involving?: ReadonlySet<number>,
): RankedPair[] {
  const nz: number[] = [];
  for (let q = 0; q < pattern.length; q++) {
    if (pattern[q] === 0) continue;
    if (involving) {
      const [i, j] = pairOf(q, F);
      if (!involving.has(i) && !involving.has(j)) continue;
    }
    nz.push(q);
  }
  nz.sort((a, b) => Math.abs(pattern[b]) - Math.abs(pattern[a]) || a - b);
  return nz.slice(0, k).map((q) => {
    const [i, j] = pairOf(q, F);
    return { i, j, w: pattern[q] };
  });
}
