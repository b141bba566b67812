// The engine thread's service run in this process behind the same rpc contract: host tests use it where a real
// thread would only add start-up time, and make it die on cue.
import { Peer } from '../../../src/shared/rpc';
import { engineContract, engineHostContract } from '../../../src/shared/workerProtocol';
import { serveEngine } from '../../../src/worker/engineService';
import { EngineClient, type EngineThread } from '../../../src/extension/engineClient';

export interface FakeThread extends EngineThread {
  /** The thread ends on its own (a crash), as a Worker's 'error' or 'exit' would say. */
  die(why?: Error): void;
  readonly terminated: boolean;
}

export function inProcessThread(): FakeThread {
  let toHost: (m: unknown) => void = () => {};
  let stop: (why: Error) => void = () => {};
  let terminated = false;
  // Messages cross as they would between threads: cloned, on a later tick.
  const peer = new Peer(
    { post: (m) => queueMicrotask(() => toHost(structuredClone(m))) },
    engineContract,
    engineHostContract,
  );
  serveEngine(peer);
  return {
    post: (m) => queueMicrotask(() => peer.receive(structuredClone(m))),
    onMessage: (l) => (toHost = l),
    onStop: (l) => (stop = l),
    terminate: () => {
      terminated = true;
      peer.dispose();
    },
    die: (why = new Error('the LAVA engine thread stopped (exit code 1)')) => {
      peer.dispose();
      stop(why);
    },
    get terminated() {
      return terminated;
    },
  };
}

/** An engine client on a fresh in-process thread, with the thread to make it die. */
export function inProcessEngine(): { engine: EngineClient; thread: FakeThread } {
  const thread = inProcessThread();
  return { engine: new EngineClient(thread), thread };
}
