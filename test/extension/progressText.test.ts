// The progress notification says what a step does in this run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { progressText, stepLabel } from '../../src/extension/progressText';

test('the embedding step says UMAP only when UMAP runs; a given embedding is read', () => {
  assert.equal(stepLabel('embedding', { umap: true }), 'Computing the embedding (UMAP)');
  assert.equal(stepLabel('embedding', { umap: false }), 'Reading the embedding columns');
  assert.doesNotMatch(progressText('embedding', { umap: false }, 30), /UMAP/);
  assert.equal(
    progressText('correlations', { umap: false }, 57, 'locality 3 of 9'),
    'Correlating features per locality: locality 3 of 9 (57%)',
  );
});
