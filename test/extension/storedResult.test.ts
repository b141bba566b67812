// A result file from anywhere is checked before use and may not make the host read any file unasked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { needsConsent, parseStoredResult } from '../../src/extension/commands/storedResult';
import { LavaInputError } from '../../src/shared/errors';
import { DEFAULT_PARAMS } from '../../src/shared/params/types';

/** The smallest result file (plain arrays) the decoder accepts: 1 row, 1 feature, 1 locality, no module. */
function tiny(params: object = DEFAULT_PARAMS): string {
  return JSON.stringify({
    schemaVersion: 2,
    tool: { name: 'lava-explorer', version: '0' },
    source: { file: '../data/d.csv', rows: 1, delimiter: ',' },
    params,
    notes: [],
    features: ['a'],
    droppedFeatures: [],
    droppedRows: { count: 0, examples: [] },
    rowCount: 1,
    rowLines: [2],
    metadata: [],
    embedding: { columns: ['x', 'y'], computed: 'given', dims: 2, coords: [0, 0] },
    probes: [0, 0],
    localities: { count: 1, size: 1, members: [[0]] },
    alpha: 0,
    beta: 0,
    objective: 0,
    directEvaluations: 0,
    correlationThreshold: 0.5,
    factorization: { method: 'nmf', iterations: 0, error: 0 },
    modules: [],
    timings: {},
  });
}

test('a stored result is checked, option ranges too, and its data path resolved from its own folder', () => {
  const ok = parseStoredResult(tiny(), '/team/results/d.lava.json');
  assert.equal(ok.source.file, '/team/data/d.csv');
  for (const params of [
    { ...DEFAULT_PARAMS, modules: 0 },
    { ...DEFAULT_PARAMS, correlation: 'kendall' },
    { ...DEFAULT_PARAMS, extra: 1 },
    { modules: 8 },
  ]) {
    assert.throws(
      () => parseStoredResult(tiny(params), '/r.json'),
      (e: unknown) =>
        e instanceof LavaInputError &&
        e.file === '/r.json' &&
        /not a valid LAVA result: params/.test(e.problem),
      JSON.stringify(params).slice(0, 60),
    );
  }
});

test('reading a data file outside the workspace needs consent, unless the extension wrote the result', () => {
  const ws = ['/ws', '/other'];
  assert.equal(needsConsent('/ws/data/d.csv', '/downloads/r.json', ws, '/storage'), false);
  assert.equal(needsConsent('/other/d.csv', '/downloads/r.json', ws, '/storage'), false);
  assert.equal(needsConsent('/etc/passwd', '/downloads/r.json', ws, '/storage'), true);
  assert.equal(
    needsConsent('/etc/passwd', '/ws/r.json', ws, '/storage'),
    true,
    'a result inside the workspace is no warrant',
  );
  assert.equal(
    needsConsent('/data/d.csv', '/storage/results/d.lava.json', ws, '/storage'),
    false,
    'our own stored results',
  );
  assert.equal(needsConsent('/data/d.csv', '/r.json', [], '/storage'), true, 'no folder open');
});
