// The engine as its worker thread serves it over rpc: run (announcing the embedding as soon as it is known) and
// load, then another k and the webview's locality, pair, feature, selection and rows requests from what the last
// run or load kept. No thread code here, so tests can serve it in-process.
import { localityCorrelations } from '../engine/correlations/localityCorrelations';
import { runPipeline } from '../engine/pipeline';
import { resultAtK, type KeptTrust } from '../engine/trust/step';
import { prepare } from '../engine/prepare/prepare';
import { wideColumnsFor } from '../engine/prepare/wideColumns';
import { readDataset } from '../engine/read/readDataset';
import { readInputs } from '../engine/read/readInputs';
import type { Localities, LocalityCorrelations } from '../engine/types';
import type { Peer } from '../shared/rpc';
import type { EngineContract, EngineHostContract } from '../shared/workerProtocol';
import { pack } from '../shared/result/packed';
import { encodeResult } from '../shared/result/encode';
import { decodeResult } from '../shared/result/decode';
import { summarizeResult } from '../shared/result/summary';
import { membersOf } from '../shared/result/columns';
import type { Localities as ResultLocalities } from '../shared/result/types';
import { resultForFile } from '../engine/io/resultFile';
import { overallFraction, type Step } from '../shared/steps';
import type { LavaParams } from '../shared/params/types';
import type { LavaResult } from '../shared/result/types';
import {
  centredSums,
  columnMeans,
  correlationsFromSums,
  subtractSums,
  type CentredSums,
} from './selectionStats';

/** What the last run (or load) left behind: enough to answer requests without re-running. */
interface Kept {
  X: Float64Array;
  E: number;
  F: number;
  features: string[];
  params: LavaParams;
  /** Present after a run; after a load, a locality's correlations are computed on request from `localities`. */
  correlations: LocalityCorrelations | null;
  localities: ResultLocalities | null;
  /** After a run: its last result (the first, or the last k asked for) and what another k re-uses. */
  run: { result: LavaResult; trust: KeptTrust } | null;
  /** Sums over all rows for selection requests: computed on the first one, then reused. */
  global?: Promise<{ mean: Float64Array; sums: CentredSums }>;
}

type EnginePeer = Peer<EngineContract, EngineHostContract>;

/** Dense P-long upper triangle of locality `row` (zeros where the CSR holds nothing). */
export function localityPattern(corr: LocalityCorrelations, row: number): Float32Array {
  const out = new Float32Array(corr.P);
  for (let k = corr.rowPtr[row]; k < corr.rowPtr[row + 1]; k++) out[corr.pairIndex[k]] = corr.value[k];
  return out;
}

/** Values of features `a` and `b` for every kept row (X is E x F row-major). */
export function pairColumns(
  X: Float64Array,
  E: number,
  F: number,
  features: string[],
  a: string,
  b: string,
): { av: number[]; bv: number[] } {
  const ia = features.indexOf(a);
  const ib = features.indexOf(b);
  if (ia < 0) throw new Error(`unknown feature "${a}"`);
  if (ib < 0) throw new Error(`unknown feature "${b}"`);
  const av = new Array<number>(E);
  const bv = new Array<number>(E);
  for (let i = 0; i < E; i++) {
    av[i] = X[i * F + ia];
    bv[i] = X[i * F + ib];
  }
  return { av, bv };
}

/** One feature's values for every kept row (X is E x F row-major), as Float32. */
export function featureColumn(
  X: Float64Array,
  E: number,
  F: number,
  features: string[],
  feature: string,
): Float32Array {
  const f = features.indexOf(feature);
  if (f < 0) throw new Error(`unknown feature "${feature}"`);
  const out = new Float32Array(E);
  for (let i = 0; i < E; i++) out[i] = X[i * F + f];
  return out;
}

/** The embedding as a Float32 copy of its first two dimensions' rows, its buffer transferred to the host. */
function sendEmbedding(peer: EnginePeer, Z: ArrayLike<number>, dims: number): void {
  const coords = Float32Array.from(Z);
  peer.notify('embedding', { coords, dims }, [coords.buffer]);
}

/** The rows as given, after checking each names a kept row. */
function checkRows(rows: readonly number[], E: number): readonly number[] {
  for (const r of rows) if (r >= E) throw new Error(`no row ${r}: the data has ${E} rows`);
  return rows;
}

/** The values of `rows` (rows x F, row-major) as Float32. */
export function rowValues(X: Float64Array, F: number, rows: readonly number[]): Float32Array {
  const out = new Float32Array(rows.length * F);
  rows.forEach((r, k) => out.set(X.subarray(r * F, (r + 1) * F), k * F));
  return out;
}

/** Correlations inside `rows` and over the rest (selectionStats.ts); the global sums are kept for the next selection. */
async function selectionCorrelations(kept: Kept, rows: readonly number[], signal: AbortSignal) {
  const { X, E, F } = kept;
  const unique = Int32Array.from(new Set(checkRows(rows, E))).sort();
  if (!kept.global) {
    const mean = columnMeans(X, E, F);
    // Not tied to this request's signal: a cancelled selection must not leave a rejected promise kept for the next.
    kept.global = centredSums(X, E, F, mean, null).then((sums) => ({ mean, sums }));
  }
  const { mean, sums } = await kept.global;
  const inside = await centredSums(X, E, F, mean, unique, signal);
  const rest = subtractSums(sums, inside);
  return {
    features: kept.features,
    inside: pack(correlationsFromSums(inside, F)),
    rest: pack(correlationsFromSums(rest, F)),
    insideCount: inside.n,
    restCount: rest.n,
  };
}

/**
 * Progress at most every 50 ms per step (and always at a step's start and end): the host redraws a notification.
 * `overall` says how far the whole job is: a run's steps by their weights, or (changing k) the one step alone.
 */
function throttledProgress(
  peer: EnginePeer,
  overall: (step: Step, fraction: number) => number = overallFraction,
): (step: Step, fraction: number, message?: string) => void {
  let lastStep: Step | null = null;
  let lastTime = 0;
  return (step, fraction, message) => {
    const now = Date.now();
    if (step === lastStep && fraction < 1 && now - lastTime < 50) return;
    lastStep = step;
    lastTime = now;
    const f = Math.max(0, Math.min(1, fraction));
    peer.notify('progress', {
      step,
      fraction: f,
      overall: overall(step, f),
      ...(message ? { message } : {}),
    });
  };
}

/** One locality's correlations: from the run's CSR, or (after a load) computed for that locality alone. */
async function correlationsOf(
  kept: Kept,
  locality: number,
): Promise<{ corr: LocalityCorrelations; row: number }> {
  if (kept.correlations) {
    if (locality >= kept.correlations.count) throw new Error(`no locality ${locality}`);
    return { corr: kept.correlations, row: locality };
  }
  const loc = kept.localities;
  if (!loc || locality >= loc.count) throw new Error(`no locality ${locality}`);
  // A one-locality Localities: the correlation step only reads count, size and members.
  const one = { count: 1, size: loc.size, members: membersOf(loc, locality) } as Localities;
  return { corr: await localityCorrelations(kept.X, kept.E, kept.F, one, kept.params), row: 0 };
}

/** What the thread holds between requests: the last run's or load's data, or nothing yet. */
interface State {
  kept: Kept | null;
}

/** Answers the host's requests on `peer` until the thread ends. */
export function serveEngine(peer: EnginePeer): void {
  const state: State = { kept: null };
  const need = (): Kept => {
    if (!state.kept) throw new Error('no data loaded: run LAVA first');
    return state.kept;
  };
  serveRuns(peer, state, need);
  serveRequests(peer, need);
}

/** run, another k, load and inspect: what makes (or tells about) the data the other requests use. */
function serveRuns(peer: EnginePeer, state: State, need: () => Kept): void {
  peer.handle('run', async (req) => {
    const out = await runPipeline(req, {
      onProgress: throttledProgress(peer),
      onEmbedding: (Z, dims) => sendEmbedding(peer, Z, dims),
    });
    const p = out.prepared;
    state.kept = {
      X: p.X,
      E: p.E,
      F: p.F,
      features: p.features,
      params: out.result.params,
      correlations: out.correlations,
      localities: null,
      run: { result: out.result, trust: out.trust },
    };
    // Encoded here, off the host's thread: the host stores and forwards this text as it is.
    const text = encodeResult(resultForFile(out.result, req.resultPath));
    return { text, summary: summarizeResult(out.result) };
  });

  peer.handle('modulesAtK', async ({ k, resultPath }, { signal }) => {
    const run = need().run;
    if (!run)
      throw new Error(
        'changing k needs the localities and correlations of a run in this session (a result opened from a file has none); re-run LAVA, then pick k',
      );
    const progress = throttledProgress(peer, (_, f) => f);
    const result = await resultAtK(run.result, run.trust, k, {
      signal,
      onProgress: (f) => progress('modules', f, `k = ${k}`),
    });
    run.result = result;
    return { text: encodeResult(resultForFile(result, resultPath)), summary: summarizeResult(result) };
  });

  peer.handle('load', async (req) => {
    state.kept = await loadKept(req.file, req.text, req.params);
    return { rows: state.kept.E, features: state.kept.F };
  });

  peer.handle('inspect', async ({ file }) => {
    const ds = await readDataset(file);
    return {
      format: ds.format,
      rows: ds.rowCount,
      columns: ds.columns.map((c) => c.name),
      choices: ds.choices,
    };
  });
}

/** X prepared again from the data file of a result shown without its run; refused when the file has changed. */
async function loadKept(file: string, text: string, params: LavaParams): Promise<Kept> {
  const result = decodeResult(text, 'the shown result');
  const inputs = await readInputs(file, params, { wideColumns: wideColumnsFor(params) });
  const p = await prepare(inputs, params);
  const sameFeatures =
    p.features.length === result.features.length && p.features.every((f, i) => f === result.features[i]);
  if (!sameFeatures || p.E !== result.rowCount)
    throw new Error(
      `${file} changed since this result was made (its rows or features differ); re-run LAVA on it`,
    );
  return {
    X: p.X,
    E: p.E,
    F: p.F,
    features: p.features,
    params: result.params,
    correlations: null,
    localities: result.localities,
    run: null,
  };
}

/** The webview's requests, answered from what the last run or load kept. */
function serveRequests(peer: EnginePeer, need: () => Kept): void {
  peer.handle('locality', async ({ locality }) => {
    const k = need();
    const { corr, row } = await correlationsOf(k, locality);
    return { locality, pattern: pack(localityPattern(corr, row)), features: k.features };
  });

  peer.handle('pair', ({ a, b }) => {
    const k = need();
    return { a, b, ...pairColumns(k.X, k.E, k.F, k.features, a, b) };
  });

  peer.handle('feature', ({ feature }) => {
    const k = need();
    return { feature, values: pack(featureColumn(k.X, k.E, k.F, k.features, feature)) };
  });

  peer.handle('selection', ({ rows }, ctx) => selectionCorrelations(need(), rows, ctx.signal));

  peer.handle('rows', ({ rows }) => {
    const k = need();
    return { rows, features: k.features, values: pack(rowValues(k.X, k.F, checkRows(rows, k.E))) };
  });
}
