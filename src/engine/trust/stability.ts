// Stability of a k-module fit: how well each module is found again when NMF sees only a subsample of the localities.
import { checkpoint } from '../errors';
import { fitModules, type Fit, type FitOptions } from './fit';
import { matchModules, patternCosines } from './match';
import { rowSubset } from './resample';
import type { SignSplit } from '../factorize/sparse';

/** The fits of A's row subsets at one k, kept so that any fit of the same k can be scored against them. */
export interface ResampleFits {
  k: number;
  patterns: Float32Array[];
  errors: number[];
}

export async function resampleFits(
  a: SignSplit,
  k: number,
  subsets: Int32Array[],
  o: FitOptions,
): Promise<ResampleFits> {
  const patterns: Float32Array[] = [];
  const errors: number[] = [];
  for (const rows of subsets) {
    await checkpoint(o.signal);
    const f = await fitModules(rowSubset(a, rows), k, { ...o, onProgress: undefined });
    patterns.push(f.patterns);
    errors.push(f.error);
  }
  return { k, patterns, errors };
}

/**
 * Per module of `patterns` (k x P): the mean, over the resample fits, of the cosine with the module it is
 * matched to (one-to-one, Hungarian on cosine). 1 = found again exactly every time; a module that a
 * resample splits, merges or does not find scores its (lower) matched cosine, and 0 when unmatched.
 */
export function moduleStability(patterns: Float32Array, k: number, fits: ResampleFits, P: number): Float64Array {
  const out = new Float64Array(k);
  for (const h of fits.patterns) {
    const { cosine } = matchModules(patternCosines(patterns, k, h, fits.k, P), k, fits.k);
    for (let m = 0; m < k; m++) out[m] += cosine[m] / fits.patterns.length;
  }
  return out;
}

/**
 * One point of the k curve: the full fit's patterns and error, its modules' stability, and the least stable
 * module's (the k's stability). Neither W and Ht nor the subsample fits are kept: a context keeps every
 * point, and at F = 784 one point's Ht alone is tens of MB, its subsample patterns 4 x k x 1.2 MB.
 */
export interface StabilityAtK {
  k: number;
  full: Pick<Fit, 'k' | 'patterns' | 'error'>;
  modules: Float64Array;
  stability: number;
}

export async function stabilityAt(
  a: SignSplit,
  k: number,
  subsets: Int32Array[],
  o: FitOptions,
): Promise<StabilityAtK> {
  const { patterns, error } = await fitModules(a, k, { ...o, onProgress: undefined });
  const fits = await resampleFits(a, k, subsets, o);
  const modules = moduleStability(patterns, k, fits, a.P);
  return { k, full: { k, patterns, error }, modules, stability: Math.min(...modules) };
}
