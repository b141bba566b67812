// The early map in the webview: the embedding note draws the map greyed with the run's progress over it before any
// result; the result replaces it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootApp, settle } from './fakeHost';
import { makeFixture, resultNote } from './fixture';

test('an embedding note during a run shows the greyed map with progress; the result replaces it', async () => {
  const b = bootApp(undefined, { width: 1000, height: 800 });
  await settle();
  assert.equal(b.root.dataset.earlyMap, 'false');
  b.host.notify('running', { file: 'big.csv', step: 'embedding', fraction: 1 });
  const coords = Float32Array.from({ length: 2 * 500 }, (_, k) => Math.sin(k * 0.37) * 5);
  b.host.notify('embedding', { coords, dims: 2 });
  await settle();
  assert.equal(b.root.dataset.earlyMap, 'true');
  const map = b.root.querySelector('[data-testid="scatter"]')!;
  assert.equal(map.getAttribute('data-point-count'), '500');
  assert.equal(map.getAttribute('data-early'), 'true');
  const fills = new Set(Array.from(map.querySelectorAll('circle'), (c) => c.getAttribute('fill')));
  assert.equal(fills.size, 1, 'greyed: one muted colour');
  b.host.notify('running', { file: 'big.csv', step: 'localities', fraction: 0.4 });
  await settle();
  const progress = b.root.querySelector('[data-testid="early-map-progress"]')!.textContent;
  assert.match(progress, /Computing localities 40%/);
  assert.match(progress, /then correlations, modules/);
  b.host.notify('result', resultNote(makeFixture()));
  await settle();
  assert.equal(b.root.dataset.earlyMap, 'false');
  assert.equal(b.root.querySelector('[data-testid="scatter"]')!.getAttribute('data-point-count'), '300');
  assert.equal(b.root.querySelector('[data-testid="early-map-progress"]'), null);
});

test('an embedding note whose coordinates are not a Float32Array is dropped, not drawn', async () => {
  const b = bootApp();
  await settle();
  b.host.notify('embedding', { coords: [1, 2, 3, 4] as unknown as Float32Array, dims: 2 });
  await settle();
  assert.equal(b.app.store.get().earlyMap, null);
  assert.match(b.logs.join('\n'), /bad note "embedding"/);
});
