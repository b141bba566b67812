// What the CLI prints for a failure: one line, options named as this command's flags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failure } from '../../src/cli/main';
import { LavaCancelled, LavaInputError } from '../../src/shared/errors';

test('an engine error that names an option by key reads as the flag', () => {
  const e = new LavaInputError(
    'too many features for {option:maxFeatures}',
    { file: 'd.csv', line: 1, option: 'maxFeatures' },
    'Raise {option:maxFeatures} or name columns with {option:features}.',
  );
  assert.deepEqual(failure(e), [
    'd.csv:1: too many features for --max-features. Raise --max-features or name columns with --features.',
    2,
  ]);
  assert.deepEqual(failure(new LavaCancelled()), ['interrupted; no result written', 130]);
  assert.equal(failure(new Error('boom'))[1], 1);
});
