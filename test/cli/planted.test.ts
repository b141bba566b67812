// Planted modules end to end through the CLI: every planted block must come back as a module whose
// signed pair pattern matches it (cosine >= 0.7) and whose activity marks its blobs (ROC AUC >= 0.9).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePlanted } from '../../fixtures/planted';
import { scorePlanted } from '../../fixtures/scorePlanted';
import { lava, tempDir } from './helpers';
import { decodeResult } from '../../src/shared/result/decode';

const CASES = [
  { seed: 1, samples: 4000, features: 40, blobs: 8, modules: 5 },
  { seed: 2, samples: 6000, features: 60, blobs: 8, modules: 5 },
  { seed: 4, samples: 6000, features: 60, blobs: 8, modules: 5 },
  { seed: 3, samples: 3000, features: 30, blobs: 6, modules: 4 },
];

for (const c of CASES) {
  test(`planted seed ${c.seed}: ${c.samples} x ${c.features}, ${c.modules} modules in ${c.blobs} blobs are all recovered`, async () => {
    const dir = tempDir();
    const csv = join(dir, 'planted.csv');
    const truth = await writePlanted(c.seed, csv, c);
    const r = lava(['explain', csv, '--embedding', 'x,y', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const out = join(dir, 'planted.lava.json');
    const result = decodeResult(readFileSync(out, 'utf8'), out);
    const score = scorePlanted(result, truth);
    assert.equal(score.recovered, truth.modules.length, JSON.stringify(score.modules));
  });
}

test('the summary says how many modules are strong and how k was chosen, one line per strong module', async () => {
  // 3 planted modules in distinct blob sets (one recurring in two distant blobs others also use): k = 3, all strong.
  const dir = tempDir();
  const csv = join(dir, 'planted.csv');
  const truth = await writePlanted(1, csv, { samples: 3000, features: 30, blobs: 8, modules: 3, moduleBlobs: [[0, 4], [0, 1], [4, 5]] });
  const r = lava(['explain', csv, '--embedding', 'x,y']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[1], '3 strong modules (k = 3 chosen by stability from 2..16), 0 weak:');
  const result = decodeResult(readFileSync(join(dir, 'planted.lava.json'), 'utf8'), 'planted.lava.json');
  const perModule = lines.slice(2, 5);
  result.modules.forEach((m, i) =>
    assert.equal(
      perModule[i],
      `  M${m.id} ${m.name}: strength ${m.strength.toFixed(2)}, stability ${m.stability.toFixed(2)}, ` +
        `p ${m.significance.toFixed(2)}, r ${m.rWhereActive.toFixed(2)} where active, active in ${m.localityCount} of ${result.localities.count} localities`,
    ),
  );
  assert.match(lines[5], /^Wrote .*planted\.lava\.json in /);
  assert.equal(scorePlanted(result, truth).recovered, 3);
});

test('Boolean factorization: "auto" is refused in one line naming the option; a given k gets the measures that apply', async () => {
  const dir = tempDir();
  const csv = join(dir, 'planted.csv');
  await writePlanted(1, csv, { samples: 3000, features: 30, blobs: 8, modules: 3, moduleBlobs: [[0, 4], [0, 1], [4, 5]] });
  const auto = lava(['explain', csv, '--factorization', 'boolean', '--quiet']);
  assert.equal(auto.code, 2);
  assert.match(auto.stderr, /^lava: .*planted\.csv: --modules "auto" chooses the number of modules by the stability of NMF fits.*Give --modules a whole number/);
  assert.equal(auto.stderr.trim().split('\n').length, 1);
  const fixed = lava(['explain', csv, '--factorization', 'boolean', '--modules', '3', '--quiet']);
  assert.equal(fixed.code, 0, fixed.stderr);
  const result = decodeResult(readFileSync(join(dir, 'planted.lava.json'), 'utf8'), 'planted.lava.json');
  assert.deepEqual(result.moduleSelection, { mode: 'fixed', chosen: 3, candidates: [] });
  assert.equal(result.factorization.method, 'boolean');
  // Asso's modules are measured like NMF's: strength shares sum to 1, stability from the same subsamples.
  assert.ok(Math.abs(result.modules.reduce((s, m) => s + m.strength, 0) - 1) < 1e-4);
  assert.ok(result.modules.filter((m) => m.strong).length >= 2, JSON.stringify(result.modules.map((m) => [m.stability, m.significance])));
});
