import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { Peer, RemoteError, describeWireError, type Contract } from '../../src/shared/rpc';
import { LavaCancelled, LavaInputError } from '../../src/shared/errors';

const server = {
  requests: {
    add: { params: z.object({ a: z.number(), b: z.number() }), result: z.number() },
    slow: { params: z.object({}), result: z.string() },
    bad: { params: z.object({}), result: z.number() },
  },
  notes: { progress: z.object({ fraction: z.number().min(0).max(1) }) },
} satisfies Contract;
const client = { requests: {}, notes: { hello: z.object({ name: z.string() }) } } satisfies Contract;

/** Two peers joined by queues (delivered on the next tick, as real ports do), with every dropped message kept. */
function pair() {
  const dropped: string[] = [];
  // Each port delivers to the other peer, which exists by the time anything is posted.
  const peers: { a?: Peer<typeof client, typeof server>; b?: Peer<typeof server, typeof client> } = {};
  const a = new Peer({ post: (m) => queueMicrotask(() => peers.b!.receive(structuredClone(m))) }, client, server, {
    onDrop: (why) => dropped.push(`client: ${why}`),
  });
  const b = new Peer({ post: (m) => queueMicrotask(() => peers.a!.receive(structuredClone(m))) }, server, client, {
    onDrop: (why) => dropped.push(`server: ${why}`),
  });
  peers.a = a;
  peers.b = b;
  return { a, b, dropped };
}

test('a request gets its checked reply; concurrent replies go to their own requests', async () => {
  const { a, b } = pair();
  b.handle('add', async ({ a: x, b: y }) => {
    await new Promise((r) => setTimeout(r, x));
    return x + y;
  });
  const [slow, fast] = await Promise.all([a.request('add', { a: 20, b: 1 }), a.request('add', { a: 1, b: 2 })]);
  assert.equal(slow, 21);
  assert.equal(fast, 3);
  assert.equal(a.pendingCount, 0);
});

test('a handler error comes back as a failure reply with its input-error fields', async () => {
  const { a, b } = pair();
  b.handle('add', () => {
    throw new LavaInputError('too few rows', { file: 'd.csv', line: 3, option: 'neighbors' }, 'Lower {option:neighbors}.');
  });
  const e = await a.request('add', { a: 1, b: 2 }).then(
    () => assert.fail('should reject'),
    (err: unknown) => err,
  );
  assert.ok(e instanceof RemoteError);
  assert.equal(e.isInputError, true);
  assert.equal(e.info.line, 3);
  assert.equal(e.info.option, 'neighbors');
  const line = describeWireError(e.info, (k) => `--${k}`);
  assert.equal(line, 'd.csv:3: too few rows. Lower --neighbors.');
});

test('malformed params are refused with a failure reply, never passed to the handler', async () => {
  const { a, b, dropped } = pair();
  let called = false;
  b.handle('add', () => {
    called = true;
    return 0;
  });
  await assert.rejects(a.request('add', { a: 1, b: 'x' } as never), /bad request "add"/);
  assert.equal(called, false);
  assert.match(dropped.join('\n'), /server: bad params for "add"/);
});

test('a reply that breaks its schema rejects the request instead of resolving with it', async () => {
  const { a, b } = pair();
  b.handle('bad', () => 'not a number' as never);
  await assert.rejects(a.request('bad', {}), /bad reply to "bad"/);
});

test('unknown, malformed and null messages are dropped and reported, and nothing throws', () => {
  const { a, dropped } = pair();
  for (const m of [null, undefined, 42, 'x', {}, { rpc: 'note', type: 'nope', payload: 1 }, { rpc: 'reply', id: 99, ok: true }])
    a.receive(m);
  a.receive({ rpc: 'note', type: 'progress', payload: { fraction: 7 } });
  assert.equal(dropped.length, 8);
  assert.match(dropped.join('\n'), /unknown note "nope"/);
  assert.match(dropped.join('\n'), /reply to unknown request 99/);
  assert.match(dropped.join('\n'), /bad note "progress"/);
});

test('notes reach their listeners after the check; unsubscribing stops them', async () => {
  const { a, b } = pair();
  const got: number[] = [];
  const off = a.on('progress', (p) => got.push(p.fraction));
  b.notify('progress', { fraction: 0.5 });
  await new Promise((r) => setTimeout(r, 0));
  off();
  b.notify('progress', { fraction: 0.9 });
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(got, [0.5]);
});

test('an abort rejects with LavaCancelled and aborts the handler on the other side', async () => {
  const { a, b } = pair();
  let handlerSaw: boolean | null = null;
  b.handle('slow', (_, ctx) => new Promise((resolve) => {
    ctx.signal.addEventListener('abort', () => {
      handlerSaw = true;
      resolve('late');
    });
  }));
  const c = new AbortController();
  const p = a.request('slow', {}, { signal: c.signal });
  await new Promise((r) => setTimeout(r, 5));
  c.abort();
  await assert.rejects(p, LavaCancelled);
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(handlerSaw, true);
  assert.equal(a.pendingCount, 0);
});

test('dispose rejects every pending request and refuses new ones', async () => {
  const { a, b } = pair();
  b.handle('slow', () => new Promise(() => {}));
  const p = a.request('slow', {});
  const why = new Error('the engine thread stopped');
  a.dispose(why);
  await assert.rejects(p, /the engine thread stopped/);
  await assert.rejects(a.request('slow', {}), /the engine thread stopped/);
});
