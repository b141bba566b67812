// Assembles the result from the steps' typed outputs: per-row arrays as typed arrays (Float32 for coordinates),
// each locality's rows ascending; the scalars rounded so that identical runs give identical bytes.
import {
  SCHEMA_VERSION,
  type LavaResult,
  type MetadataColumn,
  type ModuleResult,
  type ModuleSelection,
} from '../shared/result/types';
import { toCategories } from '../shared/result/columns';
import type { Factorization, Localities, LocalityCorrelations, Prepared, Table } from './types';
import type { LavaParams } from '../shared/params/types';

export const TOOL_VERSION = '0.1.0';

/** 7 significant digits for the fitted scalars (alpha, beta, threshold, error): short, and stable across runs. */
export function round7(x: number): number {
  // The steps check their input so that none can arise: a NaN or Infinity here is a bug, never written as 0.
  if (!Number.isFinite(x)) throw new Error(`a non-finite number (${x}) reached the result`);
  return x === 0 ? 0 : Number(x.toPrecision(7));
}

/** Each locality's rows ascending: the order the file packs smallest (delta-coded); nothing reads nearest-first. */
function sortedMembers(loc: Localities): Int32Array {
  const out = loc.members.slice(0, loc.count * loc.size);
  for (let l = 0; l < loc.count; l++) out.subarray(l * loc.size, (l + 1) * loc.size).sort();
  return out;
}

/** Prepared metadata in the result's form: numbers as Float64 (NaN where empty), text as categories. */
function metadataColumns(prepared: Prepared): MetadataColumn[] {
  return prepared.metadata.map((c) =>
    c.kind === 'numeric'
      ? { name: c.name, kind: 'numeric', values: Float64Array.from(c.values) }
      : { name: c.name, kind: 'text', ...toCategories(c.values) },
  );
}

export interface ResultParts {
  file: string;
  /** The data's rows: how many, a CSV's delimiter ('' for other formats), each row's line (or position). */
  table: Pick<Table, 'rowCount' | 'delimiter' | 'lineOfRow'>;
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
  const rowLines = Int32Array.from(prepared.keptRows, (r) => p.table.lineOfRow[r]);
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
    ...(prepared.rowNames ? { rowNames: prepared.rowNames } : {}),
    metadata: metadataColumns(prepared),
    embedding: {
      columns: prepared.Z === null ? ['umap_1', 'umap_2'] : prepared.embeddingColumns,
      computed: prepared.Z === null ? 'umap' : 'given',
      dims: p.d,
      coords: Float32Array.from(p.Z),
    },
    probes: Float32Array.from(loc.probes),
    localities: { count: loc.count, size: loc.size, members: sortedMembers(loc) },
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
