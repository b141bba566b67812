// A thread of the engine's worker pool (pool.ts): runs the parts of kernels it is asked for, over shared memory.
import { parentPort } from 'node:worker_threads';
import { Peer } from '../../shared/rpc';
import { poolContract, threadContract } from './contract';
import { runPart } from './registry';

if (parentPort) {
  const port = parentPort;
  const peer = new Peer({ post: (m) => port.postMessage(m) }, threadContract, poolContract);
  peer.handle('run', ({ kernel, part, parts, args }) => runPart(kernel, args, part, parts));
  port.on('message', (m: unknown) => peer.receive(m));
}
