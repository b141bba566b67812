// A small synthetic LavaResult for the webview tests and the preview page: 300 rows in 3 blobs, 9 features, 3 known modules.
import { seededUniform } from '../../src/engine/random';
import type { LavaResult, ModulePair, ModuleResult } from '../../src/shared/result/types';
import { DEFAULT_PARAMS } from '../../src/shared/params/types';
import { pairCount, pairIndex } from '../../src/shared/result/pairs';
import { toCategories } from '../../src/shared/result/columns';
import { encodeResult } from '../../src/shared/result/encode';

export const FEATURES = ['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8'];
export const F = FEATURES.length;
export const BLOBS = 3;
export const PER_BLOB = 100;
export const LOCALITIES_PER_BLOB = 3;
export const LOCALITY_SIZE = 30;

/** The planted patterns: module m has these signed pair weights (everything else 0) and is active in blob m. */
export const PLANTED: [number, number, number][][] = [
  [
    [0, 1, 0.8],
    [0, 2, 0.7],
    [1, 2, 0.6],
  ],
  [
    [3, 4, -0.7],
    [3, 5, 0.5],
  ],
  [
    [6, 7, 0.6],
    [7, 8, -0.6],
    [6, 8, -0.4],
  ],
];

const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

export function plantedPattern(m: number, design: Design = BLOB_DESIGN): Float32Array {
  const nf = design.features.length;
  const p = new Float32Array(pairCount(nf));
  for (const [i, j, w] of design.planted[m]) p[pairIndex(i, j, nf)] = w;
  return p;
}

/** Feature names and, per module, its planted (i, j, weight) pairs. */
export interface Design {
  features: string[];
  planted: [number, number, number][][];
  /** The data set's name in the header. */
  file: string;
}

export const BLOB_DESIGN: Design = { features: FEATURES, planted: PLANTED, file: '/data/blobs.csv' };

/**
 * Image-like design: side x side pixels named pixel_R_C (the corner pixel dropped, as digits' constant corners are),
 * three modules drawn as strokes: a horizontal bar, a vertical bar, and a diagonal whose ends anti-correlate.
 */
export function imageDesign(side: number): Design {
  const features: string[] = [];
  const at = new Map<string, number>();
  for (let r = 0; r < side; r++)
    for (let c = 0; c < side; c++) {
      if (r + c === 0) continue;
      at.set(`${r},${c}`, features.length);
      features.push(`pixel_${r}_${c}`);
    }
  const stroke = (cells: [number, number][], w: (k: number) => number): [number, number, number][] => {
    const out: [number, number, number][] = [];
    for (let k = 0; k + 1 < cells.length; k++) {
      const a = at.get(cells[k].join(','));
      const b = at.get(cells[k + 1].join(','));
      if (a !== undefined && b !== undefined) out.push([Math.min(a, b), Math.max(a, b), w(k)]);
    }
    return out;
  };
  const mid = Math.floor(side / 2);
  const span = Array.from({ length: side - 2 }, (_, k) => k + 1);
  const n = span.length;
  return {
    features,
    file: `/data/images-${side}x${side}.csv`,
    planted: [
      stroke(
        span.map((c) => [mid, c]),
        () => 0.7,
      ),
      stroke(
        span.map((r) => [r, mid - 1]),
        () => 0.6,
      ),
      stroke(
        span.map((k) => [k, k]),
        (k) => (k < n / 2 ? 0.5 : -0.5),
      ),
    ],
  };
}

/** `perBlob` other than 100 makes a bigger map of the same design (the preview uses it for 100,000 points). */
export function makeFixture(perBlob = PER_BLOB, design: Design = BLOB_DESIGN): LavaResult {
  const features = design.features;
  const nf = features.length;
  const rand = seededUniform(7);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const centers = [
    [0, 0],
    [10, 0],
    [5, 8],
  ];
  const E = BLOBS * perBlob;
  const coords: number[] = [];
  const label: string[] = [];
  const score: number[] = [];
  for (let b = 0; b < BLOBS; b++) {
    for (let k = 0; k < perBlob; k++) {
      coords.push(r4(centers[b][0] + 1.2 * gauss()), r4(centers[b][1] + 1.2 * gauss()));
      label.push(`blob ${'ABC'[b]}`);
      score.push(r4(b + rand()));
    }
  }
  // Localities: 3 per blob, each the 30 rows of the blob nearest to a probe near the blob's centre.
  const probes: number[] = [];
  const members: number[][] = [];
  for (let b = 0; b < BLOBS; b++) {
    for (let q = 0; q < LOCALITIES_PER_BLOB; q++) {
      const px = r4(centers[b][0] + 1.5 * Math.cos((2 * Math.PI * q) / 3));
      const py = r4(centers[b][1] + 1.5 * Math.sin((2 * Math.PI * q) / 3));
      probes.push(px, py);
      const rows = Array.from({ length: perBlob }, (_, k) => b * perBlob + k);
      rows.sort(
        (i, j) =>
          (coords[2 * i] - px) ** 2 +
          (coords[2 * i + 1] - py) ** 2 -
          ((coords[2 * j] - px) ** 2 + (coords[2 * j + 1] - py) ** 2),
      );
      members.push(rows.slice(0, LOCALITY_SIZE));
    }
  }
  const L = BLOBS * LOCALITIES_PER_BLOB;
  const modules: ModuleResult[] = design.planted.map((pairs, m) => {
    const loadings = Array.from({ length: L }, (_, p) =>
      Math.floor(p / LOCALITIES_PER_BLOB) === m ? r4(0.5 + 0.2 * (p % 3)) : 0,
    );
    const sum = new Float64Array(E);
    const cnt = new Int32Array(E);
    members.forEach((rows, p) => rows.forEach((i) => ((sum[i] += loadings[p]), cnt[i]++)));
    const activity = Float32Array.from(sum, (s, i) => (cnt[i] ? r4(s / cnt[i]) : 0));
    const featureWeights = new Array<number>(nf).fill(0);
    for (const [i, j, w] of pairs) {
      featureWeights[i] += Math.abs(w);
      featureWeights[j] += Math.abs(w);
    }
    const sorted: ModulePair[] = pairs
      .map(([i, j, w]) => ({ a: features[i], b: features[j], r: w }))
      .sort((x, y) => Math.abs(y.r) - Math.abs(x.r));
    return {
      id: m,
      name: sorted
        .slice(0, 2)
        .map((p) => `${p.a}~${p.b}`)
        .join(', '),
      pairs: sorted,
      pattern: plantedPattern(m, design),
      activity,
      loadings: Float32Array.from(loadings),
      featureWeights: featureWeights.map(r4),
      localityCount: loadings.filter((v) => v >= 0.5 * Math.max(...loadings)).length,
    };
  });
  return {
    schemaVersion: 2,
    tool: { name: 'lava-explorer', version: '0.1.0' },
    source: { file: design.file, rows: E + 2, delimiter: ',' },
    params: { ...DEFAULT_PARAMS, neighbors: LOCALITY_SIZE, modules: 3 },
    paramSources: { neighbors: 'command', modules: '.lava.json' },
    notes: ['dropped 1 constant feature: const0', 'neighbors lowered to 30 on small data'],
    features,
    droppedFeatures: [{ name: 'const0', reason: 'constant' }],
    droppedRows: {
      count: 2,
      examples: [
        { line: 5, column: 'f3' },
        { line: 40, column: 'f0' },
      ],
    },
    rowCount: E,
    // Two dropped rows (lines 5 and 40) shift the kept rows' lines.
    rowLines: Int32Array.from({ length: E }, (_, i) => i + 2 + (i >= 3 ? 1 : 0) + (i >= 37 ? 1 : 0)),
    metadata: [
      { name: 'label', kind: 'text', ...toCategories(label) },
      { name: 'score', kind: 'numeric', values: Float64Array.from(score) },
    ],
    embedding: { columns: ['x', 'y'], computed: 'given', dims: 2, coords: Float32Array.from(coords) },
    probes: Float32Array.from(probes),
    // Each locality's rows ascending, as results store them.
    localities: {
      count: L,
      size: LOCALITY_SIZE,
      members: Int32Array.from(members.flatMap((m) => [...m].sort((a, b) => a - b))),
    },
    alpha: 0.5,
    beta: -0.25,
    objective: 0.0012,
    directEvaluations: 40,
    correlationThreshold: 0.554,
    factorization: { method: 'nmf', iterations: 120, error: 0.31 },
    modules,
    timings: { read: 1, localities: 2, correlations: 3, modules: 4 },
  };
}

/** An image-like fixture: 8 x 8 pixel features named pixel_R_C with the corner pixel dropped. */
export function imageFeatures(): string[] {
  const out: string[] = [];
  for (let r = 0; r < 8; r++) for (let c = 0; c < 8; c++) if (r + c > 0) out.push(`pixel_${r}_${c}`);
  return out;
}

/** The host's result note for `result`: its file text (packed, as the worker writes it) and its absolute source. */
export function resultNote(result: LavaResult = makeFixture(), appliedFrom: Record<string, string> = {}) {
  return { text: encodeResult(result), source: result.source, appliedFrom };
}
