// A module's top features: heaviest first, ties in file order, none without weight, at most the cap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { featureWord, topFeatures } from '../../../webview/util/topFeatures';
import type { LavaResult, ModuleResult } from '../../../src/shared/result/types';

const mod = (featureWeights: number[]) => ({ featureWeights }) as ModuleResult;

test('heaviest first, ties in file order, zero weights left out, capped', () => {
  const genes = ['ACTB', 'CD3E', 'CD2', 'MALAT1', 'CD3D'];
  assert.deepEqual(topFeatures(mod([0, 2.5, 1, 0, 2.5]), genes), ['CD3E', 'CD3D', 'CD2']);
  assert.deepEqual(topFeatures(mod([0, 2.5, 1, 0, 2.5]), genes, 2), ['CD3E', 'CD3D']);
  assert.deepEqual(topFeatures(mod([0, 0, 0, 0, 0]), genes), []);
});

test('features are called genes when the data came from an .h5ad', () => {
  const from = (file: string) => ({ source: { file, rows: 1, delimiter: '' } }) as LavaResult;
  assert.equal(featureWord(from('/ws/pbmc.H5AD')), 'genes');
  assert.equal(featureWord(from('digits.csv')), 'features');
});
