// The map's spatial index: point in polygon on hand-made shapes, and nearest / lasso / direction queries against
// brute force, up to a million synthetic points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boxPolygon, pointInPolygon, PointIndex } from '../../../../webview/views/scatter/pointIndex';
import { seededUniform } from '../../../../src/engine/random';

test('point in polygon: a square, a concave L and a self-touching star, by hand', () => {
  const square = boxPolygon(0, 0, 10, 10);
  assert.equal(pointInPolygon(square, 5, 5), true);
  assert.equal(pointInPolygon(square, 11, 5), false);
  assert.equal(pointInPolygon(square, -0.1, 5), false);
  // An L: the notch (top right quarter) is outside.
  const L = [0, 0, 10, 0, 10, 5, 5, 5, 5, 10, 0, 10];
  assert.equal(pointInPolygon(L, 2, 8), true);
  assert.equal(pointInPolygon(L, 8, 2), true);
  assert.equal(pointInPolygon(L, 8, 8), false, 'the notch of the L');
  // A five-pointed star drawn in one stroke: even-odd leaves its centre pentagon outside, its points inside.
  const star: number[] = [];
  for (let k = 0; k < 5; k++) {
    const a = -Math.PI / 2 + (k * 4 * Math.PI) / 5;
    star.push(Math.cos(a) * 10, Math.sin(a) * 10);
  }
  assert.equal(pointInPolygon(star, 0, 0), false, 'the centre of a one-stroke star is crossed twice');
  assert.equal(pointInPolygon(star, 0, -8), true, 'the top point');
});

/** Clustered synthetic points (like an embedding: dense blobs and a sparse haze), in screen pixels. */
function synthetic(n: number, seed = 7): { sx: Float32Array; sy: Float32Array } {
  const u = seededUniform(seed);
  const sx = new Float32Array(n);
  const sy = new Float32Array(n);
  const centres = Array.from({ length: 12 }, () => [40 + u() * 620, 40 + u() * 420]);
  for (let i = 0; i < n; i++) {
    if (i % 10 === 0) {
      sx[i] = u() * 700;
      sy[i] = u() * 500;
    } else {
      const [cx, cy] = centres[i % 12];
      const r = Math.sqrt(-2 * Math.log(1 - u())) * 12;
      const a = u() * 2 * Math.PI;
      sx[i] = cx + r * Math.cos(a);
      sy[i] = cy + r * Math.sin(a);
    }
  }
  return { sx, sy };
}

/** Brute force: the nearest within r, ties to the lower row (the index's contract). */
function bruteNearest(sx: Float32Array, sy: Float32Array, x: number, y: number, r: number): number | null {
  let best: number | null = null;
  let bestD = r * r;
  for (let i = 0; i < sx.length; i++) {
    const d = (sx[i] - x) ** 2 + (sy[i] - y) ** 2;
    if (d < bestD || (d === bestD && (best === null || i < best))) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

test('hit-test on 1,000,000 points: the index finds the same nearest row as brute force', () => {
  const { sx, sy } = synthetic(1_000_000);
  const index = new PointIndex(sx, sy);
  const u = seededUniform(11);
  let found = 0;
  for (let q = 0; q < 150; q++) {
    // Half the queries on points (hover over a dense cluster), half anywhere (empty space, edges, outside).
    const onPoint = q % 2 === 0;
    const i = Math.floor(u() * sx.length);
    const x = onPoint ? sx[i] + (u() - 0.5) * 2 : u() * 760 - 30;
    const y = onPoint ? sy[i] + (u() - 0.5) * 2 : u() * 560 - 30;
    const r = [0.5, 2, 8, 20][q % 4];
    const want = bruteNearest(sx, sy, x, y, r);
    assert.equal(index.nearest(x, y, r), want, `query ${q} at (${x}, ${y}) r ${r}`);
    if (want !== null) found++;
  }
  assert.ok(found > 60, `most queries find a row (${found})`);
});

test('lasso on 1,000,000 points: the rows inside a polygon are exactly the brute-force ones, ascending', () => {
  const { sx, sy } = synthetic(1_000_000, 3);
  const index = new PointIndex(sx, sy);
  const shapes = [
    [100, 100, 400, 120, 380, 380, 250, 200, 120, 350], // concave
    boxPolygon(300, 50, 520, 260),
    [0, 0, 700, 0, 700, 500, 0, 500],
  ];
  for (const poly of shapes) {
    const got = index.inPolygon(poly);
    const want: number[] = [];
    for (let i = 0; i < sx.length; i++) if (pointInPolygon(poly, sx[i], sy[i])) want.push(i);
    assert.equal(got.length, want.length);
    assert.deepEqual(Array.from(got.subarray(0, 50)), want.slice(0, 50));
    assert.ok(got.every((v, k) => k === 0 || v > got[k - 1]), 'ascending');
    assert.ok(got.every((v, k) => v === want[k]), 'the same rows');
  }
  assert.equal(index.inPolygon([1, 1, 2, 2]).length, 0, 'a shape of two points holds nothing');
});

test('an arrow moves to the nearest point within 45 degrees of its direction, by hand', () => {
  // . 3 .
  // 1 0 2      (0 at the centre; 4 far right and a little down; 5 straight below)
  // . 5 .
  const pts = [
    [50, 50],
    [30, 50],
    [62, 50],
    [50, 20],
    [90, 58],
    [50, 90],
  ];
  const index = new PointIndex(Float32Array.from(pts, (p) => p[0]), Float32Array.from(pts, (p) => p[1]));
  assert.equal(index.nextInDirection(0, 1, 0), 2);
  assert.equal(index.nextInDirection(0, -1, 0), 1);
  assert.equal(index.nextInDirection(0, 0, -1), 3, 'up is -y on screen');
  assert.equal(index.nextInDirection(0, 0, 1), 5);
  assert.equal(index.nextInDirection(2, 1, 0), 4, 'from 2 rightwards: 4 is within 45 degrees');
  assert.equal(index.nextInDirection(4, 1, 0), null, 'nothing further right');
  assert.equal(index.nearestAny(1000, 1000), 4, 'the nearest however far');
});
