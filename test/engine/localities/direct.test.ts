// DIRECT on functions with known minima and a hand-worked first division.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { direct } from '../../../src/engine/localities/direct';

test('DIRECT samples the centre, then the thirds along each longest side', async () => {
  const calls: number[][] = [];
  const f = async (x: number, y: number) => {
    calls.push([x, y]);
    return (x - 1) ** 2 + (y + 0.5) ** 2;
  };
  const res = await direct(f, [-2, -2], [2, 2], 5);
  // Box [-2, 2]²: centre (0, 0); thirds at ±4/3 (unit-cube offsets of 1/3, scaled by the width 4).
  const t = 4 / 3;
  const want = [
    [0, 0],
    [t, 0],
    [-t, 0],
    [0, t],
    [0, -t],
  ];
  assert.equal(calls.length, want.length);
  calls.forEach((c, i) =>
    assert.ok(Math.hypot(c[0] - want[i][0], c[1] - want[i][1]) < 1e-12, `call ${i}: ${c}`),
  );
  assert.equal(res.evaluations, 5);
  assert.ok(Math.hypot(res.x[0] - t, res.x[1]) < 1e-12);
});

for (const locallyBiased of [false, true]) {
  test(`DIRECT${locallyBiased ? '-L' : ''} finds the minimum of a shifted bowl and of Branin within budget`, async () => {
    let n = 0;
    const bowl = async (x: number, y: number) => {
      n++;
      return (x - 0.3) ** 2 + 2 * (y + 0.7) ** 2;
    };
    const a = await direct(bowl, [-2, -2], [2, 2], 150, { locallyBiased });
    assert.ok(n <= 150 && a.evaluations === n);
    assert.ok(Math.abs(a.x[0] - 0.3) < 0.05 && Math.abs(a.x[1] + 0.7) < 0.05, `bowl: ${a.x}`);
    // Branin on [-5, 10] x [0, 15]: global minimum 0.397887 at three points.
    const branin = async (x: number, y: number) =>
      (y - (5.1 / (4 * Math.PI ** 2)) * x * x + (5 / Math.PI) * x - 6) ** 2 +
      10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x) +
      10;
    const b = await direct(branin, [-5, 0], [10, 15], 200, { locallyBiased });
    assert.ok(b.f < 0.41, `branin: ${b.f} at ${b.x}`);
  });
}
