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
