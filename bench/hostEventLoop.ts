// Measures what a large run costs the extension host's own thread: event-loop delay (p50/p99/max) while
// the engine runs in its worker on 100,000 rows, through the same EngineClient the extension uses.
// The host's own work on the reply is timed too: the copy of the reply into its heap (a structuredClone of it,
// of which the host pays about half: the worker serialises, the host deserialises), the time inside its message
// listener (the contract check of what the worker sent), and storing the result: the worker sends the file
// text, which the host writes as it is.
// On a loaded machine the event loop's max also holds the times the thread was not scheduled at all.
//   node --import tsx bench/hostEventLoop.ts [--rows 100000] [--features 50]
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EngineClient, workerThread, type EngineThread } from '../src/extension/engineClient';
import { writeFileAtomic } from '../src/engine/io/resultFile';
import { writePlanted } from '../fixtures/planted';
import { DEFAULT_PARAMS } from '../src/shared/params/types';
import { numberArg } from './args';

/** The worker thread with the time spent in the host's listener of each message, the longest kept. */
function timedThread(scriptPath: string): { thread: EngineThread; longestListenerMs: () => number } {
  const inner = workerThread(scriptPath);
  let longest = 0;
  const thread: EngineThread = {
    ...inner,
    onMessage: (listener) =>
      inner.onMessage((m) => {
        const t = performance.now();
        listener(m);
        longest = Math.max(longest, performance.now() - t);
      }),
  };
  return { thread, longestListenerMs: () => longest };
}

async function main(): Promise<void> {
  const rows = numberArg('--rows', 100000);
  const features = numberArg('--features', 50);
  const worker = resolve(__dirname, '../dist/worker.js');
  if (!existsSync(worker)) throw new Error('dist/worker.js is missing: run npm run build');
  const dir = mkdtempSync(join(tmpdir(), 'lava-host-'));
  const csv = join(dir, 'planted.csv');
  const stored = join(dir, 'planted.lava.json');
  await writePlanted(3, csv, { samples: rows, features });

  const h = monitorEventLoopDelay({ resolution: 10 });
  const timed = timedThread(worker);
  const engine = new EngineClient(timed.thread);
  h.enable();
  const t0 = performance.now();
  const reply = await engine.run(
    {
      file: csv,
      params: { ...DEFAULT_PARAMS, embedding: ['x', 'y'] },
      paramSources: {},
      resultPath: stored,
    },
    () => undefined,
  );
  const runMs = performance.now() - t0;
  const { text } = reply;
  // Storing as the extension does: the text as it came, written atomically (the loop delay still counts).
  const t1 = performance.now();
  await writeFileAtomic(stored, text);
  const storeMs = performance.now() - t1;
  h.disable();
  engine.dispose();
  rmSync(dir, { recursive: true, force: true });
  const t2 = performance.now();
  structuredClone(reply);
  const copyMs = performance.now() - t2;
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  console.log(
    JSON.stringify({
      rows,
      features,
      runSeconds: +(runMs / 1000).toFixed(1),
      loopDelayMs: { p50: +ms(h.percentile(50)), p99: +ms(h.percentile(99)), max: +ms(h.max) },
      target: 'p99 < 50 ms',
      replyCopyMs: +copyMs.toFixed(0),
      replyListenerMs: +timed.longestListenerMs().toFixed(0),
      afterRun: {
        resultMB: +(text.length / 1e6).toFixed(1),
        hostSerializeMs: 0,
        storeMs: +storeMs.toFixed(0),
      },
    }),
  );
}

void main();
