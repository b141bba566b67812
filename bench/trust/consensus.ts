// The alternative k rule we measured against ours: consensus NMF (Brunet et al. 2004), cophenetic correlation of the
// consensus matrix over the same locality subsamples. Used only by bench/trust/planted.ts --compare (docs/trust.md).
import { fitModules, type FitOptions } from '../../src/engine/trust/fit';
import { rowSubset } from '../../src/engine/trust/resample';
import type { SignSplit } from '../../src/engine/factorize/sparse';

/**
 * Consensus over A's `items` strongest columns (the pairs): in each subsample fit, a column belongs to the
 * component with its largest H; consensus C_ij = share of fits that put i and j together. Columns, not
 * localities: a locality holds several modules at once (argmax W would hide all but one), a pair belongs to one.
 */
export async function cophenetic(a: SignSplit, k: number, subsets: Int32Array[], o: FitOptions, items = 300): Promise<number> {
  const norm2 = new Float64Array(a.cols);
  for (let z = 0; z < a.col.length; z++) norm2[a.col[z]] += a.val[z] * a.val[z];
  const cols = Int32Array.from({ length: a.cols }, (_, c) => c)
    .sort((x, y) => norm2[y] - norm2[x] || x - y)
    .slice(0, Math.min(items, a.cols));
  const n = cols.length;
  const C = new Float64Array(n * n);
  for (const rows of subsets) {
    const f = await fitModules(rowSubset(a, rows), k, o);
    const label = Int32Array.from(cols, (c) => {
      let best = 0;
      for (let t = 1; t < k; t++) if (f.Ht[c * k + t] > f.Ht[c * k + best]) best = t;
      return f.Ht[c * k + best] > 0 ? best : -1;
    });
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) if (label[i] >= 0 && label[i] === label[j]) C[i * n + j] += 1 / subsets.length;
  }
  const D = C.map((c) => 1 - c);
  return pearson(upper(D, n), upper(copheneticDistances(D, n), n));
}

function upper(M: Float64Array, n: number): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out.push(M[i * n + j]);
  return Float64Array.from(out);
}

function pearson(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0, my = 0; // prettier-ignore
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0, sxx = 0, syy = 0; // prettier-ignore
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 1;
}

/** Average-linkage (UPGMA) cophenetic distances, naive O(n^3): n is a few hundred here. */
function copheneticDistances(D: Float64Array, n: number): Float64Array {
  const d = D.slice();
  const size = new Float64Array(n).fill(1);
  const alive = new Uint8Array(n).fill(1);
  const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const out = new Float64Array(n * n);
  for (let step = 0; step < n - 1; step++) {
    let bi = -1, bj = -1, bd = Infinity; // prettier-ignore
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      for (let j = i + 1; j < n; j++) {
        if (!alive[j] || d[i * n + j] >= bd) continue;
        bd = d[i * n + j];
        bi = i;
        bj = j;
      }
    }
    for (const x of members[bi]) for (const y of members[bj]) out[x * n + y] = out[y * n + x] = bd;
    for (let t = 0; t < n; t++) {
      if (!alive[t] || t === bi || t === bj) continue;
      const v = (size[bi] * d[bi * n + t] + size[bj] * d[bj * n + t]) / (size[bi] + size[bj]);
      d[bi * n + t] = d[t * n + bi] = v;
    }
    size[bi] += size[bj];
    members[bi].push(...members[bj]);
    alive[bj] = 0;
  }
  return out;
}
