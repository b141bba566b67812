// The shareable config file and option precedence: parsing, validation errors with positions, merging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configParamsFor, parseConfig } from '../../../src/shared/params/config';
import { findConfigFile, pathFromConfig } from '../../../src/engine/io/configFile';
import { mergeParams } from '../../../src/shared/params/layers';
import { LavaInputError } from '../../../src/shared/errors';
import { DEFAULT_PARAMS } from '../../../src/shared/params/types';

test('parseConfig reads defaults and per-dataset options', () => {
  const cfg = parseConfig('{"defaults":{"modules":5},"datasets":{"data/a.csv":{"neighbors":50,"embedding":["u1","u2"]}}}', 'c.json');
  assert.equal(cfg.defaults?.modules, 5);
  assert.deepEqual(cfg.datasets?.['data/a.csv'], { neighbors: 50, embedding: ['u1', 'u2'] });
});

test('parseConfig names the line and column of a bad value', () => {
  const text = '{\n  "defaults": {\n    "modules": 0\n  }\n}';
  assert.throws(
    () => parseConfig(text, '/w/.lava.json'),
    (e: unknown) => e instanceof LavaInputError && e.line === 3 && e.column === 5 && /modules must be >= 1/.test(e.message),
  );
});

test('parseConfig rejects unknown options and bad JSON with a position', () => {
  assert.throws(() => parseConfig('{"defaults":{"modulez":3}}', 'c'), /unknown option "modulez"/);
  assert.throws(
    () => parseConfig('{\n "defaults": {,}\n}', 'c'),
    (e: unknown) => e instanceof LavaInputError && e.line === 2,
  );
  assert.throws(() => parseConfig('{"defaults":{"correlation":"kendall"}}', 'c'), /pearson, spearman/);
});

test('configParamsFor applies defaults then matching datasets, with globs', () => {
  const cfg = parseConfig('{"defaults":{"modules":5,"seed":3},"datasets":{"data/*.csv":{"modules":6},"data/b.csv":{"seed":9}}}', 'x');
  const root = '/proj';
  assert.deepEqual(configParamsFor(cfg, pathFromConfig(`${root}/.lava.json`, `${root}/data/b.csv`)), { modules: 6, seed: 9 });
  assert.deepEqual(configParamsFor(cfg, pathFromConfig(`${root}/.lava.json`, `${root}/data/a.csv`)), { modules: 6, seed: 3 });
  assert.deepEqual(configParamsFor(cfg, pathFromConfig(`${root}/.lava.json`, `${root}/other/a.csv`)), { modules: 5, seed: 3 });
});

test('mergeParams: later layers win and sources are recorded', () => {
  const { params, sources } = mergeParams([
    { source: 'settings', params: { modules: 4, seed: 1 } },
    { source: '.lava.json', params: { modules: 6 } },
    { source: 'command', params: { seed: 7 } },
  ]);
  assert.equal(params.modules, 6);
  assert.equal(params.seed, 7);
  assert.equal(params.neighbors, DEFAULT_PARAMS.neighbors);
  assert.equal(sources.modules, '.lava.json');
  assert.equal(sources.seed, 'command');
  assert.equal(sources.neighbors, 'default');
});

test('findConfigFile finds the nearest .lava.json above the data file', () => {
  const root = mkdtempSync(join(tmpdir(), 'lava-cfg-'));
  mkdirSync(join(root, 'a', 'b'), { recursive: true });
  writeFileSync(join(root, '.lava.json'), '{}');
  assert.equal(findConfigFile(join(root, 'a', 'b', 'd.csv')), join(root, '.lava.json'));
  writeFileSync(join(root, 'a', '.lava.json'), '{}');
  assert.equal(findConfigFile(join(root, 'a', 'b', 'd.csv')), join(root, 'a', '.lava.json'));
});
