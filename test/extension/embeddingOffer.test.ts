// A data file without an embedding: the engine's refusal is recognised, and the offer (UMAP, or columns chosen from
// the file's numeric ones) becomes the options of the next run instead of an error in option terms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CHOOSE_COLUMNS,
  COMPUTE_UMAP,
  isMissingEmbedding,
  numericColumns,
  offerEmbedding,
  type OfferUi,
} from '../../src/extension/commands/embeddingOffer';
import { DEFAULT_PARAMS } from '../../src/shared/params/types';
import { dataFile } from './support/blobs';
import { inProcessEngine } from './support/inProcessEngine';

const NO_EMBEDDING = 'a,b,c,name\n1,2,3,x\n2,1,4,y\n3,5,1,z\n4,4,4,w\n';

test("the engine's refusal of a file without embedding columns is recognised; other input errors are not", async () => {
  const { engine } = inProcessEngine();
  const run = (text: string) =>
    engine.run(
      { file: dataFile(text, 'd.csv'), params: DEFAULT_PARAMS, paramSources: {}, resultPath: '/ws/store/d.lava.json' },
      () => {},
    );
  const missing = await run(NO_EMBEDDING).catch((e: unknown) => e);
  assert.equal(isMissingEmbedding(missing), true, String(missing));
  const ragged = await run('x,y,a\n1,2\n').catch((e: unknown) => e);
  assert.equal(isMissingEmbedding(ragged), false, String(ragged));
  assert.equal(isMissingEmbedding(new Error('no embedding columns')), false);
  engine.dispose();
});

test('the quick pick offers the numeric columns of the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lava-offer-'));
  try {
    const file = join(dir, 'd.csv');
    writeFileSync(file, NO_EMBEDDING);
    assert.deepEqual(await numericColumns(file), ['a', 'b', 'c']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A UI that answers the notification with `choice` and the quick pick with `picked`; what it was shown is kept. */
function fakeUi(choice: string | undefined, picked?: string[]) {
  const shown: string[] = [];
  const ui: OfferUi = {
    ask: async (message, ...choices) => (shown.push(`${message} [${choices.join('|')}]`), choice),
    pickMany: async (names, title) => (shown.push(`${title}: ${names.join(',')}`), picked),
    warn: (message) => void shown.push(message),
  };
  return { ui, shown };
}

test('Compute UMAP runs with umap; Choose Columns runs with the 2 or 3 picked; anything else runs nothing', async () => {
  const columns = async () => ['a', 'b', 'c'];
  const umap = fakeUi(COMPUTE_UMAP);
  assert.deepEqual(await offerEmbedding('d.csv', columns, umap.ui), { umap: true });
  assert.match(umap.shown[0], /d\.csv has no embedding columns .*\[Compute UMAP\|Choose Columns\.\.\.\]/);
  assert.doesNotMatch(umap.shown[0], /lava\.|--|option/, 'no setting or flag names');
  const two = fakeUi(CHOOSE_COLUMNS, ['a', 'c']);
  assert.deepEqual(await offerEmbedding('d.csv', columns, two.ui), { embedding: ['a', 'c'], umap: false });
  assert.match(two.shown[1], /: a,b,c$/);
  const one = fakeUi(CHOOSE_COLUMNS, ['a']);
  assert.equal(await offerEmbedding('d.csv', columns, one.ui), undefined);
  assert.match(one.shown.at(-1)!, /2 or 3 columns; 1 was chosen/);
  assert.equal(await offerEmbedding('d.csv', columns, fakeUi(undefined).ui), undefined);
  assert.equal(await offerEmbedding('d.csv', columns, fakeUi(CHOOSE_COLUMNS, undefined).ui), undefined);
});
