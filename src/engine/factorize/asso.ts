// Step 3 (alternative): Boolean matrix factorization by Asso (Miettinen et al., 2008) of the binarized A.
import type { Factorization } from '../types';
import { signedPatterns } from './patterns';
import { transpose, type Csr, type SignSplit } from './sparse';

/** A Boolean matrix as CSR: the column indices of the ones of each row. */
export type BoolCsr = Csr;

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
  const candidates = assoCandidates(C, o.tau);
  const cover = new GreedyCover(C, k, o);
  for (let t = 0; t < k; t++) {
    let best = -1;
    let bestGain = 0;
    for (let i = 0; i < candidates.length; i++) {
      const g = cover.gain(candidates[i], false);
      if (g > bestGain) {
        bestGain = g;
        best = i;
      }
    }
    if (best < 0) break; // nothing left to gain: the remaining factors stay empty
    cover.add(t, candidates[best]);
  }
  return { basis: cover.basis, usage: cover.usage, ...cover.counts() };
}

/** The distinct rows of the association matrix at confidence tau, in order of the column that first produced them. */
function assoCandidates(C: BoolCsr, tau: number): Int32Array[] {
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
  const candidates: Int32Array[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < d; i++) {
    const ci = co[i * d + i];
    if (ci === 0) continue;
    const members: number[] = [];
    for (let j = 0; j < d; j++) if (co[i * d + j] / ci >= tau) members.push(j);
    const key = members.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    candidates.push(Int32Array.from(members));
  }
  return candidates;
}

/** The factors chosen so far (B, S and their bit masks) and the gain of a candidate over what they cover. */
class GreedyCover {
  readonly basis: Uint8Array;
  readonly usage: Uint8Array;
  /** Factors each row uses; factors whose basis vector holds each column. */
  private readonly rowMask: Uint32Array;
  private readonly colMask: Uint32Array;
  /** Column -> rows (CSC), to visit only the rows a candidate touches. */
  private readonly colPtr: Int32Array;
  private readonly rowOf: Int32Array;
  /** Scratch of gain(): per-row ones of the candidate not yet covered, rows touched, best usage. */
  private readonly ones: Int32Array;
  private readonly touched: Int32Array;
  private readonly isTouched: Uint8Array;
  private readonly use: Uint8Array;

  constructor(
    private readonly C: BoolCsr,
    private readonly k: number,
    private readonly o: AssoOptions,
  ) {
    const { rows: n, cols: d } = C;
    this.basis = new Uint8Array(k * d);
    this.usage = new Uint8Array(n * k);
    this.rowMask = new Uint32Array(n);
    this.colMask = new Uint32Array(d);
    const t = transpose(C);
    this.colPtr = t.rowPtr;
    this.rowOf = t.col;
    this.ones = new Int32Array(n);
    this.touched = new Int32Array(n);
    this.isTouched = new Uint8Array(n);
    this.use = new Uint8Array(n);
  }

  /** Gain of adding candidate b with its best usage; fills `use` (over touched rows) when record. */
  gain(b: Int32Array, record: boolean): number {
    const { colPtr, rowOf, rowMask, colMask, ones, touched, isTouched, use, o } = this;
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
  }

  /** Makes candidate b factor t, used by the rows it gains on. */
  add(t: number, b: Int32Array): void {
    const { k, use } = this;
    const d = this.C.cols;
    use.fill(0);
    this.gain(b, true);
    for (const c of b) {
      this.basis[t * d + c] = 1;
      this.colMask[c] |= 1 << t;
    }
    for (let r = 0; r < this.C.rows; r++)
      if (use[r]) {
        this.usage[r * k + t] = 1;
        this.rowMask[r] |= 1 << t;
      }
  }

  /** Ones of C that S o B covers, ones of C in all, zeros of C that S o B covers. */
  counts(): { coveredOnes: number; ones: number; coveredZeros: number } {
    const { rows: n, cols: d, rowPtr, col } = this.C;
    const { rowMask, colMask } = this;
    let coveredOnes = 0;
    let coveredCells = 0;
    for (let r = 0; r < n; r++) {
      const m = rowMask[r];
      if (m === 0) continue;
      for (let c = 0; c < d; c++) if ((colMask[c] & m) !== 0) coveredCells++;
      for (let z = rowPtr[r]; z < rowPtr[r + 1]; z++) if ((colMask[col[z]] & m) !== 0) coveredOnes++;
    }
    return { coveredOnes, ones: col.length, coveredZeros: coveredCells - coveredOnes };
  }
}

/**
 * Step 3 with Asso on the binarized sign-split A (l x 2P). Asso's association matrix is square in the
 * number of columns, and 2P (~300,000 pairs at F = 784) is far too many, so it runs on A^T: candidate
 * basis vectors are groups of localities whose significant pairs co-occur (association over l
 * localities), and each pair column chooses the groups it belongs to. W = B^T (l x k, 0/1); the
 * pattern of module m is +1 on the positive pairs that use it and -1 on the negative ones.
 * Error = fraction of A's ones left uncovered.
 */
export function assoFactorize(a: SignSplit, k: number, o: AssoOptions = DEFAULT_ASSO): Factorization {
  const { W, Ht, error } = assoSignSplit(a, k, o);
  return { k, W, patterns: signedPatterns(a, Ht, k), iterations: k, error };
}

/** Asso on A^T as assoFactorize runs it, with each active column's 0/1 usage of the k modules (Ht, m x k). */
export function assoSignSplit(
  a: SignSplit,
  k: number,
  o: AssoOptions = DEFAULT_ASSO,
): { W: Float64Array; Ht: Uint8Array; error: number } {
  const l = a.rows;
  // On A^T (a Boolean CSR: for each active column of A, the localities where it is non-zero).
  const res = asso(transpose({ rows: l, cols: a.cols, rowPtr: a.rowPtr, col: a.col }), k, o);
  const W = new Float64Array(l * k);
  for (let t = 0; t < k; t++) for (let p = 0; p < l; p++) W[p * k + t] = res.basis[t * l + p];
  return { W, Ht: res.usage, error: res.ones === 0 ? 0 : 1 - res.coveredOnes / res.ones };
}
