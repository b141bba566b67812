// Assembles the versioned result JSON from the steps' typed outputs. Numbers are rounded here so that
// the file stays small and identical runs give identical bytes.
import { SCHEMA_VERSION, type LavaResult, type ModuleResult, type ModuleSelection } from '../shared/result/types';
import type { Factorization, Localities, LocalityCorrelations, Prepared, Table } from './types';
import type { LavaParams } from '../shared/params/types';

export const TOOL_VERSION = '0.1.0';

/** 7 significant digits: below Float32 noise for coordinates and weights, and stable across runs. */
export function round7(x: number): number {
  return x === 0 || !Number.isFinite(x) ? 0 : Number(x.toPrecision(7));
}

function roundAll(a: ArrayLike<number>): number[] {
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = round7(a[i]);
  return out;
}

export interface ResultParts {
  file: string;
  table: Table;
  prepared: Prepared;
  Z: Float64Array;
  d: number;
  params: LavaParams;
  paramSources?: Partial<Record<keyof LavaParams, string>>;
  configFile?: string;
  notes: string[];
  localities: Localities;
  correlations: LocalityCorrelations;
  factorization: Factorization;
  moduleSelection: ModuleSelection;
  modules: ModuleResult[];
  timings: Record<string, number>;
}

/** The result's Step 3 fields: shared by a run's result and a result at another k (trust/step.ts). */
export function moduleFields(
  params: LavaParams,
  factorization: Factorization,
  moduleSelection: ModuleSelection,
  modules: ModuleResult[],
): Pick<LavaResult, 'factorization' | 'moduleSelection' | 'modules'> {
  return {
    factorization: {
      method: params.factorization,
      iterations: factorization.iterations,
      error: round7(factorization.error),
    },
    moduleSelection: {
      ...moduleSelection,
      candidates: moduleSelection.candidates.map((c) => ({ k: c.k, stability: round7(c.stability), error: round7(c.error) })),
    },
    modules,
  };
}

export function buildResult(p: ResultParts): LavaResult {
  const { localities: loc, prepared } = p;
  const members: number[][] = [];
  for (let l = 0; l < loc.count; l++) {
    members.push(Array.from(loc.members.subarray(l * loc.size, (l + 1) * loc.size)));
  }
  const rowLines = Array.from(prepared.keptRows, (r) => p.table.lineOfRow[r]);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'lava-explorer', version: TOOL_VERSION },
    source: {
      file: p.file,
      rows: p.table.rowCount,
      delimiter: p.table.delimiter,
      ...(p.configFile ? { config: p.configFile } : {}),
    },
    params: p.params,
    ...(p.paramSources ? { paramSources: p.paramSources } : {}),
    notes: p.notes,
    features: prepared.features,
    droppedFeatures: prepared.droppedFeatures,
    droppedRows: prepared.droppedRows,
    rowCount: prepared.E,
    rowLines,
    metadata: prepared.metadata,
    embedding: {
      columns: prepared.Z === null ? ['umap_1', 'umap_2'] : prepared.embeddingColumns,
      computed: prepared.Z === null ? 'umap' : 'given',
      dims: p.d,
      coords: roundAll(p.Z),
    },
    probes: roundAll(loc.probes),
    localities: { count: loc.count, size: loc.size, members },
    alpha: round7(loc.alpha),
    beta: round7(loc.beta),
    objective: loc.objective,
    directEvaluations: loc.evaluations,
    correlationThreshold: round7(p.correlations.threshold),
    ...moduleFields(p.params, p.factorization, p.moduleSelection, p.modules),
    // Last on purpose: the only field that differs between identical runs.
    timings: p.timings,
  };
}
