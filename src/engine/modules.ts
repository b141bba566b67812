// Step 3's summary: each factor turned into a module of the result (name, top pairs, pattern, activity, loadings).
import type { ModulePair, ModuleResult } from '../shared/result/types';
import type { Factorization, Localities, LocalityCorrelations } from './types';
import { pairOf } from '../shared/result/pairs';

/** The result lists at least this many of a module's strongest non-zero pairs (all of them when fewer). */
export const TOP_PAIRS = 200;

/** Round to 6 significant digits: enough for display and ranking, and keeps the JSON small. */
export function round6(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(6));
}

/** Pair indices of the `count` largest |h| (non-zero only), strongest first, ties by index. */
export function strongestPairs(h: Float32Array, count: number): Int32Array {
  let nz = 0;
  for (let q = 0; q < h.length; q++) if (h[q] !== 0) nz++;
  const take = Math.min(count, nz);
  if (take === 0) return new Int32Array(0);
  // The take-th largest |h| by a numeric typed-array sort, then only the pairs at or above it.
  const mags = new Float32Array(nz);
  let w = 0;
  for (let q = 0; q < h.length; q++) if (h[q] !== 0) mags[w++] = Math.abs(h[q]);
  mags.sort();
  const cut = mags[nz - take];
  const cand: number[] = [];
  for (let q = 0; q < h.length; q++) if (h[q] !== 0 && Math.abs(h[q]) >= cut) cand.push(q);
  cand.sort((a, b) => Math.abs(h[b]) - Math.abs(h[a]) || a - b);
  return Int32Array.from(cand.slice(0, take));
}

/**
 * One ModuleResult per factor, largest total loading first (ids renumbered 0..k-1 in that order;
 * ties keep the factor order). Activity of sample i = mean loading over the localities containing i
 * (0 where none does); featureWeights_i = sum_j |h(i, j)|.
 */
export function summarizeModules(
  fac: Factorization,
  corr: LocalityCorrelations,
  loc: Localities,
  E: number,
  features: string[],
): ModuleResult[] {
  const { k, W, patterns } = fac;
  const { P, F } = corr;
  const l = loc.count;
  const n = loc.size;
  if (features.length !== F)
    throw new Error(`summarizeModules: ${features.length} feature names for F = ${F}`);

  // How many localities hold each sample: shared by every module's activity.
  const cover = new Int32Array(E);
  for (let z = 0; z < l * n; z++) cover[loc.members[z]]++;

  const total = new Float64Array(k);
  for (let p = 0; p < l; p++) for (let m = 0; m < k; m++) total[m] += W[p * k + m];
  const order = Array.from({ length: k }, (_, m) => m).sort((a, b) => total[b] - total[a] || a - b);

  return order.map((m, id) => {
    const h = patterns.subarray(m * P, (m + 1) * P);
    const top = strongestPairs(h, TOP_PAIRS);
    const pairs: ModulePair[] = Array.from(top, (q) => {
      const [i, j] = pairOf(q, F);
      return { a: features[i], b: features[j], r: round6(h[q]) };
    });
    const name =
      pairs.length === 0
        ? `module ${id + 1} (empty)`
        : pairs
            .slice(0, 2)
            .map((x) => `${x.a}~${x.b} ${x.r > 0 ? '+' : '\u2212'}`)
            .join(', ');

    const sum = new Float64Array(E);
    let maxLoad = 0;
    for (let p = 0; p < l; p++) {
      const w = W[p * k + m];
      if (w > maxLoad) maxLoad = w;
      if (w === 0) continue;
      for (let s = p * n; s < (p + 1) * n; s++) sum[loc.members[s]] += w;
    }
    const activity = new Float32Array(E);
    for (let i = 0; i < E; i++) activity[i] = cover[i] > 0 ? sum[i] / cover[i] : 0;
    const loadings = new Float32Array(l);
    let localityCount = 0;
    for (let p = 0; p < l; p++) {
      const w = W[p * k + m];
      loadings[p] = w;
      if (maxLoad > 0 && w >= maxLoad / 2) localityCount++;
    }

    const fw = new Float64Array(F);
    let q = 0;
    for (let i = 0; i < F; i++)
      for (let j = i + 1; j < F; j++, q++) {
        const v = Math.abs(h[q]);
        if (v === 0) continue;
        fw[i] += v;
        fw[j] += v;
      }

    return {
      id,
      name,
      pairs,
      pattern: h.slice(),
      activity,
      loadings,
      featureWeights: Array.from(fw, round6),
      localityCount,
    };
  });
}
