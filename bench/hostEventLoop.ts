// Measures what a large run costs the extension host's own thread: event-loop delay (p50/p99/max) while
// the engine runs in its worker on 100,000 rows, through the same EngineClient the extension uses.
// The host's work after the run (storing the result, handing it to the webview) is timed separately.
//   node --import tsx bench/hostEventLoop.ts [--rows 100000] [--features 50]
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EngineClient } from '../src/extension/engineClient';
import { serializeResult } from '../src/engine/io/resultFile';
import { writePlanted } from '../fixtures/planted';
import { DEFAULT_PARAMS } from '../src/shared/params/types';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const rows = arg('--rows', 100000);
  const features = arg('--features', 50);
  const worker = resolve(__dirname, '../dist/worker.js');
  if (!existsSync(worker)) throw new Error('dist/worker.js is missing: run npm run build');
  const csv = join(mkdtempSync(join(tmpdir(), 'lava-host-')), 'planted.csv');
  await writePlanted(3, csv, { samples: rows, features });

  const h = monitorEventLoopDelay({ resolution: 10 });
  const engine = EngineClient.start(worker);
  h.enable();
  const t0 = performance.now();
  const result = await engine.run(
    { file: csv, params: { ...DEFAULT_PARAMS, embedding: ['x', 'y'] }, paramSources: {} },
    () => undefined,
  );
  const runMs = performance.now() - t0;
  h.disable();
  const t1 = performance.now();
  const text = serializeResult(result);
  const stringifyMs = performance.now() - t1;
  engine.dispose();
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  console.log(
    JSON.stringify({
      rows,
      features,
      runSeconds: +(runMs / 1000).toFixed(1),
      loopDelayMs: { p50: +ms(h.percentile(50)), p99: +ms(h.percentile(99)), max: +ms(h.max) },
      target: 'p99 < 50 ms',
      afterRun: { resultMB: +(text.length / 1e6).toFixed(1), stringifyMs: +stringifyMs.toFixed(0) },
    }),
  );
}

void main();
