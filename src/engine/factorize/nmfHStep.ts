// NMF's H step over two fixed halves of A's columns (split by non-zeros). The second half runs on a worker
// thread when one can be had, else here after the first; the halves' partial sums are added in one fixed
// order, so the result is the same bytes on one core or two. The H step is nearly all of NMF's time at
// F = 784 (bench/kernels/nmf.bench.ts), and columns do not interact within it, so it splits cleanly.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { hPass } from './nmfKernel';

/** Below this many non-zeros a thread costs more to start than it saves. */
const PARALLEL_MIN_NNZ = 1_000_000;

function shared(length: number, Kind: Float64ArrayConstructor): Float64Array;
function shared(length: number, Kind: Int32ArrayConstructor): Int32Array;
function shared(length: number, Kind: Float32ArrayConstructor): Float32Array;
function shared(
  length: number,
  Kind: Float64ArrayConstructor | Int32ArrayConstructor | Float32ArrayConstructor,
): Float64Array | Int32Array | Float32Array {
  return new Kind(new SharedArrayBuffer(length * Kind.BYTES_PER_ELEMENT) as unknown as ArrayBuffer);
}

/** The worker beside this file: dist/nmfWorker.js when bundled; src/engine/nmfWorker.ts through tsx's
 * require hook when the engine itself runs from source (tests), since loader flags do not reach workers. */
function startThread(): Worker | null {
  const js = join(__dirname, 'nmfWorker.js');
  if (existsSync(js)) return new Worker(js);
  const ts = join(__dirname, 'nmfWorker.ts');
  if (!existsSync(ts) || !process.execArgv.some((a) => a.includes('tsx'))) return null;
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(ts)});`, { eval: true });
}

export class HStep {
  /** Ht (m x k) in shared memory: both halves update their own rows in place. */
  readonly Ht: Float64Array;
  private readonly W: Float64Array;
  private readonly WtW: Float64Array;
  private readonly part: { HHt: Float64Array; XHt: Float64Array }[];
  private readonly xtw: Float64Array;
  private readonly split: number;
  private worker: Worker | null = null;

  constructor(
    private readonly colPtr: Int32Array,
    private readonly rowIdx: Int32Array,
    private readonly val: Float32Array,
    private readonly m: number,
    private readonly k: number,
    l: number,
    Ht: Float64Array,
    /** Use a worker thread: 'auto' when A is large enough and there is a second core. Results do not depend on it. */
    threads: 'auto' | 'one' | 'two' = 'auto',
  ) {
    const nnz = colPtr[m];
    let split = 0;
    while (split < m && colPtr[split] < nnz / 2) split++;
    this.split = split;
    this.Ht = shared(m * k, Float64Array);
    this.Ht.set(Ht);
    this.W = shared(l * k, Float64Array);
    this.WtW = shared(k * k, Float64Array);
    this.part = [0, 1].map(() => ({ HHt: shared(k * k, Float64Array), XHt: shared(l * k, Float64Array) }));
    this.xtw = new Float64Array(k);
    const wanted =
      threads === 'two' || (threads === 'auto' && nnz >= PARALLEL_MIN_NNZ && availableParallelism() > 1);
    if (wanted) this.startWorker();
  }

  private startWorker(): void {
    try {
      // The matrix goes to shared memory once; each iteration then only says "go".
      const colPtr = shared(this.colPtr.length, Int32Array);
      colPtr.set(this.colPtr);
      const rowIdx = shared(this.rowIdx.length, Int32Array);
      rowIdx.set(this.rowIdx);
      const val = shared(this.val.length, Float32Array);
      val.set(this.val);
      const worker = startThread();
      if (!worker) return;
      worker.unref();
      worker.postMessage({
        colPtr,
        rowIdx,
        val,
        c0: this.split,
        c1: this.m,
        k: this.k,
        W: this.W,
        WtW: this.WtW,
        Ht: this.Ht,
        HHt: this.part[1].HHt,
        XHt: this.part[1].XHt,
      });
      this.worker = worker;
    } catch {
      this.worker = null; // no thread to be had: the second half runs here
    }
  }

  private second(): Promise<number> {
    const worker = this.worker;
    if (!worker) return Promise.resolve(this.half(1));
    return new Promise((resolve, reject) => {
      const done = (v: number) => {
        worker.off('error', fail);
        resolve(v);
      };
      const fail = (e: Error) => {
        worker.off('message', done);
        reject(e);
      };
      worker.once('message', done);
      worker.once('error', fail);
      worker.postMessage('go');
    });
  }

  private half(i: 0 | 1): number {
    const [c0, c1] = i === 0 ? [0, this.split] : [this.split, this.m];
    const p = this.part[i];
    return hPass(
      this.colPtr,
      this.rowIdx,
      this.val,
      c0,
      c1,
      this.k,
      this.W,
      this.WtW,
      this.Ht,
      p.HHt,
      p.XHt,
      this.xtw,
    );
  }

  /** One H step: updates Ht in place; writes Ht^T Ht into HHt and A Ht into XHt; returns the violation. */
  async run(W: Float64Array, WtW: Float64Array, HHt: Float64Array, XHt: Float64Array): Promise<number> {
    this.W.set(W);
    this.WtW.set(WtW);
    const second = this.second(); // starts the worker's half before this thread does its own
    const v0 = this.half(0);
    const v1 = await second;
    const [a, b] = this.part;
    for (let i = 0; i < XHt.length; i++) XHt[i] = a.XHt[i] + b.XHt[i];
    for (let i = 0; i < HHt.length; i++) HHt[i] = a.HHt[i] + b.HHt[i];
    return v0 + v1;
  }

  /** Whether a worker thread does the second half (for tests and diagnostics). */
  get threaded(): boolean {
    return this.worker !== null;
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = null;
  }
}
