// The trust assessment end to end on planted data whose answer is known: k, strong modules, and the three measures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scorePlanted } from '../../../fixtures/scorePlanted';
import { plantedTrust } from './helpers';
import { generatePlanted } from '../../../fixtures/planted';
import { runPipeline } from '../../../src/engine/pipeline';
import { DEFAULT_PARAMS } from '../../../src/shared/params/types';
import { assess, modulesAtK, trustContext } from '../../../src/engine/trust/trust';

test('k is chosen by stability: 3 planted modules in distinct blobs give k = 3, all strong and recovered', async () => {
  const { truth, report, modules } = await plantedTrust(1, { samples: 3000, features: 30, modules: 3, moduleBlobs: [[0, 4], [0, 1], [4, 5]] }, 'auto');
  assert.equal(report.moduleSelection.mode, 'auto');
  assert.equal(report.moduleSelection.chosen, 3);
  const k3 = report.moduleSelection.candidates.find((c) => c.k === 3);
  assert.ok(k3 && k3.stability >= 0.9, JSON.stringify(report.moduleSelection.candidates));
  // one more module than planted fits noise or splits one, differently in each subsample
  const k4 = report.moduleSelection.candidates.find((c) => c.k === 4);
  assert.ok(k4 && k4.stability < 0.9);
  const strong = modules.filter((m) => m.trust.strong);
  assert.equal(strong.length, 3);
  assert.equal(scorePlanted({ modules: strong.map((m) => m.summary) }, truth).recovered, 3);
});

test('k is chosen by stability: 5 planted modules (one recurring in two distant blobs) give k = 5', async () => {
  const moduleBlobs = [[0, 4], [2, 6], [0, 1, 2], [4], [5, 6, 7]];
  const { truth, report, modules } = await plantedTrust(2, { samples: 4000, features: 40, modules: 5, moduleBlobs }, 'auto');
  assert.equal(report.moduleSelection.chosen, 5);
  const strong = modules.filter((m) => m.trust.strong);
  assert.equal(strong.length, 5);
  assert.equal(scorePlanted({ modules: strong.map((m) => m.summary) }, truth).recovered, 5);
});

test('a planted module is strong, the noise fitted beside it is not; strongest first, strengths sum to 1', async () => {
  const { truth, report, modules } = await plantedTrust(3, { samples: 3000, features: 30, modules: 1, moduleBlobs: [[0, 4]] }, 4);
  assert.equal(report.moduleSelection.mode, 'fixed');
  assert.equal(modules.length, 4);
  const [planted, ...noise] = modules;
  assert.equal(scorePlanted({ modules: [planted.summary] }, truth).recovered, 1);
  assert.ok(planted.trust.strong);
  assert.ok(planted.trust.stability >= 0.95, `stability ${planted.trust.stability}`);
  assert.ok(planted.trust.significance <= 0.01);
  assert.ok(planted.trust.strength > 0.5, `strength ${planted.trust.strength}`);
  // rho = 0.75 planted, signs as planted: the pattern-weighted r where active reads about 0.75
  assert.ok(Math.abs(planted.trust.correlation - 0.75) < 0.05, `r ${planted.trust.correlation}`);
  for (const m of noise) assert.equal(m.trust.strong, false, JSON.stringify({ ...m.trust, active: undefined }));
  const strengths = modules.map((m) => m.trust.strength);
  assert.deepEqual(strengths, [...strengths].sort((a, b) => b - a));
  assert.ok(Math.abs(strengths.reduce((s, x) => s + x, 0) - 1) < 1e-9);
});

test('pure noise: no k is stable, the smallest is shown and no module is strong', async () => {
  const { report, modules } = await plantedTrust(4, { samples: 3000, features: 30, modules: 0 }, 'auto');
  assert.ok(report.moduleSelection.candidates.every((c) => c.stability < 0.9));
  assert.equal(report.moduleSelection.chosen, 2);
  // 3 unstable k in a row end the scan at k = 8, stable k or not: the rest of the range is not tried.
  assert.deepEqual(report.moduleSelection.candidates.map((c) => c.k), [2, 3, 4, 5, 6, 7, 8]);
  assert.equal(modules.filter((m) => m.trust.strong).length, 0);
});

test('a module present in every blob is found and stable but not significant: it is not about places', async () => {
  const everywhere = [[0, 1, 2, 3, 4, 5, 6, 7]];
  const { truth, modules } = await plantedTrust(5, { samples: 3000, features: 30, modules: 1, moduleBlobs: everywhere }, 2);
  const [top] = modules;
  assert.equal(scorePlanted({ modules: [top.summary] }, truth).modules[0].cos >= 0.9, true);
  assert.ok(top.trust.stability >= 0.9, `stability ${top.trust.stability}`);
  assert.ok(top.trust.significance > 0.01, `p ${top.trust.significance}`);
  assert.equal(top.trust.strong, false);
});

test('changing k re-uses the context: the fit at a scanned k needs no new scan, and equals a fresh assessment', async () => {
  const { csv } = generatePlanted(1, { samples: 3000, features: 30, modules: 3, blobs: 8, moduleBlobs: [[0, 4], [0, 1], [4, 5]] });
  const params = { ...DEFAULT_PARAMS, embedding: ['x', 'y'], modules: 1 };
  const out = await runPipeline({ file: 'planted.csv', bytes: Buffer.from(csv), params });
  const p = out.prepared;
  const input = { X: p.X, E: p.E, F: p.F, Z: p.Z as Float64Array, d: p.d, localities: out.localities, correlations: out.correlations, params };
  const ctx = trustContext(input);
  await assess(ctx, 'auto');
  const scanned = new Map(ctx.points);
  assert.ok(scanned.has(4));
  const again = await modulesAtK(ctx, 4);
  assert.equal(ctx.points.get(4), scanned.get(4)); // the scan's point at k = 4 was used as it was
  const fresh = await assess(trustContext(input), 4);
  assert.deepEqual(again.factorization.patterns, fresh.factorization.patterns);
  assert.deepEqual(again.modules.map((m) => [m.factor, m.stability, m.significance]), fresh.modules.map((m) => [m.factor, m.stability, m.significance]));
});
