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
