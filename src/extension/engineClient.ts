// The host's client of the engine thread: run and load, another k, then the webview's requests (locality, pair, feature, selection, rows), all
// over rpc (shared/workerProtocol.ts). One thread per run, kept afterwards to answer requests. Cancelling
// terminates the thread, which stops the engine mid-step for sure; a thread that dies rejects all pending.
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { Peer } from '../shared/rpc';
import { engineContract, engineHostContract, type EngineContract } from '../shared/workerProtocol';
import type { ResultText } from '../shared/result/summary';
import { LavaCancelled } from '../shared/errors';
import type { Step } from '../shared/steps';

/** What the client needs of a thread; a node Worker in the extension, an in-process fake in tests. */
export interface EngineThread {
  post(message: unknown, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the thread ends on its own (an uncaught error, or an exit). */
  onStop(listener: (why: Error) => void): void;
  terminate(): void;
}

/** The engine's thread as a node Worker running `scriptPath` (dist/worker.js). */
export function workerThread(scriptPath: string): EngineThread {
  const worker = new Worker(scriptPath);
  return {
    post: (m, transfer) => worker.postMessage(m, transfer ?? []),
    onMessage: (l) => worker.on('message', l),
    onStop: (l) => {
      worker.on('error', (e) => l(e));
      worker.on('exit', (code) => l(new Error(`the LAVA engine thread stopped (exit code ${code})`)));
    },
    terminate: () => void worker.terminate(),
  };
}

/** Step, overall fraction of the run done (0..1), and the engine's short message. */
export type ProgressListener = (step: Step, overall: number, message?: string) => void;

type Params<M extends keyof EngineContract['requests']> = z.input<EngineContract['requests'][M]['params']>;
type Reply<M extends keyof EngineContract['requests']> = z.output<EngineContract['requests'][M]['result']>;

export class EngineClient {
  private readonly peer: Peer<typeof engineHostContract, EngineContract>;
  private stopped: Error | null = null;

  constructor(
    private readonly thread: EngineThread,
    log: (line: string) => void = () => {},
  ) {
    this.peer = new Peer({ post: (m, t) => thread.post(m, t) }, engineHostContract, engineContract, {
      onDrop: (why) => log(`dropped a message from the engine thread: ${why}`),
    });
    thread.onMessage((m) => this.peer.receive(m));
    thread.onStop((why) => this.stop(why));
  }

  /** A client of a new engine thread running `scriptPath` (dist/worker.js). */
  static start(scriptPath: string, log?: (line: string) => void): EngineClient {
    return new EngineClient(workerThread(scriptPath), log);
  }

  /**
   * Runs the pipeline on the file the thread reads by path; resolves with the result's file text (encoded by the
   * thread for `input.resultPath`) and its summary. Rejects with LavaCancelled (and terminates the thread) when
   * `signal` fires, with RemoteError on failure.
   */
  async run(input: Params<'run'>, onProgress: ProgressListener, signal?: AbortSignal): Promise<ResultText> {
    const off = this.peer.on('progress', (p) => onProgress(p.step, p.overall, p.message));
    const cancel = () => this.dispose();
    if (signal?.aborted) cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      return await this.peer.request('run', input, { signal });
    } finally {
      off();
      signal?.removeEventListener('abort', cancel);
    }
  }

  /**
   * The last run's result at another k (only Step 3 is redone in the thread), encoded for `resultPath` as a run's
   * is. Cancelling asks the thread to stop that work and keeps it: its run stays for the next k, clicks and pairs.
   * Rejects with LavaCancelled then.
   */
  async modulesAtK(k: number, resultPath: string, onProgress: ProgressListener, signal?: AbortSignal): Promise<ResultText> {
    const off = this.peer.on('progress', (p) => onProgress(p.step, p.overall, p.message));
    try {
      return await this.peer.request('modulesAtK', { k, resultPath }, { signal });
    } finally {
      off();
    }
  }

  /** Prepares X again from the data file of a result (its file text in `input.text`), so that requests can be answered. */
  async load(input: Params<'load'>): Promise<void> {
    await this.peer.request('load', input);
  }

  /** What a data file offers to choose (layers, obsm keys, var columns) and its column names. */
  inspect(file: string): Promise<Reply<'inspect'>> {
    return this.peer.request('inspect', { file });
  }

  locality(locality: number): Promise<Reply<'locality'>> {
    return this.peer.request('locality', { locality });
  }

  pair(a: string, b: string): Promise<Reply<'pair'>> {
    return this.peer.request('pair', { a, b });
  }

  feature(feature: string): Promise<Reply<'feature'>> {
    return this.peer.request('feature', { feature });
  }

  selection(rows: number[], signal?: AbortSignal): Promise<Reply<'selection'>> {
    return this.peer.request('selection', { rows }, { signal });
  }

  rows(rows: number[]): Promise<Reply<'rows'>> {
    return this.peer.request('rows', { rows });
  }

  /** Listens for the running run's embedding (sent once its step ends); returns the unsubscribe function. */
  onEmbedding(listener: (e: { coords: Float32Array; dims: number }) => void): () => void {
    return this.peer.on('embedding', listener);
  }

  get alive(): boolean {
    return this.stopped === null;
  }

  /** Ends the thread; everything pending rejects with LavaCancelled. */
  dispose(): void {
    if (this.stopped) return;
    this.stop(new LavaCancelled());
    this.thread.terminate();
  }

  private stop(why: Error): void {
    if (this.stopped) return;
    this.stopped = why;
    this.peer.dispose(why);
  }
}
