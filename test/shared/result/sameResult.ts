// One assertion for "these two results hold the same numbers": every field but the timings, typed arrays element
// by element (NaN equal to NaN), module activity either exactly or within the packed form's quantization step.
import assert from 'node:assert/strict';
import type { LavaResult } from '../../../src/shared/result/types';

function maxOf(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) if (a[i] > m) m = a[i];
  return m;
}

/** Element by element; `tol` 0 means identical values (NaN matching NaN). */
export function assertSameArray(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  what: string,
  tol = 0,
): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) {
    const same = Number.isNaN(want[i]) ? Number.isNaN(got[i]) : Math.abs(got[i] - want[i]) <= tol;
    if (!same) assert.fail(`${what}[${i}]: ${got[i]} vs ${want[i]} (tolerance ${tol})`);
  }
}

/**
 * `activity: 'quantized'`: within half the step of the uint8 codes the packed form stores (largest / 255 / 2),
 * and a Float32 rounding of that.
 */
export function assertSameResult(
  got: LavaResult,
  want: LavaResult,
  opts: { activity: 'exact' | 'quantized' },
): void {
  const strip = (r: LavaResult) => ({
    ...r,
    rowLines: null,
    metadata: null,
    embedding: { ...r.embedding, coords: null },
    probes: null,
    localities: { ...r.localities, members: null },
    modules: r.modules.map((m) => ({ ...m, pattern: null, activity: null, loadings: null })),
    timings: null, // wall times: the one field that differs between identical runs
  });
  assert.deepEqual(strip(got), strip(want));
  assertSameArray(got.rowLines, want.rowLines, 'rowLines');
  assertSameArray(got.embedding.coords, want.embedding.coords, 'embedding.coords');
  assertSameArray(got.probes, want.probes, 'probes');
  assertSameArray(got.localities.members, want.localities.members, 'localities.members');
  want.metadata.forEach((w, c) => {
    const g = got.metadata[c];
    assert.deepEqual([g.name, g.kind], [w.name, w.kind], `metadata[${c}]`);
    if (g.kind === 'numeric' && w.kind === 'numeric')
      assertSameArray(g.values, w.values, `metadata[${c}].values`);
    else if (g.kind === 'text' && w.kind === 'text')
      assert.deepEqual(
        Array.from(g.codes, (k) => g.categories[k]),
        Array.from(w.codes, (k) => w.categories[k]),
        `metadata[${c}]`,
      );
  });
  want.modules.forEach((w, i) => {
    const g = got.modules[i];
    assertSameArray(g.pattern, w.pattern, `modules[${i}].pattern`);
    assertSameArray(g.loadings, w.loadings, `modules[${i}].loadings`);
    const max = Math.max(maxOf(g.activity), maxOf(w.activity));
    // Half a step, plus the Float32 rounding of code x scale (one unit in the last place of the largest value).
    const tol = opts.activity === 'exact' ? 0 : max / 255 / 2 + max * 2 ** -23;
    assertSameArray(g.activity, w.activity, `modules[${i}].activity`, tol);
  });
}
