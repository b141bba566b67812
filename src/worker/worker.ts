// The engine's worker thread: runs the pipeline off the extension host's thread, posts progress, and keeps
// the last run's prepared X and locality correlations to answer the webview's locality and pair requests.
// Cancellation is the host terminating this thread, so nothing here needs to clean up after a cancel.
import { parentPort } from 'node:worker_threads';
import { localityCorrelations } from '../engine/correlations/correlation';
import { runPipeline } from '../engine/pipeline';
import { prepare } from '../engine/prepare/prepare';
import { readTableBytes } from '../engine/read/table';
import type { Localities, LocalityCorrelations } from '../engine/types';
import type { FromWorkerMessage, ToWorkerMessage, WorkerError } from '../shared/workerProtocol';
import { encodeFloat32 } from '../shared/result/codec';
import { overallFraction, type Step } from '../shared/steps';
import type { LavaParams } from '../shared/params/types';

/** What the last run (or load) left behind: enough to answer requests without re-running. */
interface Kept {
  X: Float64Array;
  E: number;
  F: number;
  features: string[];
  params: LavaParams;
  /** Present after a run; after a load, a locality's correlations are computed on request from `members`. */
  correlations: LocalityCorrelations | null;
  members: number[][] | null;
}

let kept: Kept | null = null;

function post(msg: FromWorkerMessage): void {
  parentPort?.postMessage(msg);
}

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

export function describeError(e: unknown): WorkerError {
  if (e instanceof Error) {
    const x = e as Error &
      Partial<Record<'file' | 'columnName' | 'hint', string>> &
      Partial<Record<'line' | 'column', number>>;
    return {
      name: e.name,
      message: e.message,
      file: x.file,
      line: x.line,
      column: x.column,
      columnName: x.columnName,
      hint: x.hint,
      stack: e.stack,
    };
  }
  return { name: 'Error', message: String(e) };
}

/** Progress at most every 50 ms per step (and always at a step's start and end): the host redraws a notification. */
function throttledProgress(): (step: Step, fraction: number, message?: string) => void {
  let lastStep: Step | null = null;
  let lastTime = 0;
  return (step, fraction, message) => {
    const now = Date.now();
    if (step === lastStep && fraction < 1 && now - lastTime < 50) return;
    lastStep = step;
    lastTime = now;
    post({ type: 'progress', step, fraction, overall: overallFraction(step, fraction), message });
  };
}

async function run(msg: Extract<ToWorkerMessage, { type: 'run' }>): Promise<void> {
  const out = await runPipeline(
    { file: msg.file, bytes: msg.bytes, params: msg.params, paramSources: msg.paramSources },
    { onProgress: throttledProgress() },
  );
  const p = out.prepared;
  kept = {
    X: p.X,
    E: p.E,
    F: p.F,
    features: p.features,
    params: out.result.params,
    correlations: out.correlations,
    members: null,
  };
  post({ type: 'done', result: out.result });
}

async function load(msg: Extract<ToWorkerMessage, { type: 'load' }>): Promise<void> {
  const table = await readTableBytes(msg.bytes, msg.file);
  const p = prepare(table, msg.params);
  const sameFeatures =
    p.features.length === msg.features.length && p.features.every((f, i) => f === msg.features[i]);
  if (!sameFeatures || p.E !== msg.rowCount) {
    throw new Error(
      `${msg.file} changed since this result was made (its rows or features differ); re-run LAVA on it`,
    );
  }
  kept = {
    X: p.X,
    E: p.E,
    F: p.F,
    features: p.features,
    params: msg.params,
    correlations: null,
    members: msg.members,
  };
  post({ type: 'loaded', rows: p.E, features: p.F });
}

async function answerLocality(requestId: number, locality: number): Promise<void> {
  if (!kept) throw new Error('no data loaded: run LAVA first');
  let corr = kept.correlations;
  let row = locality;
  if (!corr) {
    const members = kept.members?.[locality];
    if (!members) throw new Error(`no locality ${locality}`);
    // A one-locality Localities: the correlation step only reads count, size and members.
    const one = { count: 1, size: members.length, members: Int32Array.from(members) } as Localities;
    corr = await localityCorrelations(kept.X, kept.E, kept.F, one, kept.params);
    row = 0;
  }
  if (row < 0 || row >= corr.count) throw new Error(`no locality ${locality}`);
  post({
    type: 'localityCorrelations',
    requestId,
    locality,
    pattern: encodeFloat32(localityPattern(corr, row)),
    features: kept.features,
  });
}

function answerPair(requestId: number, a: string, b: string): void {
  if (!kept) throw new Error('no data loaded: run LAVA first');
  const { av, bv } = pairColumns(kept.X, kept.E, kept.F, kept.features, a, b);
  post({ type: 'pairValues', requestId, a, b, av, bv });
}

// Imported by tests for its pure helpers: listen only when actually running as a worker.
parentPort?.on('message', (msg: ToWorkerMessage) => {
  const job = async () => {
    switch (msg.type) {
      case 'run':
        return run(msg);
      case 'load':
        return load(msg);
      case 'requestLocality':
        return answerLocality(msg.requestId, msg.locality);
      case 'requestPair':
        return answerPair(msg.requestId, msg.a, msg.b);
    }
  };
  job().catch((e: unknown) => {
    if (msg.type === 'requestLocality' || msg.type === 'requestPair') {
      post({
        type: 'requestFailed',
        requestId: msg.requestId,
        message: e instanceof Error ? e.message : String(e),
      });
    } else {
      post({ type: 'failed', error: describeError(e) });
    }
  });
});
