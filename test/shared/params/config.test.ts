// The shareable config file and option precedence: parsing, validation errors with positions, merging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configParamsFor, parseConfig } from '../../../src/shared/params/config';
import {
  findConfigFile,
  pathFromConfig,
  projectOrHomeTop,
  readConfigLayer,
} from '../../../src/engine/io/configFile';
import { resolveParams } from '../../../src/shared/params/layers';
import { checkParam } from '../../../src/shared/params/spec';
import { LavaInputError } from '../../../src/shared/errors';
import { DEFAULT_PARAMS } from '../../../src/shared/params/types';

test('parseConfig reads defaults and per-dataset options', () => {
  const cfg = parseConfig(
    '{"defaults":{"modules":5},"datasets":{"data/a.csv":{"neighbors":50,"embedding":["u1","u2"]}}}',
    'c.json',
  );
  assert.equal(cfg.defaults?.modules, 5);
  assert.deepEqual(cfg.datasets?.['data/a.csv'], { neighbors: 50, embedding: ['u1', 'u2'] });
});

test('parseConfig names the line and column of a bad value', () => {
  const text = '{\n  "defaults": {\n    "modules": 0\n  }\n}';
  assert.throws(
    () => parseConfig(text, '/w/.lava.json'),
    (e: unknown) =>
      e instanceof LavaInputError && e.line === 3 && e.column === 5 && /modules must be >= 1/.test(e.message),
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
  const cfg = parseConfig(
    '{"defaults":{"modules":5,"seed":3},"datasets":{"data/*.csv":{"modules":6},"data/b.csv":{"seed":9}}}',
    'x',
  );
  const root = '/proj';
  assert.deepEqual(configParamsFor(cfg, pathFromConfig(`${root}/.lava.json`, `${root}/data/b.csv`)), {
    modules: 6,
    seed: 9,
  });
  assert.deepEqual(configParamsFor(cfg, pathFromConfig(`${root}/.lava.json`, `${root}/data/a.csv`)), {
    modules: 6,
    seed: 3,
  });
  assert.deepEqual(configParamsFor(cfg, pathFromConfig(`${root}/.lava.json`, `${root}/other/a.csv`)), {
    modules: 5,
    seed: 3,
  });
});

test('resolveParams: command over config over settings over defaults, each value labelled by its layer', () => {
  // Given in any order, the layers apply in the fixed one.
  const { params, sources } = resolveParams({
    command: { seed: 7 },
    config: { modules: 6, umap: true },
    settings: { modules: 4, seed: 1, alpha: 0.01 },
  });
  assert.deepEqual([params.modules, params.seed, params.alpha, params.umap], [6, 7, 0.01, true]);
  assert.equal(params.neighbors, DEFAULT_PARAMS.neighbors);
  assert.deepEqual(
    [sources.modules, sources.seed, sources.alpha, sources.neighbors],
    ['config', 'command', 'settings', 'default'],
  );
  // The defaults themselves are never changed by a run.
  assert.deepEqual(resolveParams({}).params, DEFAULT_PARAMS);
});

test('a bad value in a config file names the key as the file writes it, and the option', () => {
  assert.throws(
    () => parseConfig('{"defaults":{"maxFeatures":1}}', '/w/.lava.json'),
    (e: unknown) =>
      e instanceof LavaInputError &&
      e.option === 'maxFeatures' &&
      /^maxFeatures must be >= 2/.test(e.problem),
  );
});

test('findConfigFile finds the nearest .lava.json above the data file', () => {
  const root = mkdtempSync(join(tmpdir(), 'lava-cfg-'));
  mkdirSync(join(root, 'a', 'b'), { recursive: true });
  writeFileSync(join(root, '.lava.json'), '{}');
  assert.equal(findConfigFile(join(root, 'a', 'b', 'd.csv')), join(root, '.lava.json'));
  writeFileSync(join(root, 'a', '.lava.json'), '{}');
  assert.equal(findConfigFile(join(root, 'a', 'b', 'd.csv')), join(root, 'a', '.lava.json'));
});

test('the .lava.json search stops at its top folder: nothing above a project (.git) or the given folder is read', () => {
  const root = mkdtempSync(join(tmpdir(), 'lava-cfg-'));
  mkdirSync(join(root, 'proj', '.git'), { recursive: true });
  mkdirSync(join(root, 'proj', 'data'), { recursive: true });
  writeFileSync(join(root, '.lava.json'), '{}');
  const data = join(root, 'proj', 'data', 'd.csv');
  assert.equal(
    findConfigFile(data),
    join(root, '.lava.json'),
    'unbounded, the search reaches the folder above',
  );
  assert.equal(findConfigFile(data, projectOrHomeTop), null, 'the CLI stops at the project holding .git');
  assert.equal(
    findConfigFile(data, (dir) => dir === join(root, 'proj')),
    null,
    'the extension stops at the workspace folder',
  );
  writeFileSync(join(root, 'proj', '.lava.json'), '{}');
  assert.equal(
    findConfigFile(data, projectOrHomeTop),
    join(root, 'proj', '.lava.json'),
    'the top folder itself counts',
  );
});

test('readConfigLayer gives the options for the data file, and an unreadable file is an input error naming it', async () => {
  const root = mkdtempSync(join(tmpdir(), 'lava-cfg-'));
  const cfg = join(root, '.lava.json');
  writeFileSync(cfg, '{"defaults":{"modules":5},"datasets":{"sub/*.csv":{"seed":4}}}');
  assert.deepEqual(await readConfigLayer(cfg, join(root, 'sub', 'a.csv')), {
    file: cfg,
    params: { modules: 5, seed: 4 },
  });
  await assert.rejects(
    readConfigLayer(join(root, 'nope.json'), join(root, 'a.csv')),
    (e: unknown) =>
      e instanceof LavaInputError && e.file === join(root, 'nope.json') && /ENOENT/.test(e.problem),
  );
});

test('a UTF-8 byte order mark is skipped; a "__proto__" dataset is refused, never silently dropped', () => {
  assert.deepEqual(parseConfig('\uFEFF{"defaults":{"modules":5}}', 'c').defaults, { modules: 5 });
  assert.throws(
    () => parseConfig('{\n "datasets": {\n  "__proto__": {"modules": 3}\n }\n}', '/w/.lava.json'),
    (e: unknown) =>
      e instanceof LavaInputError && e.line === 3 && /"__proto__" is not a data file path/.test(e.problem),
  );
  assert.equal(({} as Record<string, unknown>).modules, undefined, 'no prototype was touched');
});

test('directBounds beyond [-100, 100] are refused (±1e308 made alpha and beta NaN, written as 0)', () => {
  assert.deepEqual(checkParam('directBounds', '-100,100'), { value: [-100, 100] });
  assert.deepEqual(checkParam('directBounds', [-1e308, 1e308]), {
    problem: '{option:directBounds} must lie within [-100, 100] (got [-1e+308, 1e+308])',
  });
  assert.throws(
    () => parseConfig('{"defaults": {"directBounds": [-5, 1000]}}', 'c.json'),
    (e: unknown) =>
      e instanceof LavaInputError && /directBounds must lie within \[-100, 100\]/.test(e.problem),
  );
});

test('a "datasets" key is a glob of * and ** only: "?" and other regex characters are literal (a "?" crashed the run)', () => {
  const config = parseConfig(
    '{"datasets": {"what?.csv": {"modules": 3}, "(a|b).csv": {"modules": 4}}}',
    'c.json',
  );
  assert.deepEqual(configParamsFor(config, 'what?.csv'), { modules: 3 });
  assert.deepEqual(configParamsFor(config, 'wha.csv'), {});
  assert.deepEqual(configParamsFor(config, '(a|b).csv'), { modules: 4 });
  assert.deepEqual(configParamsFor(config, 'a.csv'), {});
});

test('"$schema" must be a string: an object with its own "toString" crashed the run', () => {
  assert.equal(parseConfig('{"$schema": "https://x/s.json"}', 'c.json').$schema, 'https://x/s.json');
  assert.throws(
    () => parseConfig('{\n  "$schema": {"toString": null}\n}', 'c.json'),
    (e: unknown) =>
      e instanceof LavaInputError && e.line === 2 && /"\$schema" must be a string/.test(e.problem),
  );
});
