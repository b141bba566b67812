// Choosing the number of modules k by stability: the largest k in a range whose every module is found again over locality subsamples.
import { checkpoint } from '../errors';
import type { FitOptions } from './fit';
import { stabilityAt, type ScoreOptions, type StabilityAtK } from './stability';
import { withScanThread } from './scanThread';
import type { SignSplit } from '../factorize/sparse';
import type { KCandidate } from '../../shared/result/types';

export interface KScanOptions {
  /** Smallest and largest k tried (inclusive). */
  range: [number, number];
  /** A k is stable when its least stable module reaches this (matched pattern cosine). */
  stableAt: number;
  /** Stop after this many unstable k in a row (past the last stable one, if any; 0 = try the whole range)... */
  patience: number;
  /** ...but not before this k: below it, merges of overlapping modules can be unstable for a few k in a row. */
  scanAtLeast: number;
  /** Subsamples fitted between two checks of a k's early stop (stability.ts): 2, one for each core. */
  resampleBatch: number;
  /** A thread for a batch's second fit: 'auto' = when A is large and there is a second core (scanThread.ts). */
  scanThreads: 'auto' | 'one' | 'two';
}

export type { KCandidate };

export interface KScan {
  chosen: number;
  candidates: KCandidate[];
  /** Every point tried, by k (the chosen one scores the final modules; the others serve a change of k). */
  points: Map<number, StabilityAtK>;
}

/**
 * Tries k upward from range[0]; a k is scored only until it cannot be stable (stability.ts), which does not
 * change the choice. The chosen k is the largest stable one (every module's stability >=
 * stableAt); when none is, the smallest k of the range. `patience` unstable ones in a row end the scan (not
 * before scanAtLeast): above the true number of modules the extra ones fit noise or split a module
 * differently in each subsample, and more k only adds more of them (docs/trust.md). This holds with no
 * stable k as well: on digits, where none of 2..8 is stable, neither is any of 9..16 (at most 0.73), and
 * scanning on to the range's end cost 15 k instead of 7.
 */
export async function scanK(
  a: SignSplit,
  subsets: Int32Array[],
  scan: KScanOptions,
  fit: FitOptions,
  known: Map<number, StabilityAtK> = new Map(),
  onProgress?: (fraction: number) => void,
): Promise<KScan> {
  const [lo, hi] = scan.range;
  if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo >= 1 && hi >= lo))
    throw new RangeError(`scanK: range [${lo}, ${hi}] must be whole numbers with 1 <= lo <= hi`);
  return withScanThread(a, scan.scanThreads, (thread) =>
    scanWith(a, subsets, scan, fit, known, { stopBelow: scan.stableAt, batch: scan.resampleBatch, thread }, onProgress),
  );
}

async function scanWith(
  a: SignSplit,
  subsets: Int32Array[],
  scan: KScanOptions,
  fit: FitOptions,
  known: Map<number, StabilityAtK>,
  score: ScoreOptions,
  onProgress?: (fraction: number) => void,
): Promise<KScan> {
  const [lo, hi] = scan.range;
  const points: StabilityAtK[] = [];
  let lastStable: StabilityAtK | null = null;
  let misses = 0;
  for (let k = lo; k <= hi; k++) {
    await checkpoint(fit.signal);
    const at = known.get(k) ?? (await stabilityAt(a, k, subsets, fit, score));
    known.set(k, at);
    points.push(at);
    onProgress?.((k - lo + 1) / (hi - lo + 1));
    if (at.stability >= scan.stableAt) {
      if (lastStable !== points[0]) delete lastStable?.state;
      lastStable = at;
      misses = 0;
    } else {
      if (at !== points[0]) delete at.state;
      if (scan.patience > 0 && ++misses >= scan.patience && k >= scan.scanAtLeast) break;
    }
  }
  // No stable k: the smallest, so that the fewest (all weak) modules are shown.
  const chosen = lastStable ?? points[0];
  // Only the chosen k's full fit is continued (trust.ts): the others' states go.
  for (const p of points) if (p !== chosen) delete p.state;
  return {
    chosen: chosen.k,
    candidates: points.map((p) => ({ k: p.k, stability: p.stability, error: p.full.error })),
    points: known,
  };
}
