// Host side of the engine's worker thread: one thread per run, kept afterwards to answer the webview's
// locality and pair requests. Cancelling terminates the thread, which stops the engine mid-step for sure.
import { Worker } from 'node:worker_threads';
import type { LavaResult } from '../shared/result/types';
import type { FromWorkerMessage, ToWorkerMessage, WorkerError } from '../shared/workerProtocol';
import { LavaCancelled } from '../shared/errors';
import type { Step } from '../shared/steps';

/** An error raised inside the worker, with the LavaInputError fields (file, line, column, hint) when it was one. */
export class EngineError extends Error {
  readonly info: WorkerError;
  constructor(info: WorkerError) {
    super(info.message);
    this.name = info.name;
    this.info = info;
  }
  get isInputError(): boolean {
    return this.info.name === 'LavaInputError';
  }
}

/** Step, overall fraction of the run done (0..1), and the engine's short message. */
export type ProgressListener = (step: Step, overall: number, message?: string) => void;

/** A run or load request as the worker protocol types it, less its tag. */
type JobInput<T extends 'run' | 'load'> = Omit<Extract<ToWorkerMessage, { type: T }>, 'type'>;

type Reply = Extract<FromWorkerMessage, { type: 'localityCorrelations' } | { type: 'pairValues' }>;

export class EngineWorker {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private exited: Error | null = null;
  private readonly listeners = new Set<(msg: FromWorkerMessage) => void>();
  /** Rejecters of the run/load in flight: a thread that dies or is disposed must not leave a promise hanging. */
  private readonly jobRejects = new Set<(e: Error) => void>();

  constructor(scriptPath: string) {
    this.worker = new Worker(scriptPath);
    this.worker.on('message', (msg: FromWorkerMessage) => {
      if (msg.type === 'localityCorrelations' || msg.type === 'pairValues' || msg.type === 'requestFailed') {
        const p = this.pending.get(msg.requestId);
        if (!p) return;
        this.pending.delete(msg.requestId);
        if (msg.type === 'requestFailed') p.reject(new Error(msg.message));
        else p.resolve(msg);
        return;
      }
      for (const l of this.listeners) l(msg);
    });
    const stop = (why: Error) => {
      if (this.exited) return;
      this.exited = why;
      for (const p of this.pending.values()) p.reject(why);
      this.pending.clear();
      for (const r of [...this.jobRejects]) r(why);
    };
    this.worker.on('error', (e) => stop(e));
    this.worker.on('exit', (code) => stop(new Error(`the LAVA engine thread stopped (exit code ${code})`)));
  }

  /**
   * Runs the pipeline. The bytes' buffer is transferred (not copied) to the worker, so `bytes` is unusable after.
   * Rejects with LavaCancelled (and terminates the thread) when `signal` fires, with EngineError on failure.
   */
  run(input: JobInput<'run'>, onProgress: ProgressListener, signal?: AbortSignal): Promise<LavaResult> {
    return this.job({ type: 'run', ...input }, input.bytes, signal, onProgress).then(
      (m) => (m as { result: LavaResult }).result,
    );
  }

  /** Prepares X again from the data file of a saved result, so that requests can be answered. */
  async load(input: JobInput<'load'>): Promise<void> {
    await this.job({ type: 'load', ...input }, input.bytes);
  }

  private job(
    msg: ToWorkerMessage,
    bytes: Uint8Array,
    signal?: AbortSignal,
    onProgress?: ProgressListener,
  ): Promise<FromWorkerMessage> {
    return new Promise((resolve, reject) => {
      if (this.exited) return reject(this.exited);
      if (signal?.aborted) {
        this.dispose();
        return reject(new LavaCancelled());
      }
      const fail = (e: Error) => {
        finish();
        reject(e);
      };
      const onAbort = () => {
        fail(new LavaCancelled());
        this.dispose();
      };
      const listener = (m: FromWorkerMessage) => {
        if (m.type === 'progress') onProgress?.(m.step, m.overall, m.message);
        else if (m.type === 'failed') fail(new EngineError(m.error));
        else if (m.type === 'done' || m.type === 'loaded') {
          finish();
          resolve(m);
        }
      };
      const finish = () => {
        this.listeners.delete(listener);
        this.jobRejects.delete(fail);
        signal?.removeEventListener('abort', onAbort);
      };
      this.listeners.add(listener);
      this.jobRejects.add(fail);
      signal?.addEventListener('abort', onAbort, { once: true });
      // Transfer only a buffer the view owns whole; a view into a larger buffer is copied by structured clone.
      const whole =
        bytes.byteOffset === 0 &&
        bytes.byteLength === bytes.buffer.byteLength &&
        bytes.buffer instanceof ArrayBuffer;
      this.worker.postMessage(msg, whole ? [bytes.buffer] : []);
    });
  }

  requestLocality(locality: number): Promise<Extract<Reply, { type: 'localityCorrelations' }>> {
    return this.request({ type: 'requestLocality', requestId: this.nextId++, locality }) as Promise<
      Extract<Reply, { type: 'localityCorrelations' }>
    >;
  }

  requestPair(a: string, b: string): Promise<Extract<Reply, { type: 'pairValues' }>> {
    return this.request({ type: 'requestPair', requestId: this.nextId++, a, b }) as Promise<
      Extract<Reply, { type: 'pairValues' }>
    >;
  }

  private request(msg: Extract<ToWorkerMessage, { requestId: number }>): Promise<Reply> {
    return new Promise((resolve, reject) => {
      if (this.exited) return reject(this.exited);
      this.pending.set(msg.requestId, { resolve, reject });
      this.worker.postMessage(msg);
    });
  }

  get alive(): boolean {
    return this.exited === null;
  }

  dispose(): void {
    if (this.exited) return;
    const why = new LavaCancelled();
    this.exited = why;
    for (const p of this.pending.values()) p.reject(why);
    this.pending.clear();
    for (const r of [...this.jobRejects]) r(why);
    void this.worker.terminate();
  }
}
