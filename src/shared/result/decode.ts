// Reading a result file (either form ./encode.ts writes) back into memory: the file's shape checked with zod, then
// every array's type, length and range. A stale, foreign or damaged file is refused naming the key at fault.
import { z } from 'zod';
import { LavaInputError } from '../errors';
import { LavaParamsSchema } from '../params/spec';
import { toCategories } from './columns';
import { PackedError, PackedSchema, unpack, type NumericArray, type Packed } from './packed';
import { pairCount } from './pairs';
import { moduleScalars } from './encode';
import { SCHEMA_VERSION, type LavaResult, type MetadataColumn, type ModuleResult } from './types';

/** A per-row array: packed, or plain JSON numbers (null stands for NaN where a column allows it). */
const ArrayForm = z.union([PackedSchema, z.array(z.number().nullable())]);
type ArrayForm = z.infer<typeof ArrayForm>;

const count = z.number().int().nonnegative();

const MetadataSchema = z.union([
  z.object({ name: z.string(), kind: z.literal('numeric'), values: ArrayForm }),
  z.object({ name: z.string(), kind: z.literal('text'), categories: z.array(z.string()), codes: ArrayForm }),
  z.object({ name: z.string(), kind: z.literal('text'), values: z.array(z.string()) }),
]);

const unit = z.number().min(0).max(1);
const correlation = z.number().min(-1).max(1);

const ModuleSchema = z.object({
  id: count,
  name: z.string(),
  pairs: z.array(z.object({ a: z.string(), b: z.string(), r: correlation, weight: z.number() })),
  pattern: ArrayForm,
  activity: ArrayForm,
  loadings: ArrayForm,
  featureWeights: z.array(z.number()),
  localityCount: count,
  strength: unit,
  stability: unit,
  significance: unit,
  strong: z.boolean(),
  rWhereActive: correlation,
});

const SelectionSchema = z.object({
  mode: z.enum(['auto', 'fixed']),
  chosen: count,
  candidates: z.array(z.object({ k: z.number().int().positive(), stability: unit, error: z.number() })),
  autoChosen: z.number().int().positive().optional(),
});

/** The file form of schema 2: everything but the arrays' contents, which Reader checks. */
const FileSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.literal('lava-explorer'), version: z.string() }),
  source: z.object({ file: z.string(), rows: count, delimiter: z.string(), config: z.string().optional() }),
  params: LavaParamsSchema,
  paramSources: z.record(z.string(), z.string()).optional(),
  notes: z.array(z.string()),
  features: z.array(z.string()),
  droppedFeatures: z.array(z.object({ name: z.string(), reason: z.enum(['constant', 'low-variance']) })),
  droppedRows: z.object({ count, examples: z.array(z.object({ line: count, column: z.string() })) }),
  rowCount: z.number().int().positive(),
  rowLines: ArrayForm,
  rowNames: z.array(z.string()).optional(),
  metadata: z.array(MetadataSchema),
  embedding: z.object({
    columns: z.array(z.string()),
    computed: z.enum(['given', 'umap']),
    dims: z.number().int().positive(),
    coords: ArrayForm,
  }),
  probes: ArrayForm,
  localities: z.object({
    count,
    size: z.number().int().positive(),
    members: z.union([PackedSchema, z.array(z.array(z.number()))]),
  }),
  alpha: z.number(),
  beta: z.number(),
  objective: z.number(),
  directEvaluations: count,
  correlationThreshold: z.number(),
  factorization: z.object({ method: z.enum(['nmf', 'boolean']), iterations: count, error: z.number() }),
  moduleSelection: SelectionSchema,
  modules: z.array(ModuleSchema),
  timings: z.record(z.string(), z.number()),
});
type FileForm = z.infer<typeof FileSchema>;

const HINT = 'Re-run LAVA on the data ("lava explain" or LAVA: Explain Dataset) to write a fresh result.';

function invalid(file: string, what: string): never {
  throw new LavaInputError(`not a valid LAVA result: ${what}`, { file }, HINT);
}

/** `modules[2].activity`: a zod path as the file's reader would write it. */
export function keyOf(path: PropertyKey[]): string {
  return (
    path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('') ||
    '(top level)'
  );
}

/** The issue to report: inside a union, the branch that got furthest into the value (it is the one meant). */
export function deepestIssue(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string } {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const branches = issue.errors.map((b) => deepestIssue(b[0]));
  const best = branches.reduce((a, b) => (b.path.length > a.path.length ? b : a));
  if (best.path.length === 0) return issue;
  return { path: [...issue.path, ...best.path], message: best.message };
}

/** Refuses anything but schema 2 with a line saying which version wrote it and what to do. */
function checkVersion(json: unknown, file: string): void {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) invalid(file, 'not a JSON object');
  const v = (json as { schemaVersion?: unknown }).schemaVersion;
  if (v === SCHEMA_VERSION) return;
  if (typeof v !== 'number') invalid(file, 'schemaVersion is missing');
  const older = v < SCHEMA_VERSION;
  throw new LavaInputError(
    `made by ${older ? 'an older' : 'a newer'} version of LAVA Explorer (schemaVersion ${v}; this version reads ${SCHEMA_VERSION})`,
    { file },
    older ? 'Re-run LAVA on the data to write it again.' : 'Update LAVA Explorer to read it.',
  );
}

const INTEGER_DTYPES = new Set(['uint8', 'uint16', 'int32']);

/** Turns the file's arrays into typed arrays, failing with the key of the first one that is wrong. */
class Reader {
  constructor(readonly file: string) {}

  fail(key: string, what: string): never {
    invalid(this.file, `${key}: ${what}`);
  }

  private unpacked(key: string, p: Packed): NumericArray {
    try {
      return unpack(p);
    } catch (e) {
      if (e instanceof PackedError) this.fail(key, e.message);
      throw e;
    }
  }

  private checkLength(key: string, a: ArrayLike<unknown>, length: number): void {
    if (a.length !== length) this.fail(key, `has ${a.length} values, expected ${length}`);
  }

  /** Integers in [lo, hi). */
  ints(key: string, form: ArrayForm, length: number, lo: number, hi: number): Int32Array {
    if (!Array.isArray(form) && (!INTEGER_DTYPES.has(form.dtype) || form.scale !== undefined))
      this.fail(
        key,
        `dtype ${form.dtype}${form.scale !== undefined ? ' with a scale' : ''} does not hold integers`,
      );
    const raw = Array.isArray(form) ? form : this.unpacked(key, form);
    this.checkLength(key, raw, length);
    const out = raw instanceof Int32Array ? raw : new Int32Array(length);
    for (let i = 0; i < length; i++) {
      const v = raw[i];
      if (v === null || !Number.isInteger(v) || v < lo || v >= hi)
        this.fail(`${key}[${i}]`, `${v} is not an integer in [${lo}, ${hi})`);
      out[i] = v;
    }
    return out;
  }

  /** Finite numbers as Float32. */
  float32(key: string, form: ArrayForm, length: number): Float32Array {
    const raw = Array.isArray(form) ? form : this.unpacked(key, form);
    this.checkLength(key, raw, length);
    const out = raw instanceof Float32Array ? raw : new Float32Array(length);
    for (let i = 0; i < length; i++) {
      const v = raw[i];
      if (v === null || !Number.isFinite(v)) this.fail(`${key}[${i}]`, `${v} is not a finite number`);
      out[i] = v;
    }
    return out;
  }

  /** Numbers as Float64, NaN (null in a plain file) where a cell was empty. */
  float64(key: string, form: ArrayForm, length: number): Float64Array {
    const raw = Array.isArray(form) ? form : this.unpacked(key, form);
    this.checkLength(key, raw, length);
    if (raw instanceof Float64Array) return raw;
    return Float64Array.from(raw, (v) => (v === null ? NaN : v));
  }
}

function readMetadata(rd: Reader, cols: FileForm['metadata'], E: number): MetadataColumn[] {
  return cols.map((c, i): MetadataColumn => {
    const key = `metadata[${i}]`;
    if (c.kind === 'numeric')
      return { name: c.name, kind: 'numeric', values: rd.float64(`${key}.values`, c.values, E) };
    if ('values' in c) {
      if (c.values.length !== E) rd.fail(`${key}.values`, `has ${c.values.length} values, expected ${E}`);
      return { name: c.name, kind: 'text', ...toCategories(c.values) };
    }
    const codes = rd.ints(`${key}.codes`, c.codes, E, 0, c.categories.length);
    return { name: c.name, kind: 'text', categories: c.categories, codes };
  });
}

function readMembers(rd: Reader, loc: FileForm['localities'], E: number): Int32Array {
  const key = 'localities.members';
  if (!Array.isArray(loc.members)) return rd.ints(key, loc.members, loc.count * loc.size, 0, E);
  if (loc.members.length !== loc.count)
    rd.fail(key, `has ${loc.members.length} localities, expected ${loc.count}`);
  loc.members.forEach((m, p) => {
    if (m.length !== loc.size) rd.fail(`${key}[${p}]`, `has ${m.length} rows, expected ${loc.size}`);
  });
  return rd.ints(key, loc.members.flat(), loc.count * loc.size, 0, E);
}

function readModules(rd: Reader, f: FileForm): ModuleResult[] {
  const P = pairCount(f.features.length);
  return f.modules.map((m, i) => {
    const key = `modules[${i}]`;
    if (m.featureWeights.length !== f.features.length)
      rd.fail(
        `${key}.featureWeights`,
        `has ${m.featureWeights.length} values, expected ${f.features.length}`,
      );
    return {
      ...moduleScalars(m),
      pattern: rd.float32(`${key}.pattern`, m.pattern, P),
      activity: rd.float32(`${key}.activity`, m.activity, f.rowCount),
      loadings: rd.float32(`${key}.loadings`, m.loadings, f.localities.count),
    };
  });
}

/** What the trust step promises across modules: strongest first, and as many modules as the chosen k. */
function checkTrustOrder(rd: Reader, f: FileForm): void {
  const i = f.modules.findIndex((m, j) => j > 0 && m.strength > f.modules[j - 1].strength);
  if (i > 0)
    rd.fail(
      `modules[${i}].strength`,
      'is larger than the one before: modules are not ordered strongest first',
    );
  if (f.moduleSelection.chosen !== f.modules.length)
    rd.fail('moduleSelection.chosen', `is ${f.moduleSelection.chosen} for ${f.modules.length} modules`);
}

/** One name per kept row. */
function readRowNames(rd: Reader, names: string[], E: number): string[] {
  if (names.length !== E) rd.fail('rowNames', `has ${names.length} names for ${E} rows`);
  return names;
}

/** The checked file form as a result in memory. */
function fromFile(f: FileForm, file: string): LavaResult {
  const rd = new Reader(file);
  checkTrustOrder(rd, f);
  const E = f.rowCount;
  const { dims } = f.embedding;
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: f.tool,
    source: f.source,
    params: f.params,
    ...(f.paramSources ? { paramSources: f.paramSources } : {}),
    notes: f.notes,
    features: f.features,
    droppedFeatures: f.droppedFeatures,
    droppedRows: f.droppedRows,
    rowCount: E,
    rowLines: rd.ints('rowLines', f.rowLines, E, 1, 2 ** 31 - 1),
    ...(f.rowNames ? { rowNames: readRowNames(rd, f.rowNames, E) } : {}),
    metadata: readMetadata(rd, f.metadata, E),
    embedding: { ...f.embedding, coords: rd.float32('embedding.coords', f.embedding.coords, E * dims) },
    probes: rd.float32('probes', f.probes, f.localities.count * dims),
    localities: {
      count: f.localities.count,
      size: f.localities.size,
      members: readMembers(rd, f.localities, E),
    },
    alpha: f.alpha,
    beta: f.beta,
    objective: f.objective,
    directEvaluations: f.directEvaluations,
    correlationThreshold: f.correlationThreshold,
    factorization: f.factorization,
    moduleSelection: f.moduleSelection,
    modules: readModules(rd, f),
    timings: f.timings,
  };
}

/** A result file's text (`file` names it in errors) as a result in memory; a LavaInputError naming the key if it is not one. */
export function decodeResult(text: string, file: string): LavaResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new LavaInputError(
      `not JSON (${(e as Error).message})`,
      { file },
      'Open a result written by "lava explain" or "LAVA: Explain Dataset".',
    );
  }
  checkVersion(json, file);
  const parsed = FileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = deepestIssue(parsed.error.issues[0]);
    invalid(file, `${keyOf(issue.path)}: ${issue.message}`);
  }
  return fromFile(parsed.data, file);
}
