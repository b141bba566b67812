// NMF's H step over two fixed halves of A's columns (split by non-zeros). The second half runs on a worker
// thread when one can be had, else here after the first; the halves' partial sums are added in one fixed
// order, so the result is the same bytes on one core or two. The H step is nearly all of NMF's time at
// F = 784 (bench/kernels/nmf.bench.ts), and columns do not interact within it, so it splits cleanly.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { hPass } from './nmfKernel';
import { NmfThread, startThread } from './nmfThread';

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

export interface HStepOptions {
  /** Use a worker thread: 'auto' when A is large enough and there is a second core. Results do not depend on it. */
  threads?: 'auto' | 'one' | 'two';
  /** Where the thread comes from (tests start one that fails on purpose); null = none to be had. */
  startThread?: () => Worker | null;
  /** The L1 penalty on H (nmfKernel.ts hPass); 0 or unset: none. */
  l1?: number;
}

export class HStep {
  /** Ht (m x k) in shared memory: both halves update their own rows in place. */
  readonly Ht: Float64Array;
  private readonly W: Float64Array;
  private readonly WtW: Float64Array;
  private readonly part: { HHt: Float64Array; XHt: Float64Array }[];
  private readonly xtw: Float64Array;
  private readonly split: number;
  private readonly l1: number;
  private thread: NmfThread | null = null;

  constructor(
    private readonly colPtr: Int32Array,
    private readonly rowIdx: Int32Array,
    private readonly val: Float32Array,
    private readonly m: number,
    private readonly k: number,
    l: number,
    Ht: Float64Array,
    opts: HStepOptions = {},
  ) {
    const threads = opts.threads ?? 'auto';
    const nnz = colPtr[m];
    let split = 0;
    while (split < m && colPtr[split] < nnz / 2) split++;
    this.split = split;
    this.l1 = opts.l1 ?? 0;
    this.Ht = shared(m * k, Float64Array);
    this.Ht.set(Ht);
    this.W = shared(l * k, Float64Array);
    this.WtW = shared(k * k, Float64Array);
    this.part = [0, 1].map(() => ({ HHt: shared(k * k, Float64Array), XHt: shared(l * k, Float64Array) }));
    this.xtw = new Float64Array(k);
    const wanted =
      threads === 'two' || (threads === 'auto' && nnz >= PARALLEL_MIN_NNZ && availableParallelism() > 1);
    if (wanted) this.startThread(opts.startThread ?? startThread);
  }

  private startThread(start: () => Worker | null): void {
    let worker: Worker | null = null;
    try {
      worker = start();
    } catch {
      worker = null; // no thread to be had: the second half runs here
    }
    if (!worker) return;
    worker.unref();
    // The matrix goes to shared memory once; each step then is one small request.
    const colPtr = shared(this.colPtr.length, Int32Array);
    colPtr.set(this.colPtr);
    const rowIdx = shared(this.rowIdx.length, Int32Array);
    rowIdx.set(this.rowIdx);
    const val = shared(this.val.length, Float32Array);
    val.set(this.val);
    const { W, WtW, Ht, k } = this;
    const { HHt, XHt } = this.part[1];
    this.thread = new NmfThread(worker, {
      colPtr,
      rowIdx,
      val,
      c0: this.split,
      c1: this.m,
      k,
      W,
      WtW,
      Ht,
      HHt,
      XHt,
      l1: this.l1,
    });
  }

  private second(): Promise<number> {
    return this.thread ? this.thread.step() : Promise.resolve(this.half(1));
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
      this.l1,
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
    return this.thread !== null;
  }

  dispose(): void {
    this.thread?.dispose();
    this.thread = null;
  }
}
