// The CLI and the extension resolve options through one resolver: the same case gets the same labels
// ("config", "command", "default"), and the result records which config file applied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveRunParams } from '../../src/extension/resolveParams';
import { PARAM_NAMES } from '../../src/shared/params/spec';
import { lava, tempDir } from './helpers';

const DIGITS = resolve(__dirname, '../../examples/digits.csv');

test('the CLI and the extension label the same options the same way', async () => {
  const dir = tempDir();
  const data = join(dir, 'digits.csv');
  copyFileSync(DIGITS, data);
  writeFileSync(
    join(dir, '.lava.json'),
    JSON.stringify({
      defaults: { modules: 3, directEvaluations: 5 },
      datasets: { 'digits.csv': { neighbors: 60 } },
    }),
  );
  const r = lava(['explain', data, '--seed', '2', '--alpha', '0.01', '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const cli = JSON.parse(readFileSync(join(dir, 'digits.lava.json'), 'utf8'));

  // The extension with no settings and the same command-level options, the data in its workspace folder.
  const ext = await resolveRunParams(data, {}, { seed: 2, alpha: 0.01 }, dir);
  assert.equal(ext.configFile, join(dir, '.lava.json'));
  for (const name of PARAM_NAMES) assert.equal(ext.sources[name], cli.paramSources[name], name);
  assert.deepEqual(ext.params, cli.params);
  assert.deepEqual(
    [ext.sources.modules, ext.sources.seed, ext.sources.maxFeatures],
    ['config', 'command', 'default'],
  );

  // Settings sit under the config file in the extension: a setting the config also gives is the config's.
  const withSettings = await resolveRunParams(data, { modules: 9, overlap: 2 }, {}, dir);
  assert.deepEqual([withSettings.params.modules, withSettings.sources.modules], [3, 'config']);
  assert.deepEqual([withSettings.params.overlap, withSettings.sources.overlap], [2, 'settings']);
});

test('the extension never reads a .lava.json above the workspace folder', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, '.lava.json'), JSON.stringify({ defaults: { modules: 3 } }));
  const ws = join(dir, 'ws');
  mkdirSync(ws);
  const data = join(ws, 'd.csv');
  const inside = await resolveRunParams(data, {}, {}, ws);
  assert.deepEqual([inside.configFile, inside.sources.modules], [null, 'default']);
  // A data file outside the workspace: only its own folder is looked at.
  const outside = await resolveRunParams(join(dir, 'd.csv'), {}, {}, ws);
  assert.equal(outside.configFile, join(dir, '.lava.json'));
});
