// Result files name their data and config relative to themselves (POSIX separators) and are read back absolute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultForFile, resultFromFile, writeResultAtomic } from '../../../src/engine/io/resultFile';
import type { LavaResult } from '../../../src/shared/result/types';
import { DEFAULT_PARAMS, type LavaParams } from '../../../src/shared/params/types';
import { tempDir } from '../../cli/helpers';

const withSource = (source: LavaResult['source'], params: LavaParams = DEFAULT_PARAMS) =>
  ({ source, params, modules: [] }) as unknown as LavaResult;

test('stored paths are relative to the result file; read back they are absolute again', () => {
  const r = withSource({ file: '/team/data/cells.csv', rows: 3, delimiter: ',', config: '/team/.lava.json' });
  const stored = resultForFile(r, '/team/results/cells.lava.json');
  assert.deepEqual(stored.source, {
    file: '../data/cells.csv',
    rows: 3,
    delimiter: ',',
    config: '../.lava.json',
  });
  assert.equal(r.source.file, '/team/data/cells.csv', 'the result in memory is not changed');
  // The same folder moved elsewhere (or shared): the data is found beside it.
  const read = resultFromFile(stored, '/home/ann/team/results/cells.lava.json');
  assert.deepEqual(
    [read.source.file, read.source.config],
    ['/home/ann/team/data/cells.csv', '/home/ann/team/.lava.json'],
  );
  // Old results with absolute paths, and results with no data file, stay as they are.
  assert.equal(resultFromFile(r, '/x/r.json').source.file, '/team/data/cells.csv');
  assert.equal(
    resultFromFile(withSource({ file: '', rows: 1, delimiter: ',' }), '/x/r.json').source.file,
    '',
  );
  assert.equal(
    resultFromFile(withSource({ file: 'C:/data/a.csv', rows: 1, delimiter: ',' }), '/x/r.json').source.file,
    'C:/data/a.csv',
  );
});

test('writeResultAtomic stores the data path relative to where it writes', async () => {
  const dir = tempDir();
  const out = join(dir, 'r.json');
  await writeResultAtomic(out, withSource({ file: join(dir, 'sub', 'd.csv'), rows: 1, delimiter: ';' }));
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).source.file, 'sub/d.csv');
});

test('the embedding and metadata files a run read are stored relative to the result too, and read back absolute', () => {
  const params = {
    ...DEFAULT_PARAMS,
    embeddingFile: '/team/data/umap.npy',
    metadataFile: '/team/meta/m.csv',
  };
  const r = withSource({ file: '/team/data/x.npy', rows: 3, delimiter: '' }, params);
  const stored = resultForFile(r, '/team/results/x.lava.json');
  assert.deepEqual(
    [stored.params.embeddingFile, stored.params.metadataFile],
    ['../data/umap.npy', '../meta/m.csv'],
  );
  assert.equal(r.params.embeddingFile, '/team/data/umap.npy', 'the result in memory is not changed');
  const read = resultFromFile(stored, '/home/ann/team/results/x.lava.json');
  assert.deepEqual(
    [read.params.embeddingFile, read.params.metadataFile],
    ['/home/ann/team/data/umap.npy', '/home/ann/team/meta/m.csv'],
  );
  // A run without them keeps its params object (and so its bytes) as it is.
  const plain = withSource({ file: '/team/data/x.csv', rows: 3, delimiter: ',' });
  assert.equal(resultForFile(plain, '/team/results/x.lava.json').params, plain.params);
});
