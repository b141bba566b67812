// Matching two sets of modules one to one by the cosine of their signed pair patterns (Hungarian assignment).
import { linearSumAssignment } from 'linear-sum-assignment';

/** Cosines (ka x kb, row-major) between the rows of two pattern matrices (ka x P and kb x P); 0 for an empty row. */
export function patternCosines(a: Float32Array, ka: number, b: Float32Array, kb: number, P: number): Float64Array {
  const na = rowNorms(a, ka, P);
  const nb = rowNorms(b, kb, P);
  const out = new Float64Array(ka * kb);
  for (let i = 0; i < ka; i++) {
    if (na[i] === 0) continue;
    const oa = i * P;
    for (let j = 0; j < kb; j++) {
      if (nb[j] === 0) continue;
      const ob = j * P;
      let s = 0;
      for (let q = 0; q < P; q++) s += a[oa + q] * b[ob + q];
      out[i * kb + j] = s / (na[i] * nb[j]);
    }
  }
  return out;
}

/** The Euclidean norm of each of the k rows of m (k x P). */
export function rowNorms(m: Float32Array, k: number, P: number): Float64Array {
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let q = i * P; q < (i + 1) * P; q++) s += m[q] * m[q];
    out[i] = Math.sqrt(s);
  }
  return out;
}

/**
 * The one-to-one matching of a's modules to b's that maximizes the summed cosine. Returns, for each of
 * a's ka modules, the matched cosine (0 where kb < ka leaves it unmatched, or the best match is negative)
 * and the index in b (-1 when unmatched).
 */
export function matchModules(cos: Float64Array, ka: number, kb: number): { cosine: Float64Array; to: Int32Array } {
  const cosine = new Float64Array(ka);
  const to = new Int32Array(ka).fill(-1);
  if (ka === 0 || kb === 0) return { cosine, to };
  const rows = Array.from({ length: ka }, (_, i) => Array.from(cos.subarray(i * kb, (i + 1) * kb)));
  const { rowAssignments } = linearSumAssignment(rows, { maximaze: true });
  for (let i = 0; i < ka; i++) {
    const j = rowAssignments[i];
    if (j < 0) continue;
    to[i] = j;
    cosine[i] = Math.max(0, cos[i * kb + j]);
  }
  return { cosine, to };
}
