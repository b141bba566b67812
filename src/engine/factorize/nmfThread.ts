// NMF's H-step thread seen from the engine: a Peer over the Worker, and a thread that dies fails what waits on it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Peer } from '../../shared/rpc';
import { nmfEngineContract, nmfThreadContract, type HStepSetup } from './nmfThreadContract';

/** The worker beside this file: dist/nmfWorker.js when bundled; src/engine/factorize/nmfWorker.ts through tsx's
 * require hook when the engine itself runs from source (tests), since loader flags do not reach workers. */
export function startThread(): Worker | null {
  const js = join(__dirname, 'nmfWorker.js');
  if (existsSync(js)) return new Worker(js);
  const ts = join(__dirname, 'nmfWorker.ts');
  if (!existsSync(ts) || !process.execArgv.some((a) => a.includes('tsx'))) return null;
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(ts)});`, { eval: true });
}

export class NmfThread {
  private readonly peer: Peer<typeof nmfEngineContract, typeof nmfThreadContract>;
  private readonly ready: Promise<null>;

  /** Sends the setup at once; its reply is awaited with the first step, so the thread boots while this one works. */
  constructor(
    private readonly worker: Worker,
    setup: HStepSetup,
  ) {
    const fail = (why: string) =>
      this.peer.dispose(new Error(`NMF's H-step thread ${why}; the factorization cannot go on`));
    this.peer = new Peer(
      { post: (m, transfer) => worker.postMessage(m, transfer) },
      nmfEngineContract,
      nmfThreadContract,
      {
        // A reply that cannot be matched would leave a step waiting for ever: end the channel instead.
        onDrop: (why) => fail(`sent a message that was dropped (${why})`),
      },
    );
    worker.on('message', (m: unknown) => this.peer.receive(m));
    worker.on('messageerror', (e: Error) => fail(`sent a message that could not be read (${e.message})`));
    worker.on('error', (e: Error) => fail(`failed: ${e.message}`));
    // Also when it ends without an error (process.exit, a kill): whatever is pending is rejected, never left to hang.
    worker.on('exit', (code: number) => fail(`stopped (exit code ${code})`));
    this.ready = this.peer.request('setup', setup);
    this.ready.catch(() => undefined); // reported by the first step
  }

  /** Runs the thread's half of one H step; rejects when the thread fails, stops or answers with an error. */
  step(): Promise<number> {
    const step = this.peer.request('step', null);
    return Promise.all([this.ready, step]).then(([, violation]) => violation);
  }

  dispose(): void {
    this.peer.dispose();
    void this.worker.terminate();
  }
}
