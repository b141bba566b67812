// "Explain Dataset with Options..." by format, through a scripted prompter: an .h5ad offers its layers, var
// columns and obsm keys, a .npy asks for its embedding and metadata files, a CSV keeps its column steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  pickOptions,
  type FileInfo,
  type PickItem,
  type Prompter,
} from '../../src/extension/commands/optionSteps';
import { DEFAULT_PARAMS, type LavaParams } from '../../src/shared/params/types';

/** Answers the steps in order: an item id (or ids), a typed value, or a path; records what each step showed. */
function scripted(answers: (string | string[] | undefined)[]) {
  const shown: { title: string; items?: string[] }[] = [];
  const next = () => answers.shift();
  const ui: Prompter = {
    pick: async (items: PickItem[], title: string) => {
      shown.push({ title, items: items.map((i) => `${i.id}${i.description === 'current' ? '*' : ''}`) });
      const a = next();
      return a === undefined ? undefined : items.find((i) => i.id === a);
    },
    pickMany: async (items: PickItem[], title: string) => {
      shown.push({ title, items: items.map((i) => i.id) });
      const a = next();
      return Array.isArray(a) ? items.filter((i) => a.includes(i.id)) : undefined;
    },
    input: async (title: string, value: string, validate: (v: string) => string | null) => {
      shown.push({ title, items: [value] });
      const a = next();
      if (typeof a === 'string') assert.equal(validate(a), null, `${a} is valid for ${title}`);
      return a as string | undefined;
    },
    openFile: async (title: string) => {
      shown.push({ title });
      return next() as string | undefined;
    },
  };
  return { ui, shown };
}

const params = (p: Partial<LavaParams> = {}): LavaParams => ({ ...DEFAULT_PARAMS, ...p });

const H5AD: FileInfo = {
  format: 'h5ad',
  columns: ['leiden', 'cell_type'],
  choices: { layer: ['X', 'counts', 'raw/X'], obsm: ['X_pca', 'X_tsne', 'X_umap'], varNames: ['gene_ids'] },
};

test('an .h5ad: the matrix, the gene names and the obsm entry are offered, then the numbers', async () => {
  const { ui, shown } = scripted(['counts', 'gene_ids', 'obsm:X_tsne', '4', '60', '0']);
  const out = await pickOptions(H5AD, params(), ui);
  assert.deepEqual(out, {
    layer: 'counts',
    varNames: 'gene_ids',
    umap: false,
    obsm: 'X_tsne',
    modules: 4,
    neighbors: 60,
  });
  assert.deepEqual(
    shown.map((s) => s.title),
    [
      'LAVA: Matrix of features (X, a layer, raw/X) (1/6)',
      'LAVA: Feature (gene) names (2/6)',
      'LAVA: Embedding (3/6)',
      'LAVA: Number of modules k (4/6)',
      'LAVA: Neighbourhood size n, samples per locality (5/6)',
      'LAVA: Seed of the random steps (6/6)',
    ],
  );
  assert.deepEqual(shown[0].items, ['X*', 'counts', 'raw/X']);
  assert.deepEqual(shown[1].items, ['*', 'gene_ids']);
  // UMAP first, then t-SNE, as the reader prefers them; the current one marked.
  assert.deepEqual(shown[2].items, ['obsm:X_umap*', 'obsm:X_tsne', 'obsm:X_pca', 'umap', 'file']);
});

test('an .h5ad with the options a .lava.json gave: choosing them again leaves them to the config', async () => {
  const { ui, shown } = scripted(['counts', '', 'obsm:X_pca', '8', '100', '0']);
  const out = await pickOptions(H5AD, params({ layer: 'counts', obsm: 'X_pca' }), ui);
  assert.deepEqual(out, { umap: false });
  assert.deepEqual(shown[0].items, ['X', 'counts*', 'raw/X']);
  assert.deepEqual(shown[2].items, ['obsm:X_umap', 'obsm:X_tsne', 'obsm:X_pca*', 'umap', 'file']);
});

test('a .npy: the embedding comes from a file (or UMAP), labels from an optional CSV', async () => {
  const npy: FileInfo = { format: 'npy', columns: [], choices: {} };
  const { ui, shown } = scripted(['file', '/data/umap.npy', 'file', '/data/meta.csv', '8', '100', '3']);
  const out = await pickOptions(npy, params(), ui);
  assert.deepEqual(out, {
    umap: false,
    embeddingFile: '/data/umap.npy',
    metadataFile: '/data/meta.csv',
    seed: 3,
  });
  assert.deepEqual(shown[0].items, ['file', 'umap']);
  assert.equal(shown[0].title, 'LAVA: Embedding (1/5)');
  const none = scripted(['umap', 'none', '8', '100', '0']);
  assert.deepEqual(await pickOptions(npy, params(), none.ui), { umap: true, embedding: [] });
});

test('a CSV keeps its steps (columns, UMAP or a file for the embedding; all or chosen features); backing out runs nothing', async () => {
  const csv: FileInfo = { format: 'csv', columns: ['x', 'y', 'a', 'b', 'c'], choices: {} };
  const { ui, shown } = scripted(['columns', ['x', 'y'], 'pick', ['a', 'c'], '8', '100', '0']);
  assert.deepEqual(await pickOptions(csv, params(), ui), {
    umap: false,
    embedding: ['x', 'y'],
    features: ['a', 'c'],
  });
  assert.deepEqual(shown[0].items, ['auto', 'umap', 'columns', 'file']);
  assert.deepEqual(shown[2].items, ['all', 'pick']);
  assert.deepEqual(shown[3].items, ['a', 'b', 'c'], 'the embedding columns are not offered as features');
  for (let stop = 0; stop < 5; stop++) {
    const answers: (string | string[] | undefined)[] = ['auto', 'all', '8', '100', '0'];
    answers[stop] = undefined;
    assert.equal(await pickOptions(csv, params(), scripted(answers).ui), undefined, `backing out at ${stop}`);
  }
});
