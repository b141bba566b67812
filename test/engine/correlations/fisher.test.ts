// The significance threshold of Step 2 against scipy: the normal quantile (AS241) and Fisher's z.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fisherThreshold, inverseNormalCdf } from '../../../src/engine/correlations/fisher';

test('inverse normal CDF matches scipy.stats.norm.ppf', () => {
  const known: [number, number][] = [
    [1e-300, -37.0470962993612],
    [1e-20, -9.262340089798409],
    [1e-10, -6.361340902404056],
    [1e-6, -4.753424308822899],
    [5e-4, -3.2905267314918945],
    [0.01, -2.3263478740408408],
    [0.05, -1.6448536269514729],
    [0.3, -0.5244005127080409],
    [0.425, -0.18911842627279252],
    [0.5, 0],
    [0.6, 0.2533471031357997],
    [0.975, 1.959963984540054],
    [0.999, 3.090232306167813],
  ];
  for (const [p, z] of known) {
    assert.ok(
      Math.abs(inverseNormalCdf(p) - z) <= 1e-12 * (1 + Math.abs(z)),
      `p=${p}: ${inverseNormalCdf(p)} vs ${z}`,
    );
  }
});

test('Fisher threshold matches the reference formula', () => {
  // tanh(norm.isf(alpha/2) / sqrt(max(n-3, 1))) from scipy
  const known: [number, number, number][] = [
    [1e-3, 100, 0.32220210778196906],
    [1e-3, 50, 0.4462217092522579],
    [0.05, 30, 0.3602692225955645],
    [1e-6, 500, 0.21596515715220668],
    [1e-3, 4, 0.9972310627877443],
  ];
  for (const [a, n, t] of known) assert.ok(Math.abs(fisherThreshold(a, n) - t) < 1e-12, `${a} ${n}`);
});

test('the quantile at and beyond the ends of (0, 1)', () => {
  assert.equal(inverseNormalCdf(0), -Infinity);
  assert.equal(inverseNormalCdf(1), Infinity);
  assert.ok(Number.isNaN(inverseNormalCdf(-0.1)));
  assert.ok(Number.isNaN(inverseNormalCdf(1.5)));
  assert.ok(Number.isNaN(inverseNormalCdf(NaN)));
  // Symmetric: Phi^-1(1 - p) = -Phi^-1(p) in the tails too.
  for (const p of [1e-12, 0.01, 0.2])
    assert.ok(Math.abs(inverseNormalCdf(1 - p) + inverseNormalCdf(p)) < 1e-6 * -inverseNormalCdf(p));
});
