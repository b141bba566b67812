// The LAVA steps in order: files -> prepared data -> embedding -> localities -> correlations -> modules (with how far
// to trust each) -> result. Progress and cancellation run through every step; the same input, params and seed give
// the same result.
import { throwIfCancelled } from './errors';
import { readInputs } from './read/readInputs';
import { lineOf } from './prepare/badRows';
import { prepare } from './prepare/prepare';
import { fitToRows } from './prepare/sizeRules';
import { wideColumnsFor } from './prepare/wideColumns';
import { checkDegenerate } from './prepare/degenerate';
import { computeUmap } from './embedding/umap';
import { buildLocalities } from './localities/localities';
import { localityCorrelations } from './correlations/localityCorrelations';
import { buildResult } from './result';
import { checkModulesOption } from './trust/trust';
import { Pool } from './parallel/pool';
import { trustedStep, type KeptTrust } from './trust/step';
import type { LavaResult } from '../shared/result/types';
import type { Localities, LocalityCorrelations, Prepared } from './types';
import type { LavaParams } from '../shared/params/types';
import type { ProgressFn, Step } from '../shared/steps';

export interface PipelineInput {
  /** Path of the data file, read in place (also by the extension's worker: large files are never copied whole). */
  file: string;
  /** A CSV's bytes already in memory (tests, benchmarks); `file` then only names it. */
  bytes?: Uint8Array;
  params: LavaParams;
  paramSources?: Partial<Record<keyof LavaParams, string>>;
  /** The .lava.json that gave options, recorded in the result. */
  configFile?: string;
}

export interface PipelineOutput {
  result: LavaResult;
  prepared: Prepared;
  localities: Localities;
  correlations: LocalityCorrelations;
  /** What changing k later re-uses (trust/step.ts resultAtK). */
  trust: KeptTrust;
}

/** Each step's progress, and how long each took (the result's timings, in ms). */
class StepClock {
  private readonly spent: Record<string, number> = {};
  private readonly start = performance.now();
  private mark = this.start;

  constructor(private readonly onProgress: ProgressFn | undefined) {}

  progress(step: Step): (fraction: number, message?: string) => void {
    return (fraction, message) => this.onProgress?.(step, fraction, message);
  }

  done(step: Step): void {
    const now = performance.now();
    this.spent[step] = Math.round(now - this.mark);
    this.mark = now;
    this.onProgress?.(step, 1);
  }

  /** Every step's time, then the total. */
  timings(): Record<string, number> {
    return { ...this.spent, total: Math.round(performance.now() - this.start) };
  }
}

/** Steps "read" and "prepare": the files, the prepared matrices, the params fitted to the rows, and the notes. */
async function readAndPrepare(input: PipelineInput, clock: StepClock, signal: AbortSignal | undefined) {
  const inputs = await readInputs(input.file, input.params, {
    signal,
    onProgress: clock.progress('read'),
    bytes: input.bytes,
    wideColumns: wideColumnsFor(input.params),
  });
  clock.done('read');
  throwIfCancelled(signal);

  const prepared = await prepare(inputs, input.params, { signal, onProgress: clock.progress('prepare') });
  const fitted = checkDegenerate(input.file, prepared, fitToRows(inputs.data, prepared, input.params));
  clock.done('prepare');
  return { data: inputs.data, prepared, params: fitted.params, notes: [...prepared.notes, ...fitted.notes] };
}

export interface RunOptions {
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  /** Called once the embedding is known (given or computed): E x d, row-major. */
  onEmbedding?: (Z: Float64Array, d: number) => void;
}

export async function runPipeline(input: PipelineInput, opts: RunOptions = {}): Promise<PipelineOutput> {
  // Before any work: a combination of options that cannot run.
  checkModulesOption(input.params, input.file);
  // One pool for the run's parallel steps; its threads start when a step first needs them and end with the run,
  // also when it fails or is cancelled.
  const threads = input.params.threads;
  const pool = new Pool({ threads: threads === 'auto' ? undefined : threads });
  try {
    return await runSteps(input, opts, pool);
  } finally {
    await pool.dispose();
  }
}

/** A run's params and their sources as the result records them: without the thread count, which changes no byte. */
function recorded(input: PipelineInput, params: LavaParams) {
  const { threads: _params, ...kept } = params;
  const sources = input.paramSources && { ...input.paramSources };
  delete sources?.threads;
  return { params: kept, paramSources: sources };
}

async function runSteps(input: PipelineInput, opts: RunOptions, pool: Pool): Promise<PipelineOutput> {
  const { signal } = opts;
  const clock = new StepClock(opts.onProgress);

  const { data, prepared, params, notes } = await readAndPrepare(input, clock, signal);
  const E = prepared.E;

  let Z = prepared.Z;
  let d = prepared.d;
  if (Z === null) {
    Z = await computeUmap(prepared.X, E, prepared.F, params, {
      signal,
      pool,
      onProgress: clock.progress('embedding'),
    });
    d = 2;
  }
  clock.done('embedding');
  opts.onEmbedding?.(Z, d);

  const localities = await buildLocalities(Z, E, d, params, {
    signal,
    pool,
    onProgress: clock.progress('localities'),
  });
  clock.done('localities');

  const correlations = await localityCorrelations(prepared.X, E, prepared.F, localities, params, {
    signal,
    pool,
    onProgress: clock.progress('correlations'),
  });
  clock.done('correlations');

  const step = await trustedStep(
    {
      X: prepared.X,
      E,
      F: prepared.F,
      Z,
      d,
      features: prepared.features,
      metadata: prepared.metadata,
      localities,
      correlations,
    },
    params,
    { signal, pool, onProgress: clock.progress('modules') },
  );
  clock.done('modules');
  throwIfCancelled(signal);

  const timings = clock.timings();
  const result = buildResult({
    file: input.file,
    table: {
      rowCount: data.rowCount,
      delimiter: data.delimiter ?? '',
      lineOfRow: Int32Array.from({ length: data.rowCount }, (_, r) => lineOf(data.rowNames, r)),
    },
    prepared,
    Z,
    d,
    ...recorded(input, params),
    configFile: input.configFile,
    notes,
    localities,
    correlations,
    factorization: step.report.factorization,
    moduleSelection: step.report.moduleSelection,
    modules: step.modules,
    timings,
  });
  return { result, prepared: { ...prepared, Z, d }, localities, correlations, trust: step.kept };
}
