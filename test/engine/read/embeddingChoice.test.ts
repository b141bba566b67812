// Choosing the embedding among a dataset's candidates: the named one, else UMAP, t-SNE, the first 2-D one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dataset, EmbeddingCandidate } from '../../../src/engine/read/dataset';
import { chooseEmbedding } from '../../../src/engine/read/embeddingChoice';
import { readH5ad } from '../../../src/engine/read/h5ad/h5ad';
import { formatFixtures, type Fixtures } from './formatFixtures';
import { rejectsInput } from './rejectsInput';

const fx = formatFixtures();
const skip = typeof fx === 'string' ? fx : false;
const F = fx as Fixtures;

const candidate = (key: string, dims: number): EmbeddingCandidate => ({
  key,
  rows: 3,
  dims,
  read: () => Promise.resolve(new Float64Array(3 * dims)),
});
const dataset = (embeddings: EmbeddingCandidate[]): Dataset => ({
  file: 'cells.h5ad',
  format: 'h5ad',
  rowCount: 3,
  rowNames: { kind: 'position' },
  columns: [],
  embeddings,
  matrix: null,
  choices: {},
  notes: [],
});
const keyOf = (ds: Dataset, key?: string): string | undefined => chooseEmbedding(ds, key)?.key;

test('X_umap is preferred, then X_tsne, then the first 2-D entry; none at all is null', () => {
  assert.equal(
    keyOf(dataset([candidate('X_pca', 50), candidate('X_tsne', 2), candidate('X_umap', 2)])),
    'X_umap',
  );
  assert.equal(keyOf(dataset([candidate('X_pca', 50), candidate('X_tSNE', 2)])), 'X_tSNE');
  assert.equal(keyOf(dataset([candidate('X_pca', 50), candidate('X_draw_graph_fa', 2)])), 'X_draw_graph_fa');
  assert.equal(keyOf(dataset([])), undefined);
});

test('with no 2-D entry the error lists the keys there are and names the options', async () => {
  const err = await rejectsInput(
    async () => keyOf(dataset([candidate('X_pca', 50)])),
    /has no 2-D embedding/,
    {
      option: 'obsm',
    },
  );
  assert.match(err.hint, /X_pca \(50-D\)/);
});

test('the named obsm key of a real h5ad is taken; a missing one lists the keys', { skip }, async () => {
  const ds = await readH5ad(F.path('cells_dense.h5ad'));
  assert.equal(keyOf(ds), 'X_umap');
  assert.equal(keyOf(ds, 'X_pca'), 'X_pca');
  const err = await rejectsInput(async () => keyOf(ds, 'X_phate'), /has no embedding "X_phate"/, {
    option: 'obsm',
  });
  assert.match(err.hint, /X_pca \(4-D\), X_umap \(2-D\)/);
});
