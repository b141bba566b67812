// Settings every property test shares. Each run draws a new seed, so CI keeps exploring; a failure prints its seed
// and path, and FUZZ_SEED=<seed> FUZZ_PATH=<path> replays exactly that counterexample. Every property also stops at
// its time limit (counted as a pass: the cases run so far held), so the fuzzing stays within CI's budget of 60 s;
// FUZZ_SCALE=20 runs twenty times the cases and time, to search deeper by hand.
import type { Parameters } from 'fast-check';

const seed = process.env.FUZZ_SEED;
const path = process.env.FUZZ_PATH;
const scale = Number(process.env.FUZZ_SCALE ?? 1);

/** fast-check's parameters for a property allowed `runs` cases within `ms` (both times FUZZ_SCALE). */
export function fuzz(runs: number, ms: number): Parameters<unknown> {
  return {
    numRuns: runs * scale,
    interruptAfterTimeLimit: ms * scale,
    markInterruptAsFailure: false,
    ...(seed ? { seed: Number(seed) } : {}),
    ...(path ? { path } : {}),
  };
}
