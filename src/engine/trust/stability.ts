// Stability of a k-module fit: how well each module is found again when NMF sees only a subsample of the localities.
import { checkpoint } from '../errors';
import { fitModules, type Fit, type FitOptions } from './fit';
import type { NmfState } from '../factorize/nmf';
import { matchModules, patternCosines, rowNorms } from './match';
import { rowSubset } from './resample';
import type { ScanThread } from './scanThread';
import type { SignSplit } from '../factorize/sparse';

/**
 * One point of the k curve: the full fit's patterns and error, its modules' stability, and the least stable
 * module's (the k's stability). Neither W and Ht nor the subsample fits are kept: a context keeps every
 * point, and at F = 784 one point's Ht alone is tens of MB, its subsample patterns 4 x k x 1.2 MB.
 * A scan may stop scoring a k early (`resamples` < the subsamples) once it cannot be stable: its modules'
 * stability is then the mean over the subsamples scored, and scoreResamples completes it when asked.
 */
export interface StabilityAtK {
  k: number;
  full: Pick<Fit, 'k' | 'patterns' | 'error'>;
  modules: Float64Array;
  stability: number;
  /** Per module, the sum over the subsamples scored of matched cosine / (number of subsamples). */
  sums: Float64Array;
  /** How many subsamples (the first ones) were scored. */
  resamples: number;
  /** Per module, 1 when the full fit has it in the same places as a stronger module: a part of that one (duplicateModules). */
  duplicate: Uint8Array;
  /** The full fit's NMF state, while the scan may choose this k (the final fit goes on from it: trust.ts). */
  state?: NmfState;
}

/** How a point's subsamples are scored: the early stop, how many between two checks of it, and a second core. */
export interface ScoreOptions {
  /** Stop once some module cannot reach this (0 = score every subsample). */
  stopBelow?: number;
  /** Subsamples fitted between two checks of the stop (a fixed number, so the thread count changes nothing). */
  batch?: number;
  /** Fits a batch's other subsamples while this thread fits its first (scanThread.ts); null = all here. */
  thread?: ScanThread | null;
}

/**
 * The point at k: the full fit (its state kept), then the subsamples scored in order; with `stopBelow`, the
 * scoring stops as soon as some module cannot reach it whatever the other subsamples give (the k is
 * unstable either way, and the scan's choice is the same as with every subsample scored).
 */
export async function stabilityAt(
  a: SignSplit,
  k: number,
  subsets: Int32Array[],
  o: FitOptions,
  score: ScoreOptions = {},
): Promise<StabilityAtK> {
  const { W, patterns, error, state } = await fitModules(a, k, { ...o, onProgress: undefined, keepState: true });
  const at: StabilityAtK = {
    k,
    full: { k, patterns, error },
    modules: new Float64Array(k),
    stability: 0,
    sums: new Float64Array(k),
    resamples: 0,
    duplicate: duplicateModules(W, a.rows, k, patterns, a.P),
    ...(state ? { state } : {}),
  };
  await scoreResamples(a, at, subsets, o, score);
  return at;
}

/** One subsample's fit: on the scan thread, or here (one thread when the scan thread has the other core). */
function subsampleFit(a: SignSplit, rows: Int32Array, k: number, o: FitOptions, thread: ScanThread | null | undefined, there: boolean) {
  if (!there || !thread) return fitModules(rowSubset(a, rows), k, { ...o, onProgress: undefined, ...(thread ? { threads: 'one' } : {}) });
  if (o.count) {
    o.count.fits++;
    o.count.onThread = (o.count.onThread ?? 0) + 1;
  }
  const { seed, init, tol, maxIter, sparseness } = o;
  return thread.fit({ rows, k, seed, init, tol, maxIter, sparseness });
}

/** A batch's fits, in order: with a thread, the first here and the others there, asked for first so that they run meanwhile. */
async function batchFits(a: SignSplit, rows: Int32Array[], k: number, o: FitOptions, thread?: ScanThread | null) {
  if (!thread) {
    const fits = [];
    for (const r of rows) fits.push(await subsampleFit(a, r, k, o, null, false));
    return fits;
  }
  const started = new Array<ReturnType<typeof subsampleFit>>(rows.length);
  for (let i = rows.length - 1; i >= 0; i--) started[i] = subsampleFit(a, rows[i], k, o, thread, i > 0);
  return Promise.all(started);
}

/**
 * Scores `at` on subsets[at.resamples..] in order, `batch` at a time (one fit each, matched to the full fit
 * one-to-one). A module's stability adds at most 1 / R per subsample left (a cosine is at most 1): when, after
 * a batch, some module's sum plus that stays below stopBelow (less a margin for rounding), the k is unstable
 * and the rest is skipped.
 */
export async function scoreResamples(
  a: SignSplit,
  at: StabilityAtK,
  subsets: Int32Array[],
  o: FitOptions,
  { stopBelow = 0, batch = 1, thread }: ScoreOptions = {},
): Promise<void> {
  const { k } = at;
  const R = subsets.length;
  // A k whose fit repeats a module is unstable whatever its subsamples give (its copy scores 0 below): after one
  // batch, so that the curve still shows how its other modules fared.
  const hopeless = () =>
    (stopBelow > 0 && at.resamples > 0 && at.duplicate.includes(1)) ||
    at.sums.some((s) => s + (R - at.resamples) / R < stopBelow - 1e-9);
  while (at.resamples < R && !hopeless()) {
    await checkpoint(o.signal);
    const rows = subsets.slice(at.resamples, at.resamples + Math.max(1, batch));
    for (const f of await batchFits(a, rows, k, o, thread)) {
      const { cosine } = matchModules(patternCosines(at.full.patterns, k, f.patterns, k, a.P), k, k);
      for (let m = 0; m < k; m++) at.sums[m] += cosine[m] / R;
      at.resamples++;
    }
  }
  // All scored: the sums are the means (each module's mean matched cosine over the R subsamples); else the mean over those scored.
  const scale = at.resamples === R ? 1 : R / Math.max(1, at.resamples);
  at.modules = at.sums.map((s, m) => (at.duplicate[m] ? 0 : s * scale));
  at.stability = Math.min(...at.modules);
}

/** Two modules of one fit loaded this alike over the localities (cosine of W's columns) are one module split in two. */
export const DUPLICATE_COSINE = 0.9;

/**
 * Per module of a fit (W: l x k loadings, row-major; patterns: k x P), 1 when its loadings' cosine with a
 * stronger module's (larger |w| x |h|) is at least DUPLICATE_COSINE: the two are switched on in the same places.
 * To a locality-based method that is one module (their sum fits A as well; docs/trust.md). Past the number of
 * modules the data holds, NMF may cut one module's pairs into two parts with the same loadings, the same way in
 * every subsample, and each part is then "found again" (stability 1) though it adds nothing: on a planted
 * two-module .h5ad, k = 3 held the T-cell module in two parts and was chosen as the largest stable k. Such a
 * part counts as not found (stability 0), so the k is not stable, and a user who picks it sees the part weak.
 */
export function duplicateModules(W: Float64Array, l: number, k: number, patterns: Float32Array, P: number): Uint8Array {
  const wNorm = new Float64Array(k);
  const dot = new Float64Array(k * k);
  for (let p = 0; p < l; p++)
    for (let i = 0; i < k; i++) {
      const wi = W[p * k + i];
      if (wi === 0) continue;
      for (let j = 0; j < k; j++) dot[i * k + j] += wi * W[p * k + j];
    }
  for (let i = 0; i < k; i++) wNorm[i] = Math.sqrt(dot[i * k + i]);
  const hNorm = rowNorms(patterns, k, P);
  const size = wNorm.map((w, m) => w * hNorm[m]);
  const out = new Uint8Array(k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      if (j === i || wNorm[i] === 0 || wNorm[j] === 0) continue;
      const stronger = size[j] > size[i] || (size[j] === size[i] && j < i);
      if (stronger && dot[i * k + j] / (wNorm[i] * wNorm[j]) >= DUPLICATE_COSINE) out[i] = 1;
    }
  return out;
}
