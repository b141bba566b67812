// minPairLocalities through a whole run: Step 3 and the trust step factorize the pruned A, pruned pairs get weight 0,
// planted modules are still found, and unset it is today's run, byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatePlanted } from '../../../fixtures/planted';
import { scorePlanted } from '../../../fixtures/scorePlanted';
import { runPipeline } from '../../../src/engine/pipeline';
import { DEFAULT_PARAMS, type LavaParams } from '../../../src/shared/params/types';
import { signSplit, transpose } from '../../../src/engine/factorize/sparse';
import { modulesAtK } from '../../../src/engine/trust/trust';
import { encodeResult } from '../../../src/shared/result/encode';

const { csv, truth } = generatePlanted(3, { samples: 3000, features: 24, blobs: 8, modules: 3 });
const run = (extra: Partial<LavaParams>) =>
  runPipeline({
    file: 'planted.csv',
    bytes: Buffer.from(csv),
    params: { ...DEFAULT_PARAMS, embedding: ['x', 'y'], modules: 3, ...extra },
  });

test('minPairLocalities: the trust context holds A without the columns in fewer localities; their pairs weigh 0', async () => {
  const N = 4;
  const out = await run({ minPairLocalities: N });
  const full = signSplit(out.correlations);
  // the localities each column is non-zero in: its length in the transpose
  const ptr = transpose(full).rowPtr;
  const a = out.trust.context.a;
  const kept = Array.from(full.colOf).filter((_, c) => ptr[c + 1] - ptr[c] >= N);
  assert.ok(kept.length < full.cols && kept.length > 0, `${kept.length} of ${full.cols} kept`);
  assert.deepEqual(Array.from(a.colOf), kept);
  // a pair whose both parts are in fewer than N localities has pattern weight 0 in every module
  const P = full.P;
  const keptPair = new Uint8Array(P);
  for (const c of kept) keptPair[c < P ? c : c - P] = 1;
  const { factorization } = await modulesAtK(out.trust.context, 3);
  let dropped = 0;
  for (let q = 0; q < P; q++) {
    if (keptPair[q]) continue;
    for (let m = 0; m < 3; m++) assert.equal(factorization.patterns[m * P + q], 0, `pair ${q}, module ${m}`);
    dropped++;
  }
  assert.ok(dropped > 0);
  assert.equal(scorePlanted(out.result, truth).recovered, 3);
});

test('minPairLocalities unset or 1 is the unpruned run: same A, same result bytes but the params', async () => {
  const unset = await run({});
  const one = await run({ minPairLocalities: 1 });
  assert.deepEqual(Array.from(one.trust.context.a.colOf), Array.from(signSplit(unset.correlations).colOf));
  assert.equal('minPairLocalities' in unset.result.params, false);
  const bytes = (r: typeof unset.result) => encodeResult({ ...r, params: DEFAULT_PARAMS, paramSources: {}, timings: {} });
  assert.equal(bytes(one.result), bytes(unset.result));
});
