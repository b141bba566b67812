// A run's pool: --threads 1 and 2 give the same result bytes (and the result records no thread count), the
// threads run during the parallel steps and have all ended when the run returns or is cancelled.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPipeline } from '../../src/engine/pipeline';
import { Pool } from '../../src/engine/parallel/pool';
import { encodeResult } from '../../src/shared/result/encode';
import { LavaCancelled } from '../../src/shared/errors';
import { DEFAULT_PARAMS, type LavaParams } from '../../src/shared/params/types';

const DIGITS = readFileSync(resolve(__dirname, '../../examples/digits.csv'));
const withoutTimings = (text: string) => text.slice(0, text.lastIndexOf('"timings"'));

function run(
  threads: LavaParams['threads'],
  onProgress?: (step: string, fraction: number) => void,
  signal?: AbortSignal,
) {
  const params = { ...DEFAULT_PARAMS, embedding: ['umap_1', 'umap_2'], modules: 4, threads };
  return runPipeline(
    { file: 'digits.csv', bytes: DIGITS, params, paramSources: { modules: 'command', threads: 'command' } },
    { onProgress, signal },
  );
}

test('digits on 1 and 2 threads: the same result bytes, no thread count recorded, threads used and then ended', async () => {
  const texts: string[] = [];
  for (const threads of [1, 2]) {
    let most = 0;
    const { result } = await run(threads, (step) => {
      if (step === 'correlations' || step === 'localities') most = Math.max(most, Pool.threadsAlive);
    });
    assert.equal(most, threads === 1 ? 0 : 2, 'threads alive during the parallel steps');
    assert.equal(Pool.threadsAlive, 0, 'threads left after the run');
    assert.equal('threads' in result.params, false);
    assert.deepEqual(result.paramSources, { modules: 'command' });
    texts.push(withoutTimings(encodeResult(result)));
  }
  assert.equal(texts[0], texts[1]);
});

for (const step of ['localities', 'correlations'])
  test(`a cancel during ${step} on 2 threads rejects with LavaCancelled and leaves no thread`, async () => {
    const ac = new AbortController();
    const running = run(
      2,
      (s, fraction) => {
        if (s === step && fraction > 0 && fraction < 1 && Pool.threadsAlive > 0) ac.abort();
      },
      ac.signal,
    );
    await assert.rejects(running, LavaCancelled);
    assert.ok(ac.signal.aborted, `never aborted during ${step}`);
    assert.equal(Pool.threadsAlive, 0, 'threads left after the cancel');
  });
