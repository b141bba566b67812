// How far to trust each module: k by stability (or fixed), and per module strength, stability, significance and strong,
// from Step 2's localities and correlations; a context keeps what every k re-uses, so trying another k costs only its fits.
import { type NmfInit } from '../factorize/nmf';
import { checkpoint } from '../errors';
import { TOP_PAIRS } from '../modules';
import { seededUniform } from '../random';
import type { Factorization, Localities, LocalityCorrelations } from '../types';
import { activeLocalities } from '../../shared/result/active';
import { fitModules, type Fit, type FitOptions } from './fit';
import { localitySubsamples } from './resample';
import { scanK, type KCandidate, type KScanOptions } from './selectK';
import { withScanThread } from './scanThread';
import { heldOutRows, moduleSignificance, rowPermutations, type Permutations } from './significance';
import { Pool } from '../parallel/pool';
import { matchModules, patternCosines } from './match';
import { scoreResamples, stabilityAt, type StabilityAtK } from './stability';
import { moduleStrength } from './strength';
import { moduleSupport } from './support';
import { correlationWhereActive } from './units';
import { signSplit, type SignSplit } from '../factorize/sparse';
import { LavaInputError } from '../../shared/errors';
import { DEFAULT_NMF_SPARSENESS, type LavaParams } from '../../shared/params/types';
import type { ModuleSelection } from '../../shared/result/types';

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
  resampleBatch: 2,
  scanThreads: 'auto',
};

/** The settings a run's options give: the k range and the strong thresholds (more permutations below p = 0.01). */
export function trustSettings(p: Pick<LavaParams, 'modulesRange' | 'minStability' | 'maxPValue' | 'threads'>): TrustSettings {
  return {
    ...DEFAULT_TRUST,
    // --threads 1: the scan's subsample fits stay on this thread too (the bytes are the same either way).
    scanThreads: p.threads === 1 ? 'one' : DEFAULT_TRUST.scanThreads,
    range: [p.modulesRange[0], p.modulesRange[1]],
    stableAt: p.minStability,
    significantAt: p.maxPValue,
    // The p-value's floor is 1 / (permutations + 1): it must be able to reach the threshold.
    permutations: Math.max(DEFAULT_TRUST.permutations, Math.ceil(1 / p.maxPValue - 1e-9) - 1),
  };
}

export interface TrustInput {
  /** E x F features (row-major), the embedding (E x d) and Step 1 and 2's outputs. */
  X: Float64Array;
  E: number;
  F: number;
  Z: Float64Array;
  d: number;
  localities: Localities;
  correlations: LocalityCorrelations;
  params: {
    seed: number;
    nmfInit: NmfInit;
    nmfSparseness?: number;
    correlation: 'pearson' | 'spearman';
    factorization?: 'nmf' | 'boolean';
    minPairLocalities?: number;
    /** The run's thread count (1 keeps every fit on the calling thread). */
    threads?: number | 'auto';
  };
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
  permutations?: Permutations;
  /** Factorizations run in this context so far (the scan's, each k's final fit): what trying another k cost. */
  cost: { fits: number; onThread?: number };
}

export function trustContext(input: TrustInput, settings: TrustSettings = DEFAULT_TRUST): TrustContext {
  // the pairs in fewer than minPairLocalities localities are not factorized (unset: every pair, as before)
  const a = signSplit(input.correlations, input.params.minPairLocalities);
  // The run's seed draws the subsamples (and the null's permutations): another seed, other resamples.
  const subsets = localitySubsamples(a.rows, settings.fraction, settings.resamples, input.params.seed);
  return { input, settings, a, subsets, points: new Map(), cost: { fits: 0 } };
}

/** The options of Step 3's own fit (to convergence), or the scan's early-stopped one. */
export function fitOptions(ctx: TrustContext, scan: boolean, signal?: AbortSignal): FitOptions {
  const { params } = ctx.input;
  const sparseness = params.nmfSparseness ?? DEFAULT_NMF_SPARSENESS;
  const o: FitOptions = { method: params.factorization, init: params.nmfInit, sparseness, seed: params.seed, signal, count: ctx.cost };
  // --threads 1: NMF's H step on this thread as well (its second thread is otherwise its own choice).
  if (params.threads === 1) o.threads = 'one';
  return scan ? { ...o, tol: ctx.settings.scanTol, maxIter: ctx.settings.scanIterations } : o;
}

/** "auto" scans NMF fits: the k rule was set on them alone (docs/trust.md), so a Boolean run needs a k. */
export function checkModulesOption(p: Pick<LavaParams, 'modules' | 'factorization'>, file: string): void {
  if (p.modules === 'auto' && p.factorization === 'boolean')
    throw new LavaInputError(
      '{option:modules} "auto" chooses the number of modules by the stability of NMF fits; Boolean factorization has no such rule',
      { file, option: 'modules' },
      'Give {option:modules} a whole number (e.g. 8) with Boolean factorization, or use {option:factorization} nmf.',
    );
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
  moduleSelection: ModuleSelection;
  /** The final fit, as Step 3 returns it (same bytes as factorize at this k). */
  factorization: Factorization;
  /** One per factor, strongest first. */
  modules: ModuleTrust[];
}

export interface TrustProgress {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** The run's pool, for the significance test's null (without one, a pool of the run's threads for this call). */
  pool?: Pool;
}

/** Run the whole assessment: k by stability when modules is 'auto', else the given k. */
export async function assess(
  ctx: TrustContext,
  modules: number | 'auto',
  opts: TrustProgress = {},
): Promise<TrustReport> {
  let k: number;
  let candidates: KCandidate[] = [];
  const scanShare = modules === 'auto' ? 0.7 : 0;
  if (modules === 'auto') {
    // The pipeline refuses this with the user's words first (checkModulesOption); here it is a caller's bug.
    if (ctx.input.params.factorization === 'boolean') throw new RangeError('assess: "auto" scans NMF fits only');
    const scan = await scanK(ctx.a, ctx.subsets, ctx.settings, fitOptions(ctx, true, opts.signal), ctx.points, (f) =>
      opts.onProgress?.(scanShare * f),
    );
    k = scan.chosen;
    candidates = scan.candidates;
  } else k = modules;
  const report = await modulesAtK(ctx, k, {
    signal: opts.signal,
    pool: opts.pool,
    onProgress: (f) => opts.onProgress?.(scanShare + (1 - scanShare) * f),
  });
  return { ...report, moduleSelection: { mode: modules === 'auto' ? 'auto' : 'fixed', chosen: k, candidates } };
}

/**
 * The final fit at k and every module's trust; re-uses the context's A, subsamples, held-out rows and null.
 * The final fit goes on from the scan's full fit at k (the same start, the same first iterations: the same
 * bytes as a fit from the start, without redoing them). Progress: a scan point at k when it was not scanned
 * (or not scored on every subsample) to 0.2, the fit to 0.8, each module's trust to 1.
 */
export async function modulesAtK(
  ctx: TrustContext,
  k: number,
  opts: TrustProgress = {},
): Promise<Omit<TrustReport, 'moduleSelection'>> {
  const { signal } = opts;
  const progress = (f: number) => opts.onProgress?.(Math.min(1, f));
  const point = await pointAt(ctx, k, signal);
  progress(0.2);
  // Used once: a later fit at this k starts afresh (the same bytes), and the context does not hold its Ht.
  const resume = point.state;
  delete point.state;
  const fit = await fitModules(ctx.a, k, {
    ...fitOptions(ctx, false, signal),
    resume,
    onProgress: (f) => progress(0.2 + 0.6 * f),
  });
  progress(0.8);
  await checkpoint(signal);
  const stability = transferStability(fit.patterns, point, ctx.a.P);
  const strength = moduleStrength(ctx.a, fit.W, fit.Ht, k);
  const modules: ModuleTrust[] = [];
  // Another k after the run (step.ts) has no run's pool: one of the run's thread count for this call.
  const { threads } = ctx.input.params;
  const pool = opts.pool ?? new Pool({ threads: typeof threads === 'number' ? threads : undefined });
  try {
    for (let m = 0; m < k; m++) {
      await checkpoint(signal);
      modules.push(await moduleTrust(ctx, fit, m, { strength: strength[m], stability: stability[m] }, pool, signal));
      progress(0.8 + (0.2 * (m + 1)) / k);
    }
  } finally {
    if (!opts.pool) await pool.dispose();
  }
  modules.sort((x, y) => y.strength - x.strength || x.factor - y.factor);
  return {
    factorization: { k, W: fit.W, patterns: fit.patterns, iterations: fit.iterations, error: fit.error },
    modules,
  };
}

/** The scan's point at k, scored on every subsample (a point the scan stopped early is completed). */
async function pointAt(ctx: TrustContext, k: number, signal?: AbortSignal): Promise<StabilityAtK> {
  const point = ctx.points.get(k);
  if (point && point.resamples === ctx.subsets.length) return point;
  const o = fitOptions(ctx, true, signal);
  const { resampleBatch: batch, scanThreads } = ctx.settings;
  return withScanThread(ctx.a, scanThreads, async (thread) => {
    if (point) {
      await scoreResamples(ctx.a, point, ctx.subsets, o, { batch, thread });
      return point;
    }
    const at = await stabilityAt(ctx.a, k, ctx.subsets, o, { batch, thread });
    ctx.points.set(k, at);
    return at;
  });
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

async function moduleTrust(
  ctx: TrustContext,
  fit: Fit,
  m: number,
  { strength, stability }: { strength: number; stability: number },
  pool: Pool,
  signal?: AbortSignal,
): Promise<ModuleTrust> {
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
  const { p, ...heldOut } = await moduleSignificance(support, tested, elsewhere, ctx.heldOut, n, ctx.permutations, spearman, pool, signal);
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
