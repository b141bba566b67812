// Planted-module data sets (the design of shared/bench/planted.py, in TypeScript): blobs on a ring, signed correlated feature blocks switched on in some blobs.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { seededUniform } from '../../src/engine/random';

export interface PlantedOptions {
  samples: number;
  features: number;
  blobs: number;
  modules: number;
  /** Correlation magnitude inside a planted block. */
  rho: number;
}

export const DEFAULT_PLANTED: PlantedOptions = {
  samples: 4000,
  features: 40,
  blobs: 8,
  modules: 5,
  rho: 0.75,
};

/** Same shape as planted.py's truth JSON (plus the options used), so either scorer reads either file. */
export interface PlantedTruth {
  features: string[];
  /** Blob index of every sample, in row order. */
  blob: number[];
  modules: { pairs: [string, string, number][]; blobs: number[] }[];
  options?: PlantedOptions & { seed: number };
}

/** Everything drawn before the rows: where blobs sit, which features form which block, scales and offsets. */
interface PlantedDesign {
  options: PlantedOptions;
  centres: Float64Array; // G x 2
  blob: Int32Array; // E
  moduleFeatures: Int32Array[];
  moduleSigns: Float64Array[];
  moduleBlobs: number[][];
  /** Per module: the lower Cholesky factor of its block (size x size, row-major). */
  moduleChol: Float64Array[];
  scale: Float64Array;
  offset: Float64Array;
  names: string[];
}

/** Standard normals by Box-Muller; the second of each pair is kept for the next call. */
export function normalSource(uniform: () => number): () => number {
  let spare = NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = NaN;
      return s;
    }
    // 1 - u keeps the log argument in (0, 1]
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const t = 2 * Math.PI * uniform();
    spare = r * Math.sin(t);
    return r * Math.cos(t);
  };
}

function randomInt(uniform: () => number, lo: number, hiExclusive: number): number {
  return lo + Math.floor(uniform() * (hiExclusive - lo));
}

function permutation(uniform: () => number, n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/** Lower-triangular L with L L^T = C for a small symmetric positive-definite C (row-major). */
export function cholesky(C: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = C[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (s <= 0) throw new Error('cholesky: matrix is not positive definite');
        L[i * n + i] = Math.sqrt(s);
      } else L[i * n + j] = s / L[j * n + j];
    }
  }
  return L;
}

function design(seed: number, options: PlantedOptions): PlantedDesign {
  const { samples: E, features: F, blobs: G, modules: M, rho } = options;
  if (!(E > 0 && F > 0 && G > 0 && M >= 0))
    throw new Error('planted: samples, features and blobs must be positive');
  if (M * 5 > F) throw new Error(`planted: ${M} modules of up to 5 features need at least ${M * 5} features`);
  if (G < 3 && M > 0) throw new Error('planted: need at least 3 blobs (a module can be active in 3)');
  // Stream 0 draws the design; rows draw from stream 1, so the in-memory and streaming writers agree.
  const u = seededUniform(seed, 0);
  const perm = permutation(u, G);
  const centres = new Float64Array(G * 2);
  for (let g = 0; g < G; g++) {
    const ang = (perm[g] * 2 * Math.PI) / G;
    centres[2 * g] = 10 * Math.cos(ang);
    centres[2 * g + 1] = 10 * Math.sin(ang);
  }
  const blob = new Int32Array(E);
  for (let i = 0; i < E; i++) blob[i] = randomInt(u, 0, G);
  const feats = permutation(u, F);
  const moduleFeatures: Int32Array[] = [];
  const moduleSigns: Float64Array[] = [];
  const moduleBlobs: number[][] = [];
  const moduleChol: Float64Array[] = [];
  let pos = 0;
  for (let m = 0; m < M; m++) {
    const size = randomInt(u, 3, 6);
    const fs = feats.slice(pos, pos + size);
    pos += size;
    const signs = new Float64Array(size);
    for (let i = 0; i < size; i++) signs[i] = u() < 0.5 ? -1 : 1;
    signs[0] = 1;
    // as in planted.py, the first module is always active in two blobs (so one is always "far apart")
    const nActive = m ? randomInt(u, 1, 4) : 2;
    const active = Array.from(permutation(u, G).subarray(0, nActive)).sort((a, b) => a - b);
    const C = new Float64Array(size * size);
    for (let i = 0; i < size; i++)
      for (let j = 0; j < size; j++) C[i * size + j] = i === j ? 1 : rho * signs[i] * signs[j];
    moduleFeatures.push(fs);
    moduleSigns.push(signs);
    moduleBlobs.push(active);
    moduleChol.push(cholesky(C, size));
  }
  const scale = new Float64Array(F);
  const offset = new Float64Array(F);
  for (let f = 0; f < F; f++) scale[f] = 0.5 + 19.5 * u();
  for (let f = 0; f < F; f++) offset[f] = -50 + 100 * u();
  const names = Array.from({ length: F }, (_, i) => `f${String(i).padStart(3, '0')}`);
  return {
    options,
    centres,
    blob,
    moduleFeatures,
    moduleSigns,
    moduleBlobs,
    moduleChol,
    scale,
    offset,
    names,
  };
}

function truthOf(seed: number, d: PlantedDesign): PlantedTruth {
  const modules = d.moduleFeatures.map((fs, m) => {
    const s = d.moduleSigns[m];
    const pairs: [string, string, number][] = [];
    for (let i = 0; i < fs.length; i++)
      for (let j = i + 1; j < fs.length; j++) pairs.push([d.names[fs[i]], d.names[fs[j]], s[i] * s[j]]);
    return { pairs, blobs: d.moduleBlobs[m] };
  });
  return { features: d.names, blob: Array.from(d.blob), modules, options: { ...d.options, seed } };
}

/** Yields the CSV text in chunks of about `rowsPerChunk` rows: header first, then rows in order. */
function* csvChunks(seed: number, d: PlantedDesign, rowsPerChunk = 2000): Generator<string> {
  const { samples: E, features: F } = d.options;
  yield ['x', 'y', ...d.names, 'blob'].join(',') + '\n';
  const normal = normalSource(seededUniform(seed, 1));
  // Per blob, the modules switched on there: the block's features get L z instead of z.
  const activeIn: number[][] = Array.from({ length: d.options.blobs }, () => []);
  d.moduleBlobs.forEach((bs, m) => bs.forEach((g) => activeIn[g].push(m)));
  const z = new Float64Array(F);
  const tmp = new Float64Array(5);
  let lines: string[] = [];
  const cells: string[] = new Array(F + 3);
  for (let i = 0; i < E; i++) {
    const g = d.blob[i];
    const x = d.centres[2 * g] + normal();
    const y = d.centres[2 * g + 1] + normal();
    for (let f = 0; f < F; f++) z[f] = normal();
    for (const m of activeIn[g]) {
      const fs = d.moduleFeatures[m];
      const L = d.moduleChol[m];
      const n = fs.length;
      for (let a = 0; a < n; a++) {
        let s = 0;
        for (let b = 0; b <= a; b++) s += L[a * n + b] * z[fs[b]];
        tmp[a] = s;
      }
      for (let a = 0; a < n; a++) z[fs[a]] = tmp[a];
    }
    cells[0] = x.toFixed(5);
    cells[1] = y.toFixed(5);
    for (let f = 0; f < F; f++) cells[f + 2] = (z[f] * d.scale[f] + d.offset[f]).toFixed(5);
    cells[F + 2] = `b${g}`;
    lines.push(cells.join(','));
    if (lines.length >= rowsPerChunk) {
      yield lines.join('\n') + '\n';
      lines = [];
    }
  }
  if (lines.length) yield lines.join('\n') + '\n';
}

function resolve(options: Partial<PlantedOptions>): PlantedOptions {
  return { ...DEFAULT_PLANTED, ...options };
}

/** A planted data set in memory: columns x,y,f000..,blob; the truth as planted.py writes it. */
export function generatePlanted(
  seed: number,
  options: Partial<PlantedOptions> = {},
): { csv: string; truth: PlantedTruth } {
  const d = design(seed, resolve(options));
  let csv = '';
  for (const chunk of csvChunks(seed, d)) csv += chunk;
  return { csv, truth: truthOf(seed, d) };
}

/** Writes the same CSV as generatePlanted to a file without holding it in memory (for 200k-row sets); returns the truth. */
export async function writePlanted(
  seed: number,
  outCsv: string,
  options: Partial<PlantedOptions> = {},
): Promise<PlantedTruth> {
  const d = design(seed, resolve(options));
  const out = createWriteStream(outCsv);
  for (const chunk of csvChunks(seed, d)) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return truthOf(seed, d);
}
