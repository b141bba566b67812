// Micro-benchmark of Step 2's kernel (C = Y^T Y, upper triangle): ours vs one-dot-at-a-time vs naive vs ml-matrix.
// Run: node --import tsx bench/kernels/correlation.bench.ts
import { Matrix } from 'ml-matrix';
import { gramUpper } from '../../src/engine/correlations/correlation';
import { seededUniform } from '../../src/engine/random';

/** Triple loop over the row-major n x F block, as one would first write it. */
function naive(y: Float64Array, F: number, n: number, out: Float64Array): void {
  for (let i = 0; i < F; i++)
    for (let j = i + 1; j < F; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += y[k * F + i] * y[k * F + j];
      out[i * F + j] = s;
    }
}

/** One contiguous dot product per pair over the transposed block. */
function dotEach(yT: Float64Array, F: number, n: number, out: Float64Array): void {
  for (let i = 0; i < F; i++)
    for (let j = i + 1; j < F; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += yT[i * n + k] * yT[j * n + k];
      out[i * F + j] = s;
    }
}

/** The same 4 x 4 kernel over Float32 storage (accumulating in float64): half the bytes, a conversion per load. */
// prettier-ignore
function gramUpper32(yT: Float32Array, F: number, n: number, out: Float64Array): void {
  const F4 = F - (F % 4);
  for (let i = 0; i < F4; i += 4) {
    const a0 = i * n, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n;
    for (let j = i; j < F4; j += 4) {
      const b0 = j * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let k = 0; k < n; k++) {
        const x0 = yT[a0 + k], x1 = yT[a1 + k], x2 = yT[a2 + k], x3 = yT[a3 + k];
        const z0 = yT[b0 + k], z1 = yT[b1 + k], z2 = yT[b2 + k], z3 = yT[b3 + k];
        c00 += x0 * z0; c01 += x0 * z1; c02 += x0 * z2; c03 += x0 * z3;
        c10 += x1 * z0; c11 += x1 * z1; c12 += x1 * z2; c13 += x1 * z3;
        c20 += x2 * z0; c21 += x2 * z1; c22 += x2 * z2; c23 += x2 * z3;
        c30 += x3 * z0; c31 += x3 * z1; c32 += x3 * z2; c33 += x3 * z3;
      }
      let o = i * F + j;
      out[o] = c00; out[o + 1] = c01; out[o + 2] = c02; out[o + 3] = c03; o += F;
      out[o] = c10; out[o + 1] = c11; out[o + 2] = c12; out[o + 3] = c13; o += F;
      out[o] = c20; out[o + 1] = c21; out[o + 2] = c22; out[o + 3] = c23; o += F;
      out[o] = c30; out[o + 1] = c31; out[o + 2] = c32; out[o + 3] = c33;
    }
  }
}

/** Mean wall and CPU ms per call after a warm-up; CPU time is the fairer number on a shared machine. */
function time(label: string, reps: number, f: () => void): number {
  f(); // warm-up (JIT)
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let r = 0; r < reps; r++) f();
  const ms = (performance.now() - t0) / reps;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1000 / reps;
  console.log(
    `${label.padEnd(28)} ${ms.toFixed(1).padStart(8)} ms wall ${cpu.toFixed(1).padStart(8)} ms CPU`,
  );
  return ms;
}

for (const [n, F] of [
  [500, 784],
  [100, 256],
] as const) {
  const rnd = seededUniform(1);
  const y = Float64Array.from({ length: n * F }, () => rnd() - 0.5);
  const yT = new Float64Array(n * F);
  for (let k = 0; k < n; k++) for (let i = 0; i < F; i++) yT[i * n + k] = y[k * F + i];
  const ours = new Float64Array(F * F);
  const ref = new Float64Array(F * F);
  console.log(`-- block ${n} x ${F} (${((n * F * (F - 1)) / 2 / 1e6).toFixed(1)} M multiply-adds)`);
  const reps = n * F > 100000 ? 3 : 20;
  time('gramUpper (4x4 blocks)', reps, () => gramUpper(yT, F, n, ours));
  const out32 = new Float64Array(F * F);
  time('same, Float32 storage', reps, () => gramUpper32(Float32Array.from(yT), F, n, out32));
  time('one dot per pair', reps, () => dotEach(yT, F, n, ref));
  time('naive triple loop', 1, () => naive(y, F, n, ref));
  const M = new Matrix(n, F);
  for (let k = 0; k < n; k++) for (let i = 0; i < F; i++) M.set(k, i, y[k * F + i]);
  let G = new Matrix(1, 1);
  time('ml-matrix transpose().mmul', 1, () => {
    G = M.transpose().mmul(M);
  });
  let maxErr = 0;
  for (let i = 0; i < F; i++)
    for (let j = i + 1; j < F; j++) maxErr = Math.max(maxErr, Math.abs(ours[i * F + j] - G.get(i, j)));
  let err32 = 0;
  const F4 = F - (F % 4);
  for (let i = 0; i < F4; i++)
    for (let j = i + 1; j < F4; j++) err32 = Math.max(err32, Math.abs(out32[i * F + j] - ours[i * F + j]));
  // The block is not standardized here: errors relative to entries of size ~sqrt(n)/~3.
  console.log(
    `max |ours - ml-matrix| = ${maxErr.toExponential(2)}, max |Float32 storage - ours| = ${err32.toExponential(2)}`,
  );
}
