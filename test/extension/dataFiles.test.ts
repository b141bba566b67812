// Which files the extension offers, and which files options name that need the user's yes before they are read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DATA_GLOB, isDataFile, pathOptions, unchosenOutside } from '../../src/extension/commands/dataFiles';
import { DEFAULT_PARAMS } from '../../src/shared/params/types';

test('data files by extension, in either case; the workspace glob finds the same', () => {
  for (const p of [
    '/ws/a.csv',
    '/ws/b.TSV',
    '/ws/c.h5ad',
    '/ws/d.parquet',
    '/ws/e.feather',
    '/ws/f.npy',
    '/ws/g.NPZ',
  ])
    assert.ok(isDataFile(p), p);
  for (const p of ['/ws/a.json', '/ws/a.csv.bak', '/ws/h5ad']) assert.ok(!isDataFile(p), p);
  assert.match(DATA_GLOB, /^\*\*\/\*\.\{csv,CSV,tsv,TSV,h5ad,H5AD,.*npz,NPZ\}$/);
});

test('a file a .lava.json names outside the workspace needs consent; one picked for the run, or inside, does not', () => {
  const params = { ...DEFAULT_PARAMS, embeddingFile: '/elsewhere/umap.npy', metadataFile: '/ws/meta.csv' };
  assert.deepEqual(pathOptions(params), ['/elsewhere/umap.npy', '/ws/meta.csv']);
  const fromConfig = { embeddingFile: 'config', metadataFile: 'config' } as const;
  assert.deepEqual(unchosenOutside(params, fromConfig, ['/ws']), ['/elsewhere/umap.npy']);
  assert.deepEqual(unchosenOutside(params, { ...fromConfig, embeddingFile: 'command' }, ['/ws']), []);
  assert.deepEqual(unchosenOutside(params, fromConfig, ['/ws', '/elsewhere']), []);
  // A sibling folder whose name starts like the workspace's is outside it.
  assert.deepEqual(unchosenOutside({ ...DEFAULT_PARAMS, embeddingFile: '/wsx/u.npy' }, fromConfig, ['/ws']), [
    '/wsx/u.npy',
  ]);
  assert.deepEqual(unchosenOutside(DEFAULT_PARAMS, {}, ['/ws']), []);
});
