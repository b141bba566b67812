// Worker thread of NMF's H step (see nmfHStep.ts): on "go", runs its half of the columns over shared memory.
import { parentPort } from 'node:worker_threads';
import { hPass } from './nmfKernel';

interface Setup {
  colPtr: Int32Array;
  rowIdx: Int32Array;
  val: Float32Array;
  c0: number;
  c1: number;
  k: number;
  W: Float64Array;
  WtW: Float64Array;
  Ht: Float64Array;
  HHt: Float64Array;
  XHt: Float64Array;
}

let s: Setup | null = null;
let xtw = new Float64Array(0);
parentPort?.on('message', (msg: Setup | 'go') => {
  if (msg !== 'go') {
    s = msg;
    xtw = new Float64Array(msg.k);
    return;
  }
  if (!s) throw new Error('nmfWorker: "go" before its setup');
  parentPort?.postMessage(
    hPass(s.colPtr, s.rowIdx, s.val, s.c0, s.c1, s.k, s.W, s.WtW, s.Ht, s.HHt, s.XHt, xtw),
  );
});
