// One NMF fit of a sign-split matrix (the engine's own nmfSignSplit), kept with what the trust measures need.
import { nmfSignSplit, signedPatterns, type NmfInit, type SignSplit } from '../factorize/nmf';

export interface Fit {
  k: number;
  /** rows x k loadings, row-major. */
  W: Float64Array;
  /** cols x k sign-split pattern weights, row-major (over the SignSplit's active columns). */
  Ht: Float64Array;
  /** k x P signed patterns. */
  patterns: Float32Array;
  error: number;
  iterations: number;
}

export interface FitOptions {
  init: NmfInit;
  seed: number;
  maxIter?: number;
  tol?: number;
  signal?: AbortSignal;
  threads?: 'auto' | 'one' | 'two';
}

export async function fitNmf(a: SignSplit, k: number, o: FitOptions): Promise<Fit> {
  const r = await nmfSignSplit(a, k, o.seed, {
    init: o.init,
    maxIter: o.maxIter,
    tol: o.tol,
    signal: o.signal,
    threads: o.threads,
  });
  return { k, W: r.W, Ht: r.Ht, patterns: signedPatterns(a, r.Ht, k), error: r.error, iterations: r.iterations };
}

/**
 * The columns of A holding the largest squared norms, enough to keep `share` of ||A||^2 (at least
 * `min` of them when A has that many): a cheaper A for scanning k. Modules are made of strong pairs;
 * the many weak chance columns move a fit little but cost as much per non-zero.
 */
export function strongColumns(a: SignSplit, share: number, min: number): Int32Array {
  const norm2 = new Float64Array(a.cols);
  let total = 0;
  for (let z = 0; z < a.col.length; z++) {
    norm2[a.col[z]] += a.val[z] * a.val[z];
    total += a.val[z] * a.val[z];
  }
  const order = Int32Array.from({ length: a.cols }, (_, c) => c).sort((x, y) => norm2[y] - norm2[x] || x - y);
  let kept = 0;
  let sum = 0;
  while (kept < a.cols && (kept < min || sum < share * total)) sum += norm2[order[kept++]];
  return order.slice(0, kept).sort();
}

/** A over the columns `cols` (ascending indices into its active columns). */
export function columnSubset(a: SignSplit, cols: Int32Array): SignSplit {
  const map = new Int32Array(a.cols).fill(-1);
  cols.forEach((c, i) => (map[c] = i));
  let nnz = 0;
  for (let z = 0; z < a.col.length; z++) if (map[a.col[z]] >= 0) nnz++;
  const rowPtr = new Int32Array(a.rows + 1);
  const col = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  let w = 0;
  for (let p = 0; p < a.rows; p++) {
    for (let z = a.rowPtr[p]; z < a.rowPtr[p + 1]; z++) {
      const c = map[a.col[z]];
      if (c < 0) continue;
      col[w] = c;
      val[w++] = a.val[z];
    }
    rowPtr[p + 1] = w;
  }
  return {
    rows: a.rows,
    cols: cols.length,
    rowPtr,
    col,
    val,
    colOf: Int32Array.from(cols, (c) => a.colOf[c]),
    P: a.P,
  };
}
