// How far to trust each module: k by stability (or fixed), and per module strength, stability, significance and strong,
// from Step 2's localities and correlations; a context keeps what every k re-uses, so trying another k costs only its fits.
import { type NmfInit } from '../factorize/nmf';
import { checkpoint } from '../errors';
import { TOP_PAIRS } from '../modules';
import { seededUniform } from '../random';
import type { Factorization, Localities, LocalityCorrelations } from '../types';
import { activeLocalities } from '../../shared/result/active';
import { fitNmf, type Fit, type FitOptions } from './fit';
import { localitySubsamples } from './resample';
import { scanK, type KCandidate, type KScanOptions } from './selectK';
import { heldOutRows, moduleSignificance, rowPermutations } from './significance';
import { matchModules, patternCosines } from './match';
import { stabilityAt, type StabilityAtK } from './stability';
import { moduleStrength } from './strength';
import { moduleSupport } from './support';
import { correlationWhereActive } from './units';
import { signSplit, type SignSplit } from '../factorize/sparse';

export interface TrustSettings extends KScanOptions {
  /** Locality subsamples per k, and the share of localities each keeps. */
  resamples: number;
  fraction: number;
  /** A module is significant when its permutation p-value is at most this. */
  significantAt: number;
  /** Row permutations of the null (the p-value's floor is 1 / (permutations + 1)). */
  permutations: number;
  /** At most this many of a module's active localities (the highest loadings) are tested. */
  testedPlaces: number;
  /** The fits of the k scan (each k's full fit and its subsample fits) stop at this tolerance or iteration count. */
  scanTol: number;
  scanIterations: number;
}

export const DEFAULT_TRUST: TrustSettings = {
  range: [2, 16],
  resamples: 4,
  fraction: 0.5,
  stableAt: 0.9,
  patience: 3,
  scanAtLeast: 8,
  significantAt: 0.01,
  permutations: 99,
  testedPlaces: 25,
  scanTol: 1e-3,
  scanIterations: 30,
};

export interface TrustInput {
  /** E x F features (row-major), the embedding (E x d) and Step 1 and 2's outputs. */
  X: Float64Array;
  E: number;
  F: number;
  Z: Float64Array;
  d: number;
  localities: Localities;
  correlations: LocalityCorrelations;
  params: { seed: number; nmfInit: NmfInit; correlation: 'pearson' | 'spearman' };
}

/** What every k re-uses: A, the subsamples, the held-out rows and the null's permutations, and the scan's fits. */
export interface TrustContext {
  input: TrustInput;
  settings: TrustSettings;
  a: SignSplit;
  subsets: Int32Array[];
  /** Every k scanned so far (its full fit and subsample fits). */
  points: Map<number, StabilityAtK>;
  heldOut?: Int32Array;
  permutations?: Int32Array[];
}

export function trustContext(input: TrustInput, settings: TrustSettings = DEFAULT_TRUST): TrustContext {
  const a = signSplit(input.correlations);
  // The run's seed draws the subsamples (and the null's permutations): another seed, other resamples.
  const subsets = localitySubsamples(a.rows, settings.fraction, settings.resamples, input.params.seed);
  return { input, settings, a, subsets, points: new Map() };
}

function scanFit(ctx: TrustContext, signal?: AbortSignal): FitOptions {
  const { scanTol: tol, scanIterations: maxIter } = ctx.settings;
  return { init: ctx.input.params.nmfInit, seed: ctx.input.params.seed, tol, maxIter, signal };
}

export interface ModuleTrust {
  /** Index of the factor in the fit (W's column, the patterns' row). */
  factor: number;
  strength: number;
  stability: number;
  /** Permutation p-value against rows of X shuffled over the map. */
  significance: number;
  strong: boolean;
  /** The support: the module's strongest pairs (pair indices), and each one's mean r where the module is active. */
  pairs: Int32Array;
  pairCorrelation: Float64Array;
  /** Pattern-weighted mean r where active (on the members). */
  correlation: number;
  /** The test's numbers: pattern-weighted mean r on held-out rows where active and elsewhere, and the null's contrast. */
  heldOut: { active: number; elsewhere: number; nullContrast: number };
  /** Active localities (shared/result/active.ts). */
  active: Uint8Array;
}

export interface TrustReport {
  moduleSelection: { mode: 'auto' | 'fixed'; chosen: number; candidates: KCandidate[] };
  /** The final fit, as Step 3 returns it (same bytes as factorize at this k). */
  factorization: Factorization;
  /** One per factor, strongest first. */
  modules: ModuleTrust[];
}

/** Run the whole assessment: k by stability when modules is 'auto', else the given k. */
export async function assess(
  ctx: TrustContext,
  modules: number | 'auto',
  opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<TrustReport> {
  let k: number;
  let candidates: KCandidate[] = [];
  if (modules === 'auto') {
    const scan = await scanK(ctx.a, ctx.subsets, ctx.settings, scanFit(ctx, opts.signal), ctx.points, (f) =>
      opts.onProgress?.(0.8 * f),
    );
    k = scan.chosen;
    candidates = scan.candidates;
  } else k = modules;
  const report = await modulesAtK(ctx, k, opts.signal);
  opts.onProgress?.(1);
  return { ...report, moduleSelection: { mode: modules === 'auto' ? 'auto' : 'fixed', chosen: k, candidates } };
}

/** The final fit at k and every module's trust; re-uses the context's A, subsamples, held-out rows and null. */
export async function modulesAtK(
  ctx: TrustContext,
  k: number,
  signal?: AbortSignal,
): Promise<Omit<TrustReport, 'moduleSelection'>> {
  const { params } = ctx.input;
  const fit = await fitNmf(ctx.a, k, { init: params.nmfInit, seed: params.seed, signal });
  let point = ctx.points.get(k);
  if (!point) {
    point = await stabilityAt(ctx.a, k, ctx.subsets, scanFit(ctx, signal));
    ctx.points.set(k, point);
  }
  await checkpoint(signal);
  const stability = transferStability(fit.patterns, point, ctx.a.P);
  const strength = moduleStrength(ctx.a, fit.W, fit.Ht, k);
  const modules: ModuleTrust[] = [];
  for (let m = 0; m < k; m++) {
    await checkpoint(signal);
    modules.push(moduleTrust(ctx, fit, m, strength[m], stability[m]));
  }
  modules.sort((x, y) => y.strength - x.strength || x.factor - y.factor);
  return {
    factorization: { k, W: fit.W, patterns: fit.patterns, iterations: fit.iterations, error: fit.error },
    modules,
  };
}

/**
 * Stability of the final modules from the scan's point at the same k: each final module is matched to
 * one of the scan's full-fit modules, and its stability is that module's times the match's cosine. The
 * scan's fits stop early (cheap enough to repeat for every k and subsample); where the converged module
 * has moved away from the early one, it is that much less certain.
 */
function transferStability(patterns: Float32Array, point: StabilityAtK, P: number): Float64Array {
  const k = point.k;
  const { cosine, to } = matchModules(patternCosines(patterns, k, point.full.patterns, k, P), k, k);
  return Float64Array.from({ length: k }, (_, m) => (to[m] < 0 ? 0 : cosine[m] * point.modules[to[m]]));
}

function moduleTrust(ctx: TrustContext, fit: Fit, m: number, strength: number, stability: number): ModuleTrust {
  const { X, E, F, Z, d, localities: loc, params } = ctx.input;
  const s = ctx.settings;
  const l = loc.count;
  const n = loc.size;
  const spearman = params.correlation === 'spearman';
  const P = ctx.a.P;
  const support = moduleSupport(fit.patterns.subarray(m * P, (m + 1) * P), TOP_PAIRS, X, E, F);
  const loadings = Float64Array.from({ length: l }, (_, p) => fit.W[p * fit.k + m]);
  const active = activeLocalities(loadings);
  const places = Int32Array.from(active.keys()).filter((p) => active[p] === 1);
  const where = correlationWhereActive(support, places, loc.members, n, spearman);
  ctx.heldOut ??= heldOutRows(Z, E, d, loc);
  ctx.permutations ??= rowPermutations(E, s.permutations, seededUniform(params.seed, 0x5161));
  // The most loaded active localities, and a spread of the others, when there are more than the test needs.
  const tested = Int32Array.from(places)
    .sort((x, y) => loadings[y] - loadings[x] || x - y)
    .slice(0, s.testedPlaces);
  const others = Int32Array.from(active.keys()).filter((p) => active[p] === 0);
  const step = Math.max(1, others.length / s.testedPlaces);
  const elsewhere = Int32Array.from({ length: Math.min(others.length, s.testedPlaces) }, (_, i) => others[Math.floor(i * step)]);
  const { p, ...heldOut } = moduleSignificance(support, tested, elsewhere, ctx.heldOut, n, ctx.permutations, spearman);
  return {
    factor: m,
    strength,
    stability,
    significance: p,
    strong: stability >= s.stableAt && p <= s.significantAt,
    pairs: support.pairs,
    pairCorrelation: where.pairs,
    correlation: where.pattern,
    heldOut,
    active,
  };
}
