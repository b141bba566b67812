// Orders a heatmap's features so that structure shows: clustered (average linkage on 1 - |w|), or by weight.
import { pairIndex } from '../../src/shared/result/pairs';
import type { HeatmapOrder } from '../store/state';
import { maxAbs } from './pattern';

/**
 * Leaf order of average-linkage (UPGMA) clustering of n items with distances D (n x n, row-major; overwritten).
 * A nearest-neighbour chain with Lance-Williams updates: O(n^2) time in one n x n array. (ml-hclust's agnes
 * builds a new matrix at every merge and scans it whole for the smallest distance: O(n^3), with n matrices.)
 * Ties go to the lower index, so the order is deterministic. `onMerge` hears each merge's height (for checks).
 * bench/kernels/clustering.bench.ts compares it with ml-hclust (same heights).
 */
export function averageLinkageOrder(
  D: Float64Array,
  n: number,
  onMerge?: (height: number) => void,
): Int32Array {
  const size = new Int32Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  const leaves: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const chain: number[] = [];
  for (let left = n; left > 1;) {
    if (chain.length === 0) chain.push(active.indexOf(1));
    const a = chain[chain.length - 1];
    const prev = chain.length > 1 ? chain[chain.length - 2] : -1;
    // The previous link wins ties: that is what makes the chain end in a reciprocal pair.
    let b = prev;
    let best = prev >= 0 ? D[a * n + prev] : Infinity;
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === a) continue;
      if (D[a * n + k] < best) [best, b] = [D[a * n + k], k];
    }
    if (b !== prev) {
      chain.push(b);
      continue;
    }
    chain.length -= 2;
    onMerge?.(best);
    mergeClusters(D, n, size, active, leaves, Math.min(a, b), Math.max(a, b));
    left--;
  }
  return Int32Array.from(leaves[active.indexOf(1)] ?? []);
}

/** Cluster j joins cluster i: average distances to every other cluster (Lance-Williams), leaves concatenated. */
function mergeClusters(
  D: Float64Array,
  n: number,
  size: Int32Array,
  active: Uint8Array,
  leaves: number[][],
  i: number,
  j: number,
): void {
  const ni = size[i];
  const nj = size[j];
  for (let k = 0; k < n; k++) {
    if (!active[k] || k === i || k === j) continue;
    const d = (ni * D[i * n + k] + nj * D[j * n + k]) / (ni + nj);
    D[i * n + k] = d;
    D[k * n + i] = d;
  }
  size[i] = ni + nj;
  active[j] = 0;
  leaves[i] = leaves[i].concat(leaves[j]);
  leaves[j] = [];
}

/** Sum of |w| per feature over a P-long pattern (a module's featureWeights, for any pattern). */
export function featureStrength(pattern: Float32Array, F: number): Float64Array {
  const out = new Float64Array(F);
  let q = 0;
  for (let i = 0; i < F; i++)
    for (let j = i + 1; j < F; j++, q++) {
      out[i] += Math.abs(pattern[q]);
      out[j] += Math.abs(pattern[q]);
    }
  return out;
}

/** The features' order for `mode`: position a shows feature order[a]. */
export function featureOrder(pattern: Float32Array, F: number, mode: HeatmapOrder): Int32Array {
  const identity = Int32Array.from({ length: F }, (_, i) => i);
  if (mode === 'file' || F < 3) return identity;
  if (mode === 'weight') {
    const w = featureStrength(pattern, F);
    return identity.sort((a, b) => w[b] - w[a] || a - b);
  }
  const max = maxAbs(pattern);
  const D = new Float64Array(F * F);
  let q = 0;
  for (let i = 0; i < F; i++)
    for (let j = i + 1; j < F; j++, q++) D[i * F + j] = D[j * F + i] = 1 - Math.abs(pattern[q]) / max;
  return averageLinkageOrder(D, F);
}

/** The pattern with its features in `order` (position a holds feature order[a]). */
export function permutePattern(pattern: Float32Array, F: number, order: Int32Array): Float32Array {
  const out = new Float32Array(pattern.length);
  let q = 0;
  for (let a = 0; a < F; a++)
    for (let b = a + 1; b < F; b++, q++) out[q] = pattern[pairIndex(order[a], order[b], F)];
  return out;
}
