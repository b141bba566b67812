// The engine's worker pool: threads over worker_threads that run kernels (registry.ts) part by part over
// SharedArrayBuffers. Results never depend on the number of threads: the caller fixes the partition, each part
// writes only what it owns, and the caller reduces in part order. An abort terminates the threads at once.
//
//   const pool = new Pool();                       // availableParallelism() threads; { threads: 1 } = inline
//   try { const partials = await pool.run('kernel', args, parts, signal); } finally { pool.dispose(); }
//
// Threads start on the first run and stay until dispose (or an abort, after which the next run starts new ones).
// It runs from the TypeScript sources under tsx (tests, bench) and from the bundles in dist/, also inside the
// extension's engine worker thread (nested workers).
//
// A new parallel step: write its kernel with kernel() (kernel.ts) in a file of its own step that imports no
// pool (so the thread bundle stays small), its arguments a zod object of shared arrays (shared.ts) and numbers;
// add it to KERNELS in registry.ts; allocate inputs and outputs with sharedArray(); cut the work into a
// number of parts fixed by the data (never by pool.threads) and reduce the returned numbers or per-part output
// slices in part order. Random draws inside a kernel come from hashRandom.ts, keyed by what they are for.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { LavaCancelled } from '../../shared/errors';
import { Peer } from '../../shared/rpc';
import { checkpoint } from '../errors';
import { poolContract, threadContract } from './contract';
import { runPart, type KernelArgs, type KernelName } from './registry';

export interface PoolOptions {
  /** Threads to use; default os.availableParallelism(). 1 runs every part on the calling thread. */
  threads?: number;
  /** Called on the calling thread as each part's result arrives (progress; tests count the work an abort lets through). */
  onPart?: (kernel: string, part: number) => void;
}

interface Thread {
  worker: Worker;
  peer: Peer<typeof poolContract, typeof threadContract>;
}

/**
 * A thread running the script `name` beside the code that calls this: dist/NAME.js when bundled (every
 * bundle sits in dist/), else NAME.ts through tsx's require hook when the engine runs from source (tests,
 * bench), since loader flags do not reach workers. Null when neither can run.
 */
export function startThread(dir: string, name: string): Worker | null {
  const js = join(dir, `${name}.js`);
  if (existsSync(js)) return new Worker(js);
  const ts = join(dir, `${name}.ts`);
  if (!existsSync(ts) || !process.execArgv.some((a) => a.includes('tsx'))) return null;
  // An eval'd thread resolves modules from the working directory, which need not hold tsx: name its file.
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(ts)});`, { eval: true });
}

export class Pool {
  /** Threads of every pool in this process that have started and not yet exited. */
  private static alive = 0;
  /** How many threads run parts at once (1 = the calling thread alone). */
  readonly threads: number;
  private live: Thread[] = [];
  /** Threads told to end, until they have. */
  private ending = new Set<Promise<number>>();
  private exited = 0;
  private started = 0;
  private readonly onPart: PoolOptions['onPart'];

  constructor(opts: PoolOptions = {}) {
    this.threads = Math.max(1, Math.floor(opts.threads ?? availableParallelism()));
    this.onPart = opts.onPart;
  }

  /**
   * Runs parts 0..parts-1 of kernel `name` with `args` (shared arrays are shared, the rest copied) and returns
   * each part's number, in part order. When `signal` fires, parts in flight are stopped where they are (their
   * threads terminated; on one thread, after the part that runs) and the run rejects with LavaCancelled once
   * those threads have exited. Else it rejects with the first part's error. `onPart` hears each part's number as
   * it arrives, on the calling thread (a step's progress).
   */
  async run<K extends KernelName>(
    name: K,
    args: KernelArgs<K>,
    parts: number,
    signal?: AbortSignal,
    onPart?: (part: number, value: number) => void,
  ): Promise<Float64Array> {
    if (signal?.aborted) throw new LavaCancelled();
    const out = new Float64Array(parts);
    const threads = this.threads > 1 ? this.ensureThreads(Math.min(this.threads, parts)) : [];
    if (threads.length === 0) {
      for (let p = 0; p < parts; p++) {
        out[p] = runPart(name, args, p, parts);
        this.onPart?.(name, p);
        onPart?.(p, out[p]);
        if (p + 1 < parts) await checkpoint(signal);
      }
      return out;
    }
    return this.spread(threads, name, args, parts, out, signal, onPart);
  }

  /** Hands out parts to idle threads until none is left; each thread's next part goes as its last one returns. */
  private spread(
    threads: Thread[],
    name: string,
    args: unknown,
    parts: number,
    out: Float64Array,
    signal: AbortSignal | undefined,
    onPart: ((part: number, value: number) => void) | undefined,
  ): Promise<Float64Array> {
    return new Promise((resolve, reject) => {
      let next = 0;
      let done = 0;
      let failed = false;
      const stop = () => {
        failed = true; // no part's result is taken from here on
        signal?.removeEventListener('abort', onAbort);
        for (const t of this.live) t.worker.unref();
      };
      const fail = (e: unknown) => {
        if (failed) return;
        stop();
        reject(e instanceof Error ? e : new Error(String(e)));
      };
      const onAbort = () => {
        if (failed) return;
        stop();
        void this.terminate().then(() => reject(new LavaCancelled()));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const feed = (t: Thread) => {
        if (failed) return;
        if (next >= parts) return t.worker.unref();
        const part = next++;
        t.peer.request('run', { kernel: name, part, parts, args }).then((v) => {
          if (failed) return;
          out[part] = v;
          this.onPart?.(name, part);
          onPart?.(part, v);
          if (failed) return; // onPart aborted
          if (++done === parts) {
            signal?.removeEventListener('abort', onAbort);
            resolve(out);
          }
          feed(t);
        }, fail);
      };
      for (const t of threads) {
        t.worker.ref();
        feed(t);
      }
    });
  }

  /** The first `n` threads, started as needed; fewer (or none) when no thread can be had. */
  private ensureThreads(n: number): Thread[] {
    while (this.live.length < n) {
      let worker: Worker | null;
      try {
        worker = startThread(__dirname, 'poolWorker');
      } catch {
        worker = null;
      }
      if (!worker) break;
      this.live.push(this.attach(worker));
    }
    return this.live.slice(0, n);
  }

  private attach(worker: Worker): Thread {
    this.started++;
    Pool.alive++;
    const peer = new Peer({ post: (m) => worker.postMessage(m) }, poolContract, threadContract);
    worker.on('message', (m: unknown) => peer.receive(m));
    // A thread that dies takes its pending parts with it: they fail with its error, never hang.
    worker.on('error', (e) => peer.dispose(e));
    worker.on('exit', (code) => {
      this.exited++;
      Pool.alive--;
      peer.dispose(new Error(`pool thread exited (code ${code})`));
      this.live = this.live.filter((t) => t.worker !== worker);
    });
    worker.unref();
    return { worker, peer };
  }

  /** This pool's threads started and not yet exited (for tests and leak checks). */
  get liveThreads(): number {
    return this.started - this.exited;
  }

  /** Every pool's threads in this process started and not yet exited (for tests and leak checks). */
  static get threadsAlive(): number {
    return Pool.alive;
  }

  /** Ends every thread now (terminate stops a kernel mid-loop); pending parts fail with LavaCancelled. Resolves
   * once every thread told to end so far has exited. */
  private terminate(): Promise<unknown> {
    for (const t of this.live) {
      t.peer.dispose(new LavaCancelled());
      t.worker.ref(); // a caller awaiting dispose() keeps the process alive until the thread has gone
      const end = t.worker.terminate();
      this.ending.add(end);
      void end.finally(() => this.ending.delete(end));
    }
    this.live = [];
    return Promise.all([...this.ending]);
  }

  /** Ends the threads; resolves once every thread (also those an abort ended) has exited. The pool can run again. */
  async dispose(): Promise<void> {
    await this.terminate();
  }
}
