// A second core for the trust scan: a thread that fits one row subset of A while this thread fits another.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { Peer } from '../../shared/rpc';
import { startThread } from '../parallel/pool';
import { toShared } from '../parallel/shared';
import type { SignSplit } from '../factorize/sparse';
import { SCAN_THREAD_NNZ } from './fit';
import { scanEngineContract, scanThreadContract, type ScanFit } from './scanContract';

export class ScanThread {
  private readonly peer: Peer<typeof scanEngineContract, typeof scanThreadContract>;
  private readonly ready: Promise<null>;

  /** Sends A at once; the reply is awaited with the first fit, so the thread boots while this one works. */
  private constructor(
    private readonly worker: Worker,
    a: SignSplit,
  ) {
    const fail = (why: string) => this.peer.dispose(new Error(`the trust scan's fit thread ${why}; the scan cannot go on`));
    this.peer = new Peer({ post: (m, transfer) => worker.postMessage(m, transfer) }, scanEngineContract, scanThreadContract, {
      onDrop: (why) => fail(`sent a message that was dropped (${why})`),
    });
    worker.on('message', (m: unknown) => this.peer.receive(m));
    worker.on('messageerror', (e: Error) => fail(`sent a message that could not be read (${e.message})`));
    worker.on('error', (e: Error) => fail(`failed: ${e.message}`));
    worker.on('exit', (code: number) => fail(`stopped (exit code ${code})`));
    const { rows, cols, P } = a;
    this.ready = this.peer.request('setup', {
      rows,
      cols,
      P,
      rowPtr: toShared(Int32Array, a.rowPtr),
      col: toShared(Int32Array, a.col),
      // A's values are Float32 (sparse.ts): shared as they are, not widened.
      val: toShared(Float32Array, a.val),
      colOf: toShared(Int32Array, a.colOf),
    });
    this.ready.catch(() => undefined); // reported by the first fit
  }

  /** A thread for `a` when `threads` asks for one ('auto': A as large as fit.ts's H-step thread wants, and a second core), else null. */
  static start(a: SignSplit, threads: 'auto' | 'one' | 'two'): ScanThread | null {
    const wanted = threads === 'two' || (threads === 'auto' && a.val.length >= SCAN_THREAD_NNZ && availableParallelism() > 1);
    if (!wanted) return null;
    let worker: Worker | null = null;
    try {
      worker = startThread(__dirname, 'scanWorker');
    } catch {
      worker = null; // no thread to be had: the fits run here, with the same results
    }
    if (!worker) return null;
    worker.unref();
    return new ScanThread(worker, a);
  }

  async fit(f: ScanFit): Promise<{ patterns: Float32Array; error: number }> {
    await this.ready;
    return this.peer.request('fit', f);
  }

  dispose(): void {
    this.peer.dispose();
    void this.worker.terminate();
  }
}

/** `job` with a scan thread when `threads` gives one (disposed after, also on failure or cancel). */
export async function withScanThread<T>(
  a: SignSplit,
  threads: 'auto' | 'one' | 'two',
  job: (thread: ScanThread | null) => Promise<T>,
): Promise<T> {
  const thread = ScanThread.start(a, threads);
  try {
    return await job(thread);
  } finally {
    thread?.dispose();
  }
}
