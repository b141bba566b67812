// A selection's effect sizes and make-up against hand-computed values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cohensD, metadataMakeup, moduleEffects } from '../../../webview/util/regionStats';
import { rowMask } from '../../../webview/store/rowSets';
import { makeFixture } from '../fixture';

test("Cohen's d by hand: means 2 and 6, pooled variance (2 + 4) / 5", () => {
  const { meanIn, meanOut, d } = cohensD([1, 2, 3, 5, 5, 7, 7], Uint8Array.of(1, 1, 1, 0, 0, 0, 0));
  assert.equal(meanIn, 2);
  assert.equal(meanOut, 6);
  assert.ok(Math.abs(d - -4 / Math.sqrt(1.2)) < 1e-12, `d = ${d}`);
  // Constant on both sides but different: infinitely separated; identical: nothing.
  assert.equal(cohensD([1, 1, 0, 0], Uint8Array.of(1, 1, 0, 0)).d, Infinity);
  assert.equal(cohensD([1, 1, 1, 1], Uint8Array.of(1, 1, 0, 0)).d, 0);
});

test('selecting blob B ranks its module (M1) first, then the others by d; means inside and outside', () => {
  const r = makeFixture();
  const rows = Array.from({ length: 100 }, (_, k) => 100 + k);
  const effects = moduleEffects(r, rowMask(rows, r.rowCount));
  assert.deepEqual(effects[0].id, 1);
  assert.ok(effects[0].d > 1 && effects[1].d < 0 && effects[2].d < 0, JSON.stringify(effects));
  const act = r.modules[1].activity;
  const inside = rows.reduce((s, i) => s + act[i], 0) / 100;
  const outside = act.reduce((s, v) => s + v, 0) / 200 - inside / 2;
  assert.ok(Math.abs(effects[0].meanIn - inside) < 1e-12);
  assert.ok(Math.abs(effects[0].meanOut - outside) < 1e-12);
});

test('make-up: label counts inside vs overall, most frequent inside first; numbers as means', () => {
  const r = makeFixture();
  // 10 rows of blob A and 30 of blob C.
  const rows = [...Array.from({ length: 10 }, (_, k) => k), ...Array.from({ length: 30 }, (_, k) => 200 + k)];
  const [label, score] = metadataMakeup(r, rowMask(rows, r.rowCount));
  assert.deepEqual(label.categories, [
    { value: 'blob C', inside: 30, overall: 100 },
    { value: 'blob A', inside: 10, overall: 100 },
    { value: 'blob B', inside: 0, overall: 100 },
  ]);
  assert.equal(label.insideCount, 40);
  assert.equal(score.categories, null);
  const col = r.metadata[1];
  assert.equal(col.kind, 'numeric');
  const s = Array.from(col.kind === 'numeric' ? col.values : []);
  assert.ok(Math.abs(score.meanIn! - rows.reduce((a, i) => a + s[i], 0) / 40) < 1e-12);
  assert.ok(Math.abs(score.meanAll! - s.reduce((a, v) => a + v, 0) / 300) < 1e-12);
});
