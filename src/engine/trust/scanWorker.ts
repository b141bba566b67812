// The trust scan's fit thread (scanThread.ts): takes A once, then fits row subsets of it, one request each.
import { parentPort } from 'node:worker_threads';
import { Peer } from '../../shared/rpc';
import { fitModules } from './fit';
import { rowSubset } from './resample';
import { scanEngineContract, scanThreadContract, type ScanSetup } from './scanContract';

const port = parentPort;
if (!port) throw new Error('scanWorker runs as a worker thread only');
const peer = new Peer({ post: (message, transfer) => port.postMessage(message, transfer) }, scanThreadContract, scanEngineContract);
port.on('message', (message: unknown) => peer.receive(message));

let a: ScanSetup | null = null;
peer.handle('setup', (setup) => {
  a = setup;
  return null;
});
peer.handle('fit', async ({ rows, k, seed, init, tol, maxIter, sparseness }) => {
  if (!a) throw new Error('scanWorker: a fit before its setup');
  // One thread here: the other core runs the scan's own fit meanwhile.
  const f = await fitModules(rowSubset(a, rows), k, { init, seed, tol, maxIter, sparseness, threads: 'one' });
  return { patterns: f.patterns, error: f.error };
});
