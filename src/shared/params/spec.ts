// One table describing every engine option: its type, range and doc. The CLI's flags and usage, the config
// file, the VS Code settings and the worker protocol all validate through it, so a value means the same
// thing wherever it is set.
import { z } from 'zod';
import { DEFAULT_DIRECT_SAMPLE, DEFAULT_MIN_PAIR_LOCALITIES, DEFAULT_NMF_SPARSENESS, DEFAULT_PARAMS, type LavaParams } from './types';
import { renderOptions } from '../errors';
import { plainName } from './names';

export type ParamSpec =
  /**
   * orZero: 0 is also accepted (it switches the option's work off). optional: unset is absent (see isOptional)
   * and the engine reads it as unsetMeans, which the settings UI and the CLI's usage show as the default.
   */
  | { kind: 'int'; min: number; max: number; orZero?: boolean; optional?: boolean; unsetMeans?: number; doc: string }
  /** optional: unset is absent, and means "auto". */
  | { kind: 'intOrAuto'; min: number; max: number; optional?: boolean; doc: string }
  | { kind: 'intRange'; min: number; max: number; doc: string }
  | { kind: 'number'; min: number; max: number; exclusiveMin?: boolean; optional?: boolean; unsetMeans?: number; doc: string }
  | { kind: 'enum'; values: readonly string[]; doc: string }
  | { kind: 'bool'; doc: string }
  | { kind: 'columns'; doc: string }
  | { kind: 'bounds'; min: number; max: number; doc: string }
  /** A name within the data file (a layer, an obsm key, a var column); unset by default. */
  | { kind: 'name'; doc: string }
  /** A file beside the data file; unset by default. Not a VS Code setting: it belongs to one data file. */
  | { kind: 'path'; doc: string };

/** The most modules a run may have. */
export const MAX_MODULES = 100;

export const PARAM_SPECS: Record<keyof LavaParams, ParamSpec> = {
  embedding: { kind: 'columns', doc: 'Embedding columns (e.g. ["x","y"]); empty = recognise by name.' },
  umap: { kind: 'bool', doc: 'Compute a 2-D embedding with UMAP instead of reading columns.' },
  features: {
    kind: 'columns',
    doc: 'Feature columns; empty = every numeric column that is not metadata or embedding.',
  },
  metadata: { kind: 'columns', doc: 'Columns kept for colouring and tooltips, never features.' },
  neighbors: { kind: 'int', min: 5, max: 100000, doc: 'Neighbourhood size n: samples per locality.' },
  overlap: {
    kind: 'number',
    min: 0,
    max: 100,
    exclusiveMin: true,
    doc: 'Overlap factor o: ceil(E*o/n) localities.',
  },
  modules: {
    kind: 'intOrAuto',
    min: 1,
    max: MAX_MODULES,
    doc: 'Number of modules k, or "auto": the largest k in modulesRange whose every module is stable (NMF only).',
  },
  modulesRange: { kind: 'intRange', min: 1, max: MAX_MODULES, doc: 'The k that "auto" tries: [lo, hi], both included.' },
  minStability: {
    kind: 'number',
    min: 0,
    max: 1,
    exclusiveMin: true,
    doc: 'A module is strong when its stability (matched pattern cosine over locality subsamples) is at least this; "auto" also needs it of every module of the k it chooses.',
  },
  maxPValue: {
    kind: 'number',
    min: 0.001,
    max: 1,
    doc: 'A module is strong when its permutation p-value (rows shuffled over the map) is at most this too; below 0.01 the test runs more permutations.',
  },
  correlation: { kind: 'enum', values: ['pearson', 'spearman'], doc: 'Correlation inside each locality.' },
  alpha: {
    kind: 'number',
    min: 0,
    max: 1,
    exclusiveMin: true,
    doc: 'Significance level of the Fisher z threshold.',
  },
  maxFeatures: { kind: 'int', min: 2, max: 100000, doc: 'Keep at most this many most-variable features.' },
  factorization: {
    kind: 'enum',
    values: ['nmf', 'boolean'],
    doc: 'Module factorization: NMF or Boolean (Asso).',
  },
  nmfInit: {
    kind: 'enum',
    values: ['nndsvd', 'profiles'],
    doc: 'NMF start: NNDSVD (as scikit-learn) or pairs grouped by locality profile (parts of overlapping blobs).',
  },
  nmfSparseness: {
    kind: 'number',
    min: 0,
    max: 1,
    optional: true,
    unsetMeans: DEFAULT_NMF_SPARSENESS,
    doc: "NMF's L1 penalty on the patterns (loadings kept at unit norm), as a fraction of a typical pair's weight; keeps a module whose places lie inside another's from drifting into it. 0 = plain NMF.",
  },
  minPairLocalities: {
    kind: 'int',
    min: 1,
    max: 100_000,
    optional: true,
    unsetMeans: DEFAULT_MIN_PAIR_LOCALITIES,
    doc: 'Step 3 factorizes only the pairs (positive and negative apart) significant in at least this many localities; the others get pattern weight 0. 1 = every pair significant anywhere.',
  },
  seed: { kind: 'int', min: 0, max: 2147483647, doc: 'Seed of every random step.' },
  directEvaluations: { kind: 'int', min: 1, max: 10000, doc: 'DIRECT budget for (alpha, beta).' },
  // Exponents beyond ±100 make the locality weights all-or-nothing; far beyond, the box's width overflows.
  directBounds: { kind: 'bounds', min: -100, max: 100, doc: 'DIRECT box [lo, hi] for both alpha and beta.' },
  directSample: {
    kind: 'int',
    min: 1000,
    max: 100_000_000,
    orZero: true,
    optional: true,
    unsetMeans: DEFAULT_DIRECT_SAMPLE,
    doc: 'Rows (a seeded sample) on which DIRECT tries (alpha, beta); the chosen pair then runs once on all rows. 0 = all rows (data with no more rows than this always get the exact search).',
  },
  umapNeighbors: { kind: 'int', min: 2, max: 1000, doc: 'UMAP nNeighbors.' },
  umapMinDist: { kind: 'number', min: 0, max: 10, doc: 'UMAP minDist.' },
  umapEpochs: { kind: 'int', min: 1, max: 5000, doc: 'UMAP epochs.' },
  threads: {
    kind: 'intOrAuto',
    min: 1,
    max: 256,
    optional: true,
    doc: 'Threads for the parallel steps (UMAP, localities, correlations; at 1 also NMF and the stability scan), or "auto": as many as the machine has. The result is the same bytes on any number.',
  },
  layer: {
    kind: 'name',
    doc: 'The matrix of features: an .h5ad layer, "X" or "raw/X"; the array of an .npz (default: X).',
  },
  obsm: {
    kind: 'name',
    doc: 'The embedding of an .h5ad (an obsm key) or .npz (an array); default: X_umap, else X_tsne, else the first 2-D one.',
  },
  varNames: {
    kind: 'name',
    doc: "The .h5ad var column naming the features (e.g. gene symbols); default: var's index.",
  },
  embeddingFile: {
    kind: 'path',
    doc: 'A .npy or CSV file holding the embedding, one row per data row in the same order (a relative path starts at the .lava.json folder, or the current one).',
  },
  metadataFile: {
    kind: 'path',
    doc: 'A CSV of metadata columns (labels, clusters), one row per data row in the same order (relative paths as for embeddingFile).',
  },
};

export const PARAM_NAMES = Object.keys(PARAM_SPECS) as (keyof LavaParams)[];

type Checked = { value: unknown } | { problem: string };
type NumberSpec = Extract<ParamSpec, { kind: 'int' | 'number' }>;

/** A number (or its text) within the spec's range; `orElse` names the other value the option accepts ('"auto" or '). */
function checkNumber(key: string, spec: NumberSpec, raw: unknown, orElse = ''): Checked {
  const v = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof v !== 'number' || !Number.isFinite(v)) return { problem: `${key} must be ${orElse}a number` };
  if (spec.kind === 'int' && !Number.isInteger(v)) return { problem: `${key} must be ${orElse}a whole number` };
  if (spec.kind === 'int' && spec.orZero && v === 0) return { value: v };
  const exclusive = spec.kind === 'number' && spec.exclusiveMin;
  if (!(exclusive ? v > spec.min : v >= spec.min) || v > spec.max) {
    const lo = exclusive ? `> ${spec.min}` : `>= ${spec.min}`;
    const zero = spec.kind === 'int' && spec.orZero ? '0 or ' : '';
    return { problem: `${key} must be ${orElse}${zero}${lo} and <= ${spec.max} (got ${v})` };
  }
  return { value: v };
}

/** Two whole numbers [lo, hi] (or "lo,hi") with min <= lo <= hi <= max. */
function checkRange(key: string, spec: { min: number; max: number }, raw: unknown): Checked {
  const list = typeof raw === 'string' ? raw.split(',').map((x) => (x.trim() === '' ? NaN : Number(x))) : raw;
  const whole = (x: unknown) => typeof x === 'number' && Number.isInteger(x);
  if (!Array.isArray(list) || list.length !== 2 || !list.every(whole))
    return { problem: `${key} must be two whole numbers [lo, hi]` };
  const [lo, hi] = list as [number, number];
  if (!(spec.min <= lo && lo <= hi && hi <= spec.max))
    return { problem: `${key} must have ${spec.min} <= lo <= hi <= ${spec.max} (got ${lo}, ${hi})` };
  return { value: [lo, hi] };
}

/** The value a run uses when nobody set the option: its default, or what an unset optional one means. */
export function shownDefault(name: keyof LavaParams): LavaParams[keyof LavaParams] {
  const spec = PARAM_SPECS[name];
  if (spec.kind === 'intOrAuto' && spec.optional) return DEFAULT_PARAMS[name] ?? 'auto';
  return DEFAULT_PARAMS[name] ?? (spec.kind === 'int' || spec.kind === 'number' ? spec.unsetMeans : undefined);
}

/** The options that are VS Code settings: all but file paths, which belong to one data file (command or .lava.json). */
export const SETTING_NAMES = PARAM_NAMES.filter((n) => PARAM_SPECS[n].kind !== 'path');

/**
 * Checks one value against its spec. Returns the normalised value, or a sentence saying what is wrong that
 * names the option as {option:key} (each side renders it: ../errors.ts renderOptions).
 * Strings are accepted for numbers, booleans and column lists so that CLI text goes through the same check.
 */
export function checkParam(name: keyof LavaParams, raw: unknown): Checked {
  const spec = PARAM_SPECS[name];
  const key = `{option:${name}}`;
  switch (spec.kind) {
    case 'intOrAuto':
      if (raw === 'auto') return { value: 'auto' };
      return checkNumber(key, { ...spec, kind: 'int' }, raw, '"auto" or ');
    case 'intRange':
      return checkRange(key, spec, raw);
    case 'int':
    case 'number':
      return checkNumber(key, spec, raw);
    case 'enum':
      if (typeof raw !== 'string' || !spec.values.includes(raw))
        return { problem: `${key} must be one of ${spec.values.join(', ')}` };
      return { value: raw };
    case 'bool':
      if (raw === 'true' || raw === true) return { value: true };
      if (raw === 'false' || raw === false) return { value: false };
      return { problem: `${key} must be true or false` };
    case 'columns': {
      const list =
        typeof raw === 'string'
          ? raw
              .split(',')
              .map((s) => s.trim())
              .filter((s) => s !== '')
          : raw;
      if (!Array.isArray(list) || !list.every((s) => typeof s === 'string'))
        return { problem: `${key} must be a list of column names` };
      return { value: [...list] };
    }
    case 'name':
    case 'path': {
      // Unset (absent, or an emptied setting) stays unset rather than naming "".
      if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return { value: undefined };
      if (typeof raw !== 'string')
        return { problem: `${key} must be ${spec.kind === 'path' ? 'a file path' : 'a name'}` };
      return { value: raw };
    }
    case 'bounds': {
      const list = typeof raw === 'string' ? raw.split(',').map(Number) : raw;
      if (
        !Array.isArray(list) ||
        list.length !== 2 ||
        !list.every((x) => typeof x === 'number' && Number.isFinite(x))
      )
        return { problem: `${key} must be two numbers [lo, hi]` };
      if (!(list[0] < list[1])) return { problem: `${key} must have lo < hi` };
      if (list[0] < spec.min || list[1] > spec.max)
        return { problem: `${key} must lie within [${spec.min}, ${spec.max}] (got [${list.join(', ')}])` };
      return { value: [list[0], list[1]] };
    }
  }
}

/** Options without a default (names, paths, an int marked optional): absent unless given. */
export function isOptional(name: keyof LavaParams): boolean {
  const spec = PARAM_SPECS[name];
  if (spec.kind === 'int' || spec.kind === 'intOrAuto' || spec.kind === 'number') return spec.optional === true;
  return spec.kind === 'name' || spec.kind === 'path';
}

/** Every option checked by its spec (unknown keys refused): what a run's params must pass on any wire. */
export const LavaParamsSchema = z
  .object(
    Object.fromEntries(
      PARAM_NAMES.map((name) => {
        const checked = z.unknown().transform((raw, ctx) => {
          const c = checkParam(name, raw);
          if ('problem' in c) {
            ctx.addIssue({ code: 'custom', message: renderOptions(c.problem, plainName) });
            return z.NEVER;
          }
          return c.value;
        });
        return [name, isOptional(name) ? checked.optional() : checked];
      }),
    ),
  )
  .strict() as unknown as z.ZodType<LavaParams, LavaParams>;
