// The first colouring of a map: a label with few levels, cell types first, never an id column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultColorColumn } from '../../../webview/store/colorChoice';
import { reduce } from '../../../webview/store/reduce';
import { initialState } from '../../../webview/store/state';
import type { MetadataColumn } from '../../../src/shared/result/types';
import { toCategories } from '../../../src/shared/result/columns';
import { makeFixture } from '../fixture';

const N = 60;
const text = (name: string, f: (i: number) => string): MetadataColumn => ({
  name,
  kind: 'text',
  ...toCategories(Array.from({ length: N }, (_, i) => f(i))),
});
const numeric = (name: string, f: (i: number) => number): MetadataColumn => ({
  name,
  kind: 'numeric',
  values: Float64Array.from({ length: N }, (_, i) => f(i)),
});

/** An h5ad's obs as the result carries it: barcodes first, as anndata's index usually is. */
const obs = [
  text('barcode', (i) => `AAAC${i}-1`),
  text('sample_id', (i) => `S${i}`),
  numeric('n_counts', (i) => 1000 + i * 17.5),
  text('is_doublet', (i) => (i % 7 === 0 ? 'true' : 'false')),
  text('leiden', (i) => String(i % 4)),
  text('cell_type', (i) => ['T cell', 'B cell', 'NK'][i % 3]),
];

test('cell types before clusters before other labels; ids and continuous values never', () => {
  assert.equal(defaultColorColumn(obs), 'cell_type');
  assert.equal(defaultColorColumn(obs.filter((c) => c.name !== 'cell_type')), 'leiden');
  assert.equal(defaultColorColumn(obs.slice(0, 4)), 'is_doublet');
  assert.equal(defaultColorColumn(obs.slice(0, 3)), null, 'only ids and a continuous column');
  // digits: the label is a small whole number.
  assert.equal(defaultColorColumn([numeric('label', (i) => i % 10)]), 'label');
});

test('a column with a value per row, or too many levels, is no label whatever its name', () => {
  assert.equal(
    defaultColorColumn([text('cluster', (i) => `c${i}`), text('kind', (i) => 'ab'[i % 2])]),
    'kind',
  );
  assert.equal(defaultColorColumn([text('group', (i) => `g${i % 45}`)]), null, '45 levels');
  assert.equal(
    defaultColorColumn([text('group', () => 'one')]),
    null,
    'a single level colours nothing apart',
  );
});

test('a new result with barcodes before its cell types is coloured by the cell types', () => {
  const result = { ...makeFixture() };
  const E = result.rowCount;
  result.metadata = [
    { name: 'barcode', kind: 'text', ...toCategories(Array.from({ length: E }, (_, i) => `AAAC${i}-1`)) },
    { name: 'cell_type', kind: 'text', ...toCategories(Array.from({ length: E }, (_, i) => ['T', 'B'][i % 2])) },
  ];
  const s = reduce(initialState(), { type: 'result', result, appliedFrom: {}, resultUri: null });
  assert.equal(s.colorBy, 'cell_type');
});
