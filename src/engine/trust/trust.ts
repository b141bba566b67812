// How far to trust each module: k by stability (or fixed), and per module strength, stability, significance and strong,
// from Step 2's localities and correlations; a context keeps what every k re-uses, so trying another k costs only its fits.
import { signSplit, type NmfInit, type SignSplit } from '../factorize/nmf';
import { checkpoint } from '../errors';
import { TOP_PAIRS } from '../modules';
import { seededUniform } from '../random';
import type { Factorization, Localities, LocalityCorrelations } from '../types';
import { activeLocalities } from '../../shared/result/active';
import { columnSubset, fitNmf, strongColumns, type Fit, type FitOptions } from './fit';
import { localitySubsamples } from './resample';
import { scanK, type KCandidate, type KScanOptions } from './selectK';
import { heldOutRows, moduleSignificance, rowPermutations } from './significance';
import { moduleStability, resampleFits, type ResampleFits } from './stability';
import { moduleStrength } from './strength';
import { moduleSupport } from './support';
import { correlationWhereActive } from './units';

export interface TrustSettings extends KScanOptions {
  /** A module is significant when its permutation p-value is at most this. */
  significantAt: number;
  /** Row permutations of the null (the p-value's floor is 1 / (permutations + 1)). */
  permutations: number;
  /** At most this many of a module's active localities (the highest loadings) are tested. */
  testedPlaces: number;
  /** Stability fits see only A's strongest columns, holding this share of ||A||^2, with this tolerance. */
  scanShare: number;
  scanTol: number;
}

export const DEFAULT_TRUST: TrustSettings = {
  range: [2, 16],
  resamples: 4,
  fraction: 0.5,
  stableAt: 0.9,
  patience: 3,
  seed: 0,
  significantAt: 0.01,
  permutations: 99,
  testedPlaces: 25,
  scanShare: 0.9,
  scanTol: 1e-3,
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

/** What every k re-uses: A, its cheaper scan form, the subsamples, the held-out rows and the null's permutations. */
export interface TrustContext {
  input: TrustInput;
  settings: TrustSettings;
  a: SignSplit;
  scanA: SignSplit;
  /** 1 for pairs that the scan's columns cover: stability compares patterns on these only. */
  scanPairs: Uint8Array;
  subsets: Int32Array[];
  resamples: Map<number, ResampleFits>;
  heldOut?: Int32Array;
  permutations?: Int32Array[];
}

export function trustContext(input: TrustInput, settings: TrustSettings = DEFAULT_TRUST): TrustContext {
  const a = signSplit(input.correlations);
  const scanA = columnSubset(a, strongColumns(a, settings.scanShare, 0));
  const scanPairs = new Uint8Array(a.P);
  for (const c of scanA.colOf) scanPairs[c < a.P ? c : c - a.P] = 1;
  const subsets = localitySubsamples(a.rows, settings.fraction, settings.resamples, settings.seed);
  return { input, settings, a, scanA, scanPairs, subsets, resamples: new Map() };
}

function scanFit(ctx: TrustContext, signal?: AbortSignal): FitOptions {
  return { init: ctx.input.params.nmfInit, seed: ctx.input.params.seed, tol: ctx.settings.scanTol, signal };
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
  /** Pattern-weighted mean r where active, on the members and on held-out rows, and the latter's null mean. */
  correlation: number;
  heldOutCorrelation: number;
  nullCorrelation: number;
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
    const scan = await scanK(ctx.scanA, ctx.settings, scanFit(ctx, opts.signal), (f) => opts.onProgress?.(0.8 * f));
    k = scan.chosen;
    candidates = scan.candidates;
    ctx.resamples.set(k, scan.atChosen.fits);
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
  let fits = ctx.resamples.get(k);
  if (!fits) {
    fits = await resampleFits(ctx.scanA, k, ctx.subsets, scanFit(ctx, signal));
    ctx.resamples.set(k, fits);
  }
  await checkpoint(signal);
  const stability = moduleStability(maskPatterns(fit.patterns, ctx.scanPairs), k, fits, ctx.a.P);
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

/** Patterns with the pairs outside `keep` zeroed (a copy). */
function maskPatterns(patterns: Float32Array, keep: Uint8Array): Float32Array {
  const out = patterns.slice();
  for (let i = 0; i < out.length; i++) if (!keep[i % keep.length]) out[i] = 0;
  return out;
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
  ctx.permutations ??= rowPermutations(E, s.permutations, seededUniform(s.seed, 0x5161));
  // The most loaded active localities, when there are more than the test needs.
  const tested = Int32Array.from(places)
    .sort((x, y) => loadings[y] - loadings[x] || x - y)
    .slice(0, s.testedPlaces);
  const sig = moduleSignificance(support, tested, ctx.heldOut, n, ctx.permutations, spearman);
  return {
    factor: m,
    strength,
    stability,
    significance: sig.p,
    strong: stability >= s.stableAt && sig.p <= s.significantAt,
    pairs: support.pairs,
    pairCorrelation: where.pairs,
    correlation: where.pattern,
    heldOutCorrelation: sig.heldOut,
    nullCorrelation: sig.nullMean,
    active,
  };
}
