// The LAVA steps in order: table -> prepared data -> embedding -> localities -> correlations -> modules -> result.
// Progress and cancellation run through every step; the same input, params and seed give the same result.
import { throwIfCancelled } from './errors';
import { readTableBytes, readTableFile } from './read/table';
import { prepare } from './prepare/prepare';
import { computeUmap } from './embedding/umap';
import { buildLocalities } from './localities/localities';
import { localityCorrelations } from './correlations/correlation';
import { factorize } from './factorize/nmf';
import { summarizeModules } from './modules';
import { buildResult } from './result';
import type { LavaResult } from '../shared/result/types';
import type { Localities, LocalityCorrelations, Prepared } from './types';
import { LavaInputError } from '../shared/errors';
import type { LavaParams } from '../shared/params/types';
import type { ProgressFn, Step } from '../shared/steps';

export interface PipelineInput {
  /** Path (or name) of the data file, used in errors and in the result. */
  file: string;
  /** The file's bytes when the caller already has them (the extension reads through workspace.fs). */
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
}

/** Smallest locality that still gives a usable Fisher threshold (n - 3 > 0 with some room). */
export const MIN_NEIGHBOURS = 5;

export async function runPipeline(
  input: PipelineInput,
  opts: { onProgress?: ProgressFn; signal?: AbortSignal } = {},
): Promise<PipelineOutput> {
  const { signal } = opts;
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  let mark = t0;
  const progress = (step: Step) => (fraction: number, message?: string) => opts.onProgress?.(step, fraction, message);
  const done = (step: Step) => {
    const now = performance.now();
    timings[step] = Math.round(now - mark);
    mark = now;
    opts.onProgress?.(step, 1);
  };

  const table = input.bytes
    ? await readTableBytes(input.bytes, input.file, { signal, onProgress: progress('read') })
    : await readTableFile(input.file, { signal, onProgress: progress('read') });
  done('read');
  throwIfCancelled(signal);

  const prepared = prepare(table, input.params);
  const params: LavaParams = { ...input.params };
  const notes = [...prepared.notes];
  const E = prepared.E;
  const need = 3 * MIN_NEIGHBOURS; // n = floor(E / 3) must reach MIN_NEIGHBOURS
  if (E < need) {
    const lastLine = table.lineOfRow.length ? table.lineOfRow[table.lineOfRow.length - 1] : 1;
    throw new LavaInputError(
      `too few rows: ${E} usable row${E === 1 ? '' : 's'}, LAVA needs at least ${need} (localities of ${MIN_NEIGHBOURS} or more)`,
      { file: input.file, line: lastLine },
      prepared.droppedRows.count > 0
        ? `${prepared.droppedRows.count} rows were dropped for missing or non-numeric values; fix them or add rows.`
        : 'Add rows to the file.',
    );
  }
  if (params.neighbors > Math.floor(E / 3)) {
    const lowered = Math.floor(E / 3);
    notes.push(`neighbours lowered from ${params.neighbors} to ${lowered} (floor of ${E} rows / 3)`);
    params.neighbors = lowered;
  }
  done('prepare');

  let Z = prepared.Z;
  let d = prepared.d;
  if (Z === null) {
    Z = await computeUmap(prepared.X, E, prepared.F, params, { signal, onProgress: progress('embedding') });
    d = 2;
  }
  done('embedding');

  const localities = await buildLocalities(Z, E, d, params, { signal, onProgress: progress('localities') });
  done('localities');

  const correlations = await localityCorrelations(prepared.X, E, prepared.F, localities, params, {
    signal,
    onProgress: progress('correlations'),
  });
  done('correlations');

  const factorization = await factorize(correlations, params, { signal, onProgress: progress('modules') });
  const modules = summarizeModules(factorization, correlations, localities, E, prepared.features);
  done('modules');
  throwIfCancelled(signal);

  timings.total = Math.round(performance.now() - t0);
  const result = buildResult({
    file: input.file,
    table,
    prepared,
    Z,
    d,
    params,
    paramSources: input.paramSources,
    configFile: input.configFile,
    notes,
    localities,
    correlations,
    factorization,
    modules,
    timings,
  });
  return { result, prepared: { ...prepared, Z, d }, localities, correlations };
}
