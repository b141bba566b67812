// Cancellation checks the engine's loops call; the error classes themselves live in shared/errors.ts.
import { LavaCancelled } from '../shared/errors';

/** Throw LavaCancelled if the signal has fired. Cheap: call it in loops over localities. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new LavaCancelled();
}

/** Yield to the event loop so that an abort message can arrive, then check. */
export async function checkpoint(signal: AbortSignal | undefined): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  throwIfCancelled(signal);
}

/**
 * A checkpoint for tight loops: yields (and checks the signal) only when `ms` have passed since the last yield,
 * so that a cancel lands within about `ms` while the loop costs a clock read per call.
 */
export function checkpointEvery(signal: AbortSignal | undefined, ms: number): () => Promise<void> | void {
  let last = performance.now();
  return () => {
    if (performance.now() - last <= ms) return;
    return checkpoint(signal).then(() => {
      last = performance.now();
    });
  };
}
