// A result's file form: the JSON text a run writes (and the worker hands the host), per-row arrays packed
// (./packed.ts), or with `plainArrays` as plain JSON numbers and strings. Same result, same bytes.
import { deltaEncode, pack, quantize, type NumericArray, type Packed } from './packed';
import { membersOf } from './columns';
import type { LavaResult, MetadataColumn, ModuleResult } from './types';

export interface EncodeOptions {
  /** Every array as plain JSON numbers (text metadata as strings), for readers without a decoder. */
  plainArrays?: boolean;
}

/** The shortest decimal that reads back as the same Float32 value: plain files stay short, and exact. */
export function float32Number(v: number): number {
  if (v === 0 || !Number.isFinite(v)) return v === 0 ? 0 : v;
  // More digits never read back further from v, so the shortest that round-trips is found by bisection.
  let lo = 1;
  let hi = 9;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Math.fround(Number(v.toPrecision(mid))) === v) hi = mid;
    else lo = mid + 1;
  }
  return Number(v.toPrecision(lo));
}

/** How each kind of array is written in one form. */
interface Writer {
  floats(a: Float32Array): Packed | number[];
  /** Non-negative values where 1/255 of the largest is precision enough (module activity). */
  levels(a: Float32Array): Packed | number[];
  float64(a: Float64Array): Packed | number[];
  /** Integers stored in ascending runs of `run` (row numbers): delta-coded when packed. */
  ascending(a: Int32Array, run: number): Packed | number[];
  members(loc: LavaResult['localities']): Packed | number[][];
  text(col: Extract<MetadataColumn, { kind: 'text' }>): object;
}

/** The smallest unsigned type holding every code of `n` categories. */
function codesFor(codes: Int32Array, n: number): NumericArray {
  return n <= 0x100 ? Uint8Array.from(codes) : n <= 0x10000 ? Uint16Array.from(codes) : codes;
}

const packedWriter: Writer = {
  floats: (a) => pack(a),
  levels: (a) => {
    const { codes, scale } = quantize(a);
    return pack(codes, { scale });
  },
  float64: (a) => pack(a),
  ascending: (a, run) => pack(deltaEncode(a, Math.max(run, 1)), { delta: Math.max(run, 1) }),
  members: (loc) => pack(deltaEncode(loc.members, loc.size), { delta: loc.size }),
  text: (col) => ({ categories: col.categories, codes: pack(codesFor(col.codes, col.categories.length)) }),
};

const plainWriter: Writer = {
  floats: (a) => Array.from(a, float32Number),
  levels: (a) => Array.from(a, float32Number),
  // NaN (an empty cell) is written as null by JSON.stringify, and read back as NaN.
  float64: (a) => Array.from(a),
  ascending: (a) => Array.from(a),
  members: (loc) => Array.from({ length: loc.count }, (_, p) => Array.from(membersOf(loc, p))),
  text: (col) => ({ values: Array.from(col.codes, (c) => col.categories[c]) }),
};

/** A module's fields that are the same in memory and on file (everything but its per-row and per-pair arrays). */
const MODULE_SCALARS = [
  'id',
  'name',
  'pairs',
  'featureWeights',
  'localityCount',
  'strength',
  'stability',
  'significance',
  'strong',
  'rWhereActive',
] as const;
type ModuleScalars = Pick<ModuleResult, (typeof MODULE_SCALARS)[number]>;

/** Those fields of `m`, in the file's order. */
export function moduleScalars(m: ModuleScalars): ModuleScalars {
  return Object.fromEntries(MODULE_SCALARS.map((k) => [k, m[k]])) as ModuleScalars;
}

function moduleForm(m: ModuleResult, w: Writer): object {
  return {
    ...moduleScalars(m),
    pattern: w.floats(m.pattern),
    activity: w.levels(m.activity),
    loadings: w.floats(m.loadings),
  };
}

function metadataForm(col: MetadataColumn, w: Writer): object {
  return col.kind === 'numeric'
    ? { name: col.name, kind: col.kind, values: w.float64(col.values) }
    : { name: col.name, kind: col.kind, ...w.text(col) };
}

/** The result's file text (one line and a newline); key order is fixed here, `timings` last. */
export function encodeResult(r: LavaResult, opts: EncodeOptions = {}): string {
  const w = opts.plainArrays ? plainWriter : packedWriter;
  const file = {
    schemaVersion: r.schemaVersion,
    tool: r.tool,
    source: r.source,
    params: r.params,
    ...(r.paramSources ? { paramSources: r.paramSources } : {}),
    notes: r.notes,
    features: r.features,
    droppedFeatures: r.droppedFeatures,
    droppedRows: r.droppedRows,
    rowCount: r.rowCount,
    rowLines: w.ascending(r.rowLines, r.rowLines.length),
    ...(r.rowNames ? { rowNames: r.rowNames } : {}),
    metadata: r.metadata.map((c) => metadataForm(c, w)),
    embedding: {
      columns: r.embedding.columns,
      computed: r.embedding.computed,
      dims: r.embedding.dims,
      coords: w.floats(r.embedding.coords),
    },
    probes: w.floats(r.probes),
    localities: { count: r.localities.count, size: r.localities.size, members: w.members(r.localities) },
    alpha: r.alpha,
    beta: r.beta,
    objective: r.objective,
    directEvaluations: r.directEvaluations,
    correlationThreshold: r.correlationThreshold,
    factorization: r.factorization,
    moduleSelection: r.moduleSelection,
    modules: r.modules.map((m) => moduleForm(m, w)),
    // Last on purpose: the only field that differs between identical runs.
    timings: r.timings,
  };
  return JSON.stringify(file) + '\n';
}
