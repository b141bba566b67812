// The engine's worker thread: serves the engine over rpc (./engineService.ts) off the extension host's thread.
// Cancellation is the host terminating this thread, so nothing here needs to clean up after a cancel.
import { parentPort } from 'node:worker_threads';
import { Peer } from '../shared/rpc';
import { engineContract, engineHostContract } from '../shared/workerProtocol';
import { serveEngine } from './engineService';

// Tests import the service, not this file; listen only when actually running as a worker.
const port = parentPort;
if (port) {
  const peer = new Peer(
    { post: (m, transfer) => port.postMessage(m, transfer ?? []) },
    engineContract,
    engineHostContract,
    {
      // The host only sends what the contract allows; anything else is a bug worth a line in its log.
      onDrop: (why) => console.error(`lava engine thread: dropped a message (${why})`),
    },
  );
  port.on('message', (m: unknown) => peer.receive(m));
  serveEngine(peer);
}
