// The bookkeeping every feature-matrix layout shares: which rows and columns a pass uses, the streaming
// per-feature statistics, and the dense block being filled.
import type { FeatureStats } from './dataset';
import { LavaInputError } from '../../shared/errors';

/** Elements read at a time by default: 4M (16 MB of float32 values plus as many int32 indices). */
export const DEFAULT_CHUNK_ELEMENTS = 1 << 22;

/** rowSlot[r] = output row of matrix row r, or -1 when the pass leaves it out. */
export function rowSlots(total: number, rows: Int32Array | undefined, file: string): Int32Array {
  const slot = new Int32Array(total);
  if (rows === undefined) {
    for (let r = 0; r < total; r++) slot[r] = r;
    return slot;
  }
  slot.fill(-1);
  let prev = -1;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    // A caller's bug, but named as input so that it cannot silently read the wrong rows.
    if (!(r > prev && r < total)) {
      throw new LavaInputError(
        `row selection is not ascending within 0..${total - 1} at ${i}`,
        { file },
        'Report this as a bug.',
      );
    }
    slot[r] = i;
    prev = r;
  }
  return slot;
}

/** colSlot[c] = position of feature c in the block, or -1. */
export function columnSlots(total: number, columns: ArrayLike<number>, file: string): Int32Array {
  const slot = new Int32Array(total).fill(-1);
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i];
    if (!Number.isInteger(c) || c < 0 || c >= total || slot[c] >= 0) {
      throw new LavaInputError(
        `feature ${c} is not a column of the matrix, or is asked for twice`,
        { file },
        'Report this as a bug.',
      );
    }
    slot[c] = i;
  }
  return slot;
}

/**
 * Per-feature sums in one pass, stable without a second pass: each feature's values are shifted by
 * the first non-zero one seen. Zeros are never added but counted at the end, so that a dense and a
 * sparse copy of the same matrix sum the same values in the same order and give the same bits.
 */
export class StatsAccumulator {
  private readonly shift: Float64Array;
  private readonly seen: Int32Array;
  private readonly s1: Float64Array;
  private readonly s2: Float64Array;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly nonFinite: Int32Array;
  private readonly badRow: Uint8Array;

  constructor(
    readonly cols: number,
    totalRows: number,
  ) {
    this.shift = new Float64Array(cols);
    this.seen = new Int32Array(cols);
    this.s1 = new Float64Array(cols);
    this.s2 = new Float64Array(cols);
    this.lo = new Float64Array(cols).fill(Infinity);
    this.hi = new Float64Array(cols).fill(-Infinity);
    this.nonFinite = new Int32Array(cols);
    this.badRow = new Uint8Array(totalRows);
  }

  /** Adds value x of feature c in matrix row r (a row the pass uses). */
  add(c: number, r: number, x: number): void {
    if (x === 0) return;
    if (!Number.isFinite(x)) {
      this.nonFinite[c]++;
      this.badRow[r] = 1;
      return;
    }
    if (this.seen[c] === 0) this.shift[c] = x;
    this.seen[c]++;
    const d = x - this.shift[c];
    this.s1[c] += d;
    this.s2[c] += d * d;
    if (x < this.lo[c]) this.lo[c] = x;
    if (x > this.hi[c]) this.hi[c] = x;
  }

  /** The statistics over `rows` used rows; the values never added are zeros. */
  finish(rows: number): FeatureStats {
    const { cols } = this;
    const mean = new Float64Array(cols);
    const variance = new Float64Array(cols);
    const min = new Float64Array(cols);
    const max = new Float64Array(cols);
    for (let c = 0; c < cols; c++) {
      const n = rows - this.nonFinite[c];
      const zeros = n - this.seen[c];
      const k = this.shift[c];
      const s1 = this.s1[c] - zeros * k;
      const s2 = this.s2[c] + zeros * k * k;
      mean[c] = n > 0 ? k + s1 / n : NaN;
      variance[c] = n > 0 ? Math.max(0, (s2 - (s1 * s1) / n) / n) : NaN;
      min[c] = zeros > 0 ? Math.min(0, this.lo[c]) : n > 0 ? this.lo[c] : NaN;
      max[c] = zeros > 0 ? Math.max(0, this.hi[c]) : n > 0 ? this.hi[c] : NaN;
    }
    const bad: number[] = [];
    for (let r = 0; r < this.badRow.length; r++) if (this.badRow[r] === 1) bad.push(r);
    return { rows, mean, variance, min, max, nonFinite: this.nonFinite, badRows: Int32Array.from(bad) };
  }
}

/** Reports a pass's progress at most about a hundred times. */
export function progressReporter(
  onProgress: ((f: number) => void) | undefined,
  total: number,
): (done: number) => void {
  let last = -1;
  return (done) => {
    if (onProgress === undefined || total <= 0) return;
    const pct = Math.floor((100 * done) / total);
    if (pct > last) {
      last = pct;
      onProgress(Math.min(1, done / total));
    }
  };
}
