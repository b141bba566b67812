// The trust measures as the result holds them: present, in range and consistent with each other and with the one
// definition of active; each pair's r where active checked by hand through the whole pipeline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatePlanted } from '../../../fixtures/planted';
import { runPipeline } from '../../../src/engine/pipeline';
import { DEFAULT_PARAMS } from '../../../src/shared/params/types';
import { activeLocalities, activeLocalityCount } from '../../../src/shared/result/active';
import { decodeResult } from '../../../src/shared/result/decode';
import { encodeResult } from '../../../src/shared/result/encode';
import { membersOf } from '../../../src/shared/result/columns';
import type { LavaResult } from '../../../src/shared/result/types';
import { blobParams, blobsCsv } from '../../extension/support/blobs';
import { pearson } from '../../support/pearson';

test('r where active by hand: each listed pair\'s Pearson r among the members of each active locality, averaged', async () => {
  const { text, X } = blobsCsv(120);
  const { result } = await runPipeline({ file: 'blobs.csv', bytes: Buffer.from(text), params: blobParams });
  const col = (name: string) => 'abcdef'.indexOf(name);
  let checked = 0;
  for (const m of result.modules) {
    const active = activeLocalities(m.loadings);
    const places = Array.from({ length: result.localities.count }, (_, p) => Array.from(membersOf(result.localities, p))).filter(
      (_, p) => active[p] === 1,
    );
    assert.ok(places.length > 0);
    for (const pair of m.pairs) {
      const rs = places.map((rows) => pearson(rows.map((i) => X[i][col(pair.a)]), rows.map((i) => X[i][col(pair.b)])));
      const byHand = rs.reduce((s, r) => s + r, 0) / rs.length;
      // (the result holds r to 4 decimals)
      assert.ok(Math.abs(pair.r - byHand) <= 5e-5 + 1e-9, `${pair.a}~${pair.b}: ${pair.r} vs ${byHand}`);
      checked++;
    }
    const num = m.pairs.reduce((s, p) => s + p.weight * p.r, 0);
    const den = m.pairs.reduce((s, p) => s + Math.abs(p.weight), 0);
    assert.ok(Math.abs(m.rWhereActive - num / den) < 1e-3);
  }
  assert.ok(checked >= 2);
  // a ~ b correlate in the first blob (b = a + 0.1 noise on [0, 1)): a module holding them reads r near 1 there.
  const ab = result.modules.flatMap((m) => m.pairs).find((p) => p.a === 'a' && p.b === 'b');
  assert.ok(ab && ab.r > 0.9, JSON.stringify(ab));
});

/** Everything the result says about trust, checked against itself. */
function assertConsistent(r: LavaResult): void {
  const sum = r.modules.reduce((s, m) => s + m.strength, 0);
  assert.ok(Math.abs(sum - 1) < 1e-5, `strengths sum to ${sum}`);
  r.modules.forEach((m, i) => {
    assert.equal(m.id, i);
    if (i > 0) assert.ok(m.strength <= r.modules[i - 1].strength, 'strongest first');
    assert.equal(m.strong, m.stability >= r.params.minStability && m.significance <= r.params.maxPValue, `M${i} strong`);
    assert.equal(m.localityCount, activeLocalityCount(m.loadings), 'the one definition of active');
    for (let q = 1; q < m.pairs.length; q++) assert.ok(Math.abs(m.pairs[q].weight) <= Math.abs(m.pairs[q - 1].weight));
    assert.ok(m.pairs.every((p) => p.r >= -1 && p.r <= 1));
    assert.ok(m.significance >= 1 / 100, 'the floor of 99 permutations');
  });
  assert.equal(r.moduleSelection.chosen, r.modules.length);
}

test('a default run: k chosen by stability, every module measured, consistent, strongest first; the validator agrees', async () => {
  const { csv } = generatePlanted(2, { samples: 4000, features: 40, blobs: 8, modules: 5, moduleBlobs: [[0, 4], [2, 6], [0, 1, 2], [4], [5, 6, 7]] });
  const { result } = await runPipeline({ file: 'planted.csv', bytes: Buffer.from(csv), params: { ...DEFAULT_PARAMS, embedding: ['x', 'y'] } });
  const sel = result.moduleSelection;
  assert.equal(sel.mode, 'auto');
  assert.equal(sel.chosen, 5);
  const ks = sel.candidates.map((c) => c.k);
  assert.deepEqual(ks, Array.from({ length: ks.length }, (_, i) => i + 2), 'scanned upward from 2');
  assert.ok(ks.length >= 7, 'not before k = 8');
  assert.ok(sel.candidates.find((c) => c.k === 5)!.stability >= 0.9);
  assert.ok(sel.candidates.filter((c) => c.k > 5).every((c) => c.stability < 0.9), 'the largest stable k');
  assertConsistent(result);
  assert.equal(result.modules.filter((m) => m.strong).length, 5);
  assertConsistent(decodeResult(encodeResult(result), 'r.json'));
  const decode = (r: LavaResult) => () => decodeResult(encodeResult(r), 'r.json');
  const swapped = { ...result, modules: [result.modules[1], result.modules[0], ...result.modules.slice(2)] };
  assert.throws(decode(swapped), /modules\[1\]\.strength.*not ordered strongest first/);
  const short = { ...result, moduleSelection: { ...sel, chosen: 4 } };
  assert.throws(decode(short), /moduleSelection\.chosen.*is 4 for 5 modules/);
  const notR = { ...result, modules: [{ ...result.modules[0], pairs: [{ ...result.modules[0].pairs[0], r: 3.2 }] }, ...result.modules.slice(1)] };
  assert.throws(decode(notR), /modules\[0\]\.pairs\[0\]\.r/);
});
