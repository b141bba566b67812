// Embedding columns recognised from a header's names alone: spellings, preference order, and near misses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recogniseEmbedding } from '../../../src/engine/prepare/embeddingColumns';

test('recogniseEmbedding: many spellings, in index order', () => {
  const cases: [string[], string[]][] = [
    [
      ['f1', 'x', 'y'],
      ['x', 'y'],
    ],
    [
      ['X', 'Y', 'f'],
      ['X', 'Y'],
    ],
    [
      ['y', 'z', 'x'],
      ['x', 'y', 'z'],
    ],
    [
      ['umap_1', 'umap_2', 'f'],
      ['umap_1', 'umap_2'],
    ],
    [
      ['UMAP2', 'UMAP1'],
      ['UMAP1', 'UMAP2'],
    ],
    [
      ['tsne_1', 'tsne_2'],
      ['tsne_1', 'tsne_2'],
    ],
    [
      ['tSNE-1', 'tSNE-2'],
      ['tSNE-1', 'tSNE-2'],
    ],
    [
      ['t-SNE1', 't-SNE2'],
      ['t-SNE1', 't-SNE2'],
    ],
    [
      ['PC1', 'PC2', 'PC3', 'PC5'],
      ['PC1', 'PC2', 'PC3'],
    ],
    [
      ['pca_0', 'pca_1'],
      ['pca_0', 'pca_1'],
    ],
    [
      ['emb_0', 'emb_1', 'emb_2'],
      ['emb_0', 'emb_1', 'emb_2'],
    ],
    [
      ['embedding.1', 'embedding.2'],
      ['embedding.1', 'embedding.2'],
    ],
    [
      ['latent0', 'latent1'],
      ['latent0', 'latent1'],
    ],
    [
      ['z_0', 'z_1'],
      ['z_0', 'z_1'],
    ],
    [
      ['dim 1', 'dim 2'],
      ['dim 1', 'dim 2'],
    ],
    [
      ['Component_1', 'Component_2'],
      ['Component_1', 'Component_2'],
    ],
    // Preference: x,y over families; umap over tsne over the rest, wherever they stand.
    [
      ['umap_1', 'umap_2', 'x', 'y'],
      ['x', 'y'],
    ],
    [
      ['PC1', 'PC2', 'tsne_1', 'tsne_2', 'umap_1', 'umap_2'],
      ['umap_1', 'umap_2'],
    ],
    [
      ['PC1', 'PC2', 'tsne_1', 'tsne_2'],
      ['tsne_1', 'tsne_2'],
    ],
    [
      ['dim_1', 'dim_2', 'pc_1', 'pc_2'],
      ['pc_1', 'pc_2'],
    ],
  ];
  for (const [header, want] of cases) assert.deepEqual(recogniseEmbedding(header), want, header.join(','));
  const none = [
    ['pixel_0_0', 'pixel_0_1'],
    ['zone', 'f1'],
    ['x1'],
    ['x1', 'x2'],
    ['x', 'f'],
    ['umap_1'],
    ['umap_2', 'umap_3'],
    ['umap_1', 'UMAP2'],
    ['umapx_1', 'umapx_2'],
    ['pcb1', 'pcb2'],
    [],
  ];
  for (const header of none) assert.equal(recogniseEmbedding(header), null, header.join(','));
});
