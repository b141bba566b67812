// Result files name their data and config relative to themselves (POSIX separators) and are read back absolute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultForFile, resultFromFile, writeResultAtomic } from '../../../src/engine/io/resultFile';
import type { LavaResult } from '../../../src/shared/result/types';
import { tempDir } from '../../cli/helpers';

const withSource = (source: LavaResult['source']) => ({ source, modules: [] }) as unknown as LavaResult;

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
