// Numbers behind the pair view: r inside vs outside the active rows, whether a feature's values are discrete,
// a deterministic jitter for discrete values, and 2-D bins for the density plot.
import type { PairMode } from '../store/state';

/** Pearson r of (a, b) over the rows where mask is `side` (all rows when mask is null); NaN below 3 rows or when constant. */
export function maskedPearson(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  mask: Uint8Array | null,
  side = 1,
): { r: number; n: number } {
  let n = 0;
  let ma = 0;
  let mb = 0;
  let cab = 0;
  let caa = 0;
  let cbb = 0;
  // One pass (Welford's co-moments): values of a feature can be large with small spread.
  for (let i = 0; i < a.length; i++) {
    if (mask && mask[i] !== side) continue;
    const x = a[i];
    const y = b[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    n++;
    const dx = x - ma;
    ma += dx / n;
    const dy = y - mb;
    mb += dy / n;
    cab += dx * (y - mb);
    caa += dx * (x - ma);
    cbb += dy * (y - mb);
  }
  const r = n >= 3 && caa > 0 && cbb > 0 ? cab / Math.sqrt(caa * cbb) : NaN;
  return { r: Math.max(-1, Math.min(1, r)), n };
}

/** The sorted distinct values when there are at most `max` of them, else null (a continuous feature). */
export function discreteValues(v: ArrayLike<number>, max = 24): number[] | null {
  const seen = new Set<number>();
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) continue;
    seen.add(v[i]);
    if (seen.size > max) return null;
  }
  return [...seen].sort((x, y) => x - y);
}

/** Smallest gap between neighbouring distinct values (1 when there is one value). */
function step(values: number[]): number {
  let s = Infinity;
  for (let k = 1; k < values.length; k++) s = Math.min(s, values[k] - values[k - 1]);
  return Number.isFinite(s) ? s : 1;
}

/** A fixed pseudo-random offset in [-0.5, 0.5) per row and axis: the same rows jitter the same way every time. */
function offset(i: number, axis: number): number {
  let h = Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(axis + 1, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h ^= h >>> 13;
  return (h >>> 0) / 2 ** 32 - 0.5;
}

/** Values of a discrete feature spread by up to 35% of its step, so stacked rows show as a cloud. */
export function jittered(v: ArrayLike<number>, values: number[], axis: number): Float64Array {
  const s = 0.7 * step(values);
  return Float64Array.from({ length: v.length }, (_, i) => v[i] + s * offset(i, axis));
}

/** The drawing for a pair: density for many rows, jitter where a feature is discrete, else plain points. */
export function resolvePairMode(mode: PairMode, n: number, discrete: boolean): Exclude<PairMode, 'auto'> {
  if (mode !== 'auto') return mode;
  if (n > 5000) return 'density';
  return discrete ? 'jitter' : 'points';
}

export interface Bins {
  /** Bin edges per axis: nx + 1 and ny + 1 values. */
  xEdges: number[];
  yEdges: number[];
  /** nx x ny counts, x-major (bin (i, j) at i * ny + j): all rows, and the active ones. */
  all: Uint32Array;
  active: Uint32Array;
}

/** Edges of `n` equal bins over the finite range of v, or one bin per value (centred) for a discrete feature. */
function edges(v: ArrayLike<number>, values: number[] | null, n: number): number[] {
  if (values) {
    const s = step(values);
    return [...values.map((x) => x - s / 2), values[values.length - 1] + s / 2];
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) continue;
    lo = Math.min(lo, v[i]);
    hi = Math.max(hi, v[i]);
  }
  if (!(hi > lo)) [lo, hi] = [lo - 0.5 || -0.5, lo + 0.5 || 0.5];
  return Array.from({ length: n + 1 }, (_, k) => lo + ((hi - lo) * k) / n);
}

function binOf(e: number[], x: number): number {
  let lo = 0;
  let hi = e.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (x >= e[mid]) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** 2-D counts of all rows and of the active ones; discrete features get one bin per value. */
export function bin2d(a: ArrayLike<number>, b: ArrayLike<number>, active: Uint8Array | null, n = 40): Bins {
  const xEdges = edges(a, discreteValues(a), n);
  const yEdges = edges(b, discreteValues(b), n);
  const ny = yEdges.length - 1;
  const all = new Uint32Array((xEdges.length - 1) * ny);
  const act = new Uint32Array(all.length);
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]) || !Number.isFinite(b[i])) continue;
    const k = binOf(xEdges, a[i]) * ny + binOf(yEdges, b[i]);
    all[k]++;
    if (active?.[i]) act[k]++;
  }
  return { xEdges, yEdges, all, active: act };
}
