// The comparison file: a round trip through its zod schema keeps every value (the per-row overlap exactly),
// and a foreign, newer or damaged file is refused naming the key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeComparison, encodeComparison } from '../../../src/shared/compare/codec';
import type { Comparison } from '../../../src/shared/compare/types';

function sample(): Comparison {
  const k = 15;
  const kept = Float32Array.from([0, 3, 15, 7, 11, 1], (c) => c * (1 / k));
  return {
    kind: 'lava-comparison',
    schemaVersion: 1,
    tool: { name: 'lava-explorer', version: '0.1.0' },
    a: { file: 'a.lava.json', rows: 6, modules: 3, strong: 1, strongIds: [2], embedding: { computed: 'given', columns: ['x', 'y'] } },
    b: { file: 'sub/b.lava.json', rows: 6, modules: 2, embedding: { computed: 'umap', columns: ['umap1', 'umap2'] } },
    threshold: 0.5,
    features: { common: 4, a: 4, b: 5 },
    matched: [{ a: 0, b: 1, cosine: 0.93 }, { a: 1, b: 0, cosine: 0.61 }],
    onlyA: [2],
    onlyB: [],
    lostStrong: [2],
    neighbourhood: { k, summary: { mean: 0.4, min: 0, q1: 0.1, median: 0.3, q3: 0.7, max: 1 }, kept },
    notes: ['patterns compared over the 4 features both hold (A has 4, B has 5)'],
  };
}

test('encode then decode gives the same comparison, the overlap bit for bit', () => {
  const c = sample();
  const text = encodeComparison(c);
  assert.ok(!text.includes('"kept":[') , 'the per-row array is packed, not plain numbers');
  const back = decodeComparison(text, 'c.json');
  assert.deepEqual(back, c);
  assert.equal(encodeComparison(back), text);
});

test('a result file, a newer comparison and a damaged array are refused with the file and key', () => {
  const text = encodeComparison(sample());
  const json = JSON.parse(text);
  assert.throws(() => decodeComparison(JSON.stringify({ ...json, kind: 'x' }), 'c.json'), /c\.json: not a valid LAVA comparison: kind/);
  assert.throws(() => decodeComparison(JSON.stringify({ ...json, schemaVersion: 2 }), 'c.json'), /newer version .*schemaVersion 2/);
  const short = { ...json, a: { ...json.a, rows: 7 } };
  assert.throws(() => decodeComparison(JSON.stringify(short), 'c.json'), /neighbourhood\.kept: has 6 values, expected 7/);
  const bad = { ...json, matched: [{ a: 0, b: 1, cosine: 2 }] };
  assert.throws(() => decodeComparison(JSON.stringify(bad), 'c.json'), /matched\[0\]\.cosine/);
  assert.throws(() => decodeComparison('{', 'c.json'), /c\.json: not a valid LAVA comparison: not JSON/);
});
