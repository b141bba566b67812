// Worker thread of NMF's H step (see nmfHStep.ts): a Peer that takes its half of the columns once, then runs it per request.
import { parentPort } from 'node:worker_threads';
import { Peer } from '../../shared/rpc';
import { hPass } from './nmfKernel';
import { nmfEngineContract, nmfThreadContract, type HStepSetup } from './nmfThreadContract';

const port = parentPort;
if (!port) throw new Error('nmfWorker runs as a worker thread only');
const peer = new Peer(
  { post: (message, transfer) => port.postMessage(message, transfer) },
  nmfThreadContract,
  nmfEngineContract,
);
port.on('message', (message: unknown) => peer.receive(message));

let s: HStepSetup | null = null;
let xtw = new Float64Array(0);
peer.handle('setup', (setup) => {
  s = setup;
  xtw = new Float64Array(setup.k);
  return null;
});
peer.handle('step', () => {
  if (!s) throw new Error('nmfWorker: a step before its setup');
  return hPass(s.colPtr, s.rowIdx, s.val, s.c0, s.c1, s.k, s.W, s.WtW, s.Ht, s.HHt, s.XHt, xtw, s.l1);
});
