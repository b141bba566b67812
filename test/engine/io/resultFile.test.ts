// Result files name their data and config relative to themselves (POSIX separators) and are read back absolute;
// a stored text moves to another file by its source alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  relocateResultText,
  resultForFile,
  resultFromFile,
  writeResultAtomic,
} from '../../../src/engine/io/resultFile';
import { encodeResult } from '../../../src/shared/result/encode';
import { makeFixture } from '../../webview/fixture';
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

test('writeResultAtomic encodes the result (packed, or plain) with the data path relative to where it writes', async () => {
  const dir = tempDir();
  const r = makeFixture();
  const result = { ...r, source: { ...r.source, file: join(dir, 'sub', 'd.csv') } };
  const out = join(dir, 'r.json');
  await writeResultAtomic(out, result);
  const text = readFileSync(out, 'utf8');
  assert.equal(JSON.parse(text).source.file, 'sub/d.csv');
  assert.equal(JSON.parse(text).embedding.coords.dtype, 'float32');
  assert.equal(text, encodeResult(resultForFile(result, out)));
  await writeResultAtomic(out, result, { plainArrays: true });
  assert.ok(Array.isArray(JSON.parse(readFileSync(out, 'utf8')).embedding.coords));
});

test('relocating a result text to another file changes its source paths and nothing else', () => {
  const r = makeFixture();
  const source = { ...r.source, file: '/team/data/cells.csv', config: '/team/.lava.json' };
  const stored = encodeResult(resultForFile({ ...r, source }, '/store/ab12/cells.lava.json'));
  assert.equal(JSON.parse(stored).source.file, '../../team/data/cells.csv');
  const beside = relocateResultText(stored, source, r.params, '/team/data/cells.lava.json');
  assert.equal(beside, encodeResult(resultForFile({ ...r, source }, '/team/data/cells.lava.json')));
  assert.deepEqual(JSON.parse(beside).source, { ...r.source, file: 'cells.csv', config: '../.lava.json' });
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
