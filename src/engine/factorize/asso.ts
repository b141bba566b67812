// Step 3 (alternative): Boolean matrix factorization by Asso (Miettinen et al., 2008) of the binarized A.
import type { Factorization, LocalityCorrelations } from '../types';
import type { SignSplit } from './nmf';

/** A Boolean matrix as CSR: the column indices of the ones of each row. */
export interface BoolCsr {
  rows: number;
  cols: number;
  rowPtr: Int32Array;
  col: Int32Array;
}

export interface AssoOptions {
  /** Association confidence threshold tau in (0, 1]. */
  tau: number;
  /** Reward per covered one and penalty per covered zero. */
  wPlus: number;
  wMinus: number;
}

export const DEFAULT_ASSO: AssoOptions = { tau: 0.5, wPlus: 1, wMinus: 1 };

export interface AssoResult {
  /** k x cols, 0/1: the basis vectors (rows of B). */
  basis: Uint8Array;
  /** rows x k, 0/1: which basis vectors each row uses (S). */
  usage: Uint8Array;
  /** Ones of C that S o B covers, ones of C in all, zeros of C that S o B covers. */
  coveredOnes: number;
  ones: number;
  coveredZeros: number;
}

/**
 * Asso: C (n x d) ~ S o B (Boolean product), k factors. Candidate basis vectors are the rows of the
 * association matrix, row i = { j : |c_i AND c_j| / |c_i| >= tau } over C's columns c; k times, the
 * candidate and usage column maximizing cover = w+ (ones covered) - w- (zeros covered) are added,
 * each row using the candidate exactly when that gains on the entries not yet covered.
 * The association matrix is d x d dense, so d must be small (the caller picks the orientation).
 */
export function asso(C: BoolCsr, k: number, o: AssoOptions = DEFAULT_ASSO): AssoResult {
  if (k > 32) throw new Error(`Boolean factorization supports at most 32 modules (asked for ${k})`);
  const { rows: n, cols: d, rowPtr, col } = C;
  // Column co-occurrence counts (d x d) from the rows: each row adds 1 to every pair of its ones.
  const co = new Float64Array(d * d);
  for (let r = 0; r < n; r++) {
    const s = rowPtr[r];
    const e = rowPtr[r + 1];
    for (let x = s; x < e; x++) {
      const cx = col[x] * d;
      for (let y = s; y < e; y++) co[cx + col[y]]++;
    }
  }
  // Column -> rows (CSC), to visit only the rows a candidate touches.
  const colPtr = new Int32Array(d + 1);
  for (let z = 0; z < col.length; z++) colPtr[col[z] + 1]++;
  for (let c = 0; c < d; c++) colPtr[c + 1] += colPtr[c];
  const next = colPtr.slice(0, d);
  const rowOf = new Int32Array(col.length);
  for (let r = 0; r < n; r++) for (let z = rowPtr[r]; z < rowPtr[r + 1]; z++) rowOf[next[col[z]]++] = r;

  // Distinct candidates, in order of the column that first produced them.
  const candidates: Int32Array[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < d; i++) {
    const ci = co[i * d + i];
    if (ci === 0) continue;
    const members: number[] = [];
    for (let j = 0; j < d; j++) if (co[i * d + j] / ci >= o.tau) members.push(j);
    const key = members.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    candidates.push(Int32Array.from(members));
  }

  const basis = new Uint8Array(k * d);
  const usage = new Uint8Array(n * k);
  const rowMask = new Uint32Array(n); // factors each row uses
  const colMask = new Uint32Array(d); // factors whose basis vector holds each column
  const ones = new Int32Array(n);
  const touched = new Int32Array(n);
  const isTouched = new Uint8Array(n);
  const use = new Uint8Array(n);

  /** Gain of adding candidate b with its best usage; fills `use` (over touched rows) when record. */
  const gainOf = (b: Int32Array, record: boolean): number => {
    let nt = 0;
    for (const c of b) {
      const cm = colMask[c];
      for (let z = colPtr[c]; z < colPtr[c + 1]; z++) {
        const r = rowOf[z];
        if ((rowMask[r] & cm) !== 0) continue; // already covered
        if (!isTouched[r]) {
          isTouched[r] = 1;
          touched[nt++] = r;
        }
        ones[r]++;
      }
    }
    // Uncovered cells of b in a row depend only on the row's factor mask.
    const uncovered = new Map<number, number>();
    let gain = 0;
    for (let x = 0; x < nt; x++) {
      const r = touched[x];
      const mask = rowMask[r];
      let u = uncovered.get(mask);
      if (u === undefined) {
        u = 0;
        for (const c of b) if ((colMask[c] & mask) === 0) u++;
        uncovered.set(mask, u);
      }
      const g = o.wPlus * ones[r] - o.wMinus * (u - ones[r]);
      if (g > 0) gain += g;
      if (record) use[r] = g > 0 ? 1 : 0;
      ones[r] = 0;
      isTouched[r] = 0;
    }
    return gain;
  };

  for (let t = 0; t < k; t++) {
    let best = -1;
    let bestGain = 0;
    for (let i = 0; i < candidates.length; i++) {
      const g = gainOf(candidates[i], false);
      if (g > bestGain) {
        bestGain = g;
        best = i;
      }
    }
    if (best < 0) break; // nothing left to gain: the remaining factors stay empty
    const b = candidates[best];
    use.fill(0);
    gainOf(b, true);
    for (const c of b) {
      basis[t * d + c] = 1;
      colMask[c] |= 1 << t;
    }
    for (let r = 0; r < n; r++)
      if (use[r]) {
        usage[r * k + t] = 1;
        rowMask[r] |= 1 << t;
      }
  }

  // Final cover counts.
  let coveredOnes = 0;
  let coveredCells = 0;
  for (let r = 0; r < n; r++) {
    const m = rowMask[r];
    if (m === 0) continue;
    for (let c = 0; c < d; c++) if ((colMask[c] & m) !== 0) coveredCells++;
    for (let z = rowPtr[r]; z < rowPtr[r + 1]; z++) if ((colMask[col[z]] & m) !== 0) coveredOnes++;
  }
  return { basis, usage, coveredOnes, ones: col.length, coveredZeros: coveredCells - coveredOnes };
}

/**
 * Step 3 with Asso on the binarized sign-split A (l x 2P). Asso's association matrix is square in the
 * number of columns, and 2P (~300,000 pairs at F = 784) is far too many, so it runs on A^T: candidate
 * basis vectors are groups of localities whose significant pairs co-occur (association over l
 * localities), and each pair column chooses the groups it belongs to. W = B^T (l x k, 0/1); the
 * pattern of module m is +1 on the positive pairs that use it and -1 on the negative ones.
 * Error = fraction of A's ones left uncovered.
 */
export function assoFactorize(
  a: SignSplit,
  corr: LocalityCorrelations,
  k: number,
  o: AssoOptions = DEFAULT_ASSO,
): Factorization {
  const l = a.rows;
  const m = a.cols;
  // A^T as a Boolean CSR: for each active column (row of A^T), the localities where it is non-zero.
  const rowPtr = new Int32Array(m + 1);
  for (let z = 0; z < a.col.length; z++) rowPtr[a.col[z] + 1]++;
  for (let c = 0; c < m; c++) rowPtr[c + 1] += rowPtr[c];
  const next = rowPtr.slice(0, m);
  const col = new Int32Array(a.col.length);
  for (let p = 0; p < l; p++) for (let z = a.rowPtr[p]; z < a.rowPtr[p + 1]; z++) col[next[a.col[z]]++] = p;
  const res = asso({ rows: m, cols: l, rowPtr, col }, k, o);
  const W = new Float64Array(l * k);
  for (let t = 0; t < k; t++) for (let p = 0; p < l; p++) W[p * k + t] = res.basis[t * l + p];
  const P = corr.P;
  const patterns = new Float32Array(k * P);
  for (let c = 0; c < m; c++) {
    const orig = a.colOf[c];
    const q = orig < P ? orig : orig - P;
    const s = orig < P ? 1 : -1;
    for (let t = 0; t < k; t++) if (res.usage[c * k + t]) patterns[t * P + q] += s;
  }
  return { k, W, patterns, iterations: k, error: res.ones === 0 ? 0 : 1 - res.coveredOnes / res.ones };
}
