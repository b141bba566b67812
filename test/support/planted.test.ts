// Tests of the planted-module generator and its scorer: hand-computed AUC and cosine, planted correlations where (and only where) they were planted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cholesky, generatePlanted, writePlanted, type PlantedTruth } from './planted';
import { rocAuc, scorePlanted, sparseCosine } from './scorePlanted';

function parse(csv: string): { header: string[]; rows: string[][] } {
  const lines = csv.trimEnd().split('\n');
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

function pearson(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Brute force: the fraction of (positive, negative) pairs ordered correctly, ties counting half. */
function pairwiseAuc(score: number[], pos: boolean[]): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < score.length; i++) {
    if (!pos[i]) continue;
    for (let j = 0; j < score.length; j++) {
      if (pos[j]) continue;
      s += score[i] > score[j] ? 1 : score[i] === score[j] ? 0.5 : 0;
      n++;
    }
  }
  return s / n;
}

test('rocAuc: hand-computed cases, with and without ties', () => {
  // positives 0.4, 0.8 vs negatives 0.1, 0.35: every positive beats every negative
  assert.equal(rocAuc([0.1, 0.4, 0.35, 0.8], [false, true, false, true]), 1);
  // the classic sklearn example: positives 0.35, 0.8 vs negatives 0.1, 0.4 -> 3 of 4 pairs right
  assert.equal(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 0.75);
  // ties: positives 2, 3 vs negatives 1, 2 -> 1 + 0.5 + 1 + 1 = 3.5 of 4
  assert.equal(rocAuc([1, 2, 2, 3], [false, true, false, true]), 0.875);
  // all equal: every pair is a tie
  assert.equal(rocAuc([5, 5, 5], [true, false, false]), 0.5);
  assert.ok(Number.isNaN(rocAuc([1, 2], [true, true])));
});

test('rocAuc agrees with the pairwise count on data with many ties', () => {
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let trial = 0; trial < 5; trial++) {
    const score = Array.from({ length: 60 }, () => Math.floor(next() * 7));
    const pos = Array.from({ length: 60 }, (_, i) => i % 3 === 0 || score[i] > 4);
    assert.ok(Math.abs(rocAuc(score, pos) - pairwiseAuc(score, pos)) < 1e-12);
  }
});

test('sparseCosine: hand-computed, absent pairs are zero', () => {
  const x = new Map([
    ['a|b', 1],
    ['a|c', -1],
    ['b|c', -1],
  ]);
  const y = new Map([
    ['a|b', 0.5],
    ['a|c', -0.5],
    ['b|d', 0.5],
  ]);
  // dot = 0.5 + 0.5 = 1; |x| = sqrt 3; |y| = sqrt 0.75; cos = 1 / 1.5
  assert.ok(Math.abs(sparseCosine(x, y) - 2 / 3) < 1e-9);
  assert.equal(sparseCosine(x, new Map()), 0);
});

test('scorePlanted: picks the best module, reads pairs in either order, AUC over the planted blobs', () => {
  const truth: PlantedTruth = {
    features: ['f0', 'f1', 'f2', 'f3'],
    blob: [0, 0, 1, 1, 2, 2],
    modules: [
      {
        pairs: [
          ['f0', 'f1', 1],
          ['f0', 'f2', -1],
          ['f1', 'f2', -1],
        ],
        blobs: [1],
      },
      { pairs: [['f0', 'f3', 1]], blobs: [0, 2] },
    ],
  };
  const result = {
    modules: [
      // module 0: matches planted 0 exactly up to scale, pairs written reversed; activity high in blob 1 but one tie
      {
        pairs: [
          { a: 'f1', b: 'f0', r: 0.4 },
          { a: 'f2', b: 'f0', r: -0.4 },
          { a: 'f2', b: 'f1', r: -0.4 },
        ],
        activity: [0, 0.1, 0.9, 0.8, 0.1, 0.2],
      },
      // module 1: half of planted 1's mass plus an unrelated pair: cos = 1 / (1 * sqrt 2)
      {
        pairs: [
          { a: 'f0', b: 'f3', r: 1 },
          { a: 'f1', b: 'f3', r: 1 },
        ],
        activity: [1, 1, 0, 0, 0.5, 0.1],
      },
    ],
  };
  const s = scorePlanted(result, truth);
  assert.equal(s.modules[0].found, 0);
  assert.equal(s.modules[0].cos, 1);
  assert.equal(s.modules[0].auc, 1);
  assert.equal(s.modules[1].found, 1);
  assert.equal(s.modules[1].cos, 0.707);
  // positives (blobs 0, 2): 1, 1, 0.5, 0.1 vs negatives 0, 0: all 8 pairs right
  assert.equal(s.modules[1].auc, 1);
  assert.equal(s.recovered, 2);
  assert.equal(s.verdict, 'recovered 2/2 planted modules');
  // an activity of the wrong length scores AUC 0, as in the Python
  const short = { modules: [{ ...result.modules[0], activity: [1, 2, 3] }] };
  const s2 = scorePlanted(short, truth);
  assert.equal(s2.modules[0].auc, 0);
  assert.equal(s2.recovered, 0);
});

test('generatePlanted: columns, disjoint blocks, consistent signs, deterministic, streaming writer identical', async () => {
  const a = generatePlanted(3, { samples: 300, features: 30, blobs: 6, modules: 4 });
  const b = generatePlanted(3, { samples: 300, features: 30, blobs: 6, modules: 4 });
  const c = generatePlanted(4, { samples: 300, features: 30, blobs: 6, modules: 4 });
  assert.equal(a.csv, b.csv);
  assert.notEqual(a.csv, c.csv);
  const { header, rows } = parse(a.csv);
  assert.deepEqual(header.slice(0, 3), ['x', 'y', 'f000']);
  assert.equal(header[header.length - 1], 'blob');
  assert.equal(header.length, 33);
  assert.equal(rows.length, 300);
  assert.equal(a.truth.blob.length, 300);
  rows.forEach((r, i) => assert.equal(r[32], `b${a.truth.blob[i]}`));
  const used = new Set<string>();
  a.truth.modules.forEach((m, idx) => {
    const feats = new Set(m.pairs.flatMap(([x, y]) => [x, y]));
    assert.ok(feats.size >= 3 && feats.size <= 5);
    assert.equal(m.pairs.length, (feats.size * (feats.size - 1)) / 2);
    for (const f of feats) {
      assert.ok(!used.has(f), 'blocks are disjoint');
      used.add(f);
    }
    assert.ok(m.blobs.length >= 1 && m.blobs.length <= 3);
    if (idx === 0) assert.equal(m.blobs.length, 2);
    // signs come from s_i s_j, so every triangle multiplies to +1
    const r = new Map(m.pairs.map(([x, y, v]) => [`${x}|${y}`, v]));
    const fs = [...feats].sort();
    for (let i = 0; i < fs.length; i++)
      for (let j = i + 1; j < fs.length; j++)
        for (let k = j + 1; k < fs.length; k++) {
          const get = (p: string, q: string) => r.get(`${p}|${q}`) ?? r.get(`${q}|${p}`);
          assert.equal(get(fs[i], fs[j])! * get(fs[i], fs[k])! * get(fs[j], fs[k])!, 1);
        }
  });
  const dir = mkdtempSync(join(tmpdir(), 'planted-'));
  try {
    const file = join(dir, 'p.csv');
    const truth = await writePlanted(3, file, { samples: 300, features: 30, blobs: 6, modules: 4 });
    assert.equal(readFileSync(file, 'utf8'), a.csv);
    assert.deepEqual(truth, a.truth);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cholesky reproduces the matrix', () => {
  const C = new Float64Array([1, 0.75, -0.75, 0.75, 1, -0.75, -0.75, -0.75, 1]);
  const L = cholesky(C, 3);
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += L[i * 3 + k] * L[j * 3 + k];
      assert.ok(Math.abs(s - C[i * 3 + j]) < 1e-12);
      if (j > i) assert.equal(L[i * 3 + j], 0);
    }
});

test('generatePlanted: correlation about +-rho inside the planted blobs, about 0 elsewhere; blobs on a ring', () => {
  const G = 6;
  const { csv, truth } = generatePlanted(11, {
    samples: 3000,
    features: 24,
    blobs: G,
    modules: 4,
    rho: 0.75,
  });
  const { header, rows } = parse(csv);
  const col = (name: string, g: number) => {
    const j = header.indexOf(name);
    return Float64Array.from(rows.filter((_, i) => truth.blob[i] === g).map((r) => Number(r[j])));
  };
  // each blob is a unit Gaussian around a point at radius 10
  for (let g = 0; g < G; g++) {
    const x = col('x', g);
    const y = col('y', g);
    const mx = x.reduce((s, v) => s + v, 0) / x.length;
    const my = y.reduce((s, v) => s + v, 0) / y.length;
    assert.ok(Math.abs(Math.hypot(mx, my) - 10) < 0.3, `blob ${g} centre at radius ${Math.hypot(mx, my)}`);
  }
  const planted = new Map<string, number>();
  for (const m of truth.modules) for (const [a, b, s] of m.pairs) planted.set(`${a}|${b}`, s);
  let background = 0;
  let backgroundCount = 0;
  for (let g = 0; g < G; g++) {
    // about 500 samples per blob: the sampling sd of r is about 0.045 at 0 and 0.02 at 0.75
    for (const m of truth.modules) {
      const on = m.blobs.includes(g);
      for (const [a, b, s] of m.pairs) {
        const r = pearson(col(a, g), col(b, g));
        if (on) assert.ok(Math.abs(r - 0.75 * s) < 0.1, `blob ${g} ${a}~${b}: ${r} vs ${0.75 * s}`);
        else assert.ok(Math.abs(r) < 0.2, `blob ${g} ${a}~${b} not planted here: ${r}`);
      }
    }
    for (let i = 0; i < 24; i++)
      for (let j = i + 1; j < 24; j++) {
        const a = `f${String(i).padStart(3, '0')}`;
        const b = `f${String(j).padStart(3, '0')}`;
        if (planted.has(`${a}|${b}`) || planted.has(`${b}|${a}`)) continue;
        const r = pearson(col(a, g), col(b, g));
        assert.ok(Math.abs(r) < 0.25, `blob ${g} ${a}~${b} never planted: ${r}`);
        background += Math.abs(r);
        backgroundCount++;
      }
  }
  // mean |r| of a null correlation with n = 500 is about sqrt(2 / pi) / sqrt(500) = 0.036
  assert.ok(background / backgroundCount < 0.05);
});

test('scorePlanted gives a perfect score to the truth itself', () => {
  const { truth } = generatePlanted(5, { samples: 400, features: 30, blobs: 6, modules: 5 });
  const result = {
    modules: truth.modules.map((m) => ({
      pairs: m.pairs.map(([a, b, r]) => ({ a, b, r: 0.3 * r })),
      activity: truth.blob.map((g) => (m.blobs.includes(g) ? 1 : 0)),
    })),
  };
  const s = scorePlanted(result, truth);
  assert.equal(s.recovered, 5);
  s.modules.forEach((m, i) => {
    assert.equal(m.found, i);
    assert.equal(m.cos, 1);
    assert.equal(m.auc, 1);
  });
});
