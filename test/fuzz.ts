// Settings every property test shares. Each run draws a new seed, so CI keeps exploring; a failure prints its seed
// and path, and FUZZ_SEED=<seed> FUZZ_PATH=<path> replays exactly that counterexample. Every property also stops at
// its time limit (counted as a pass: the cases run so far held), so the fuzzing stays within CI's budget.
import type { Parameters } from 'fast-check';

const seed = process.env.FUZZ_SEED;
const path = process.env.FUZZ_PATH;

export const FUZZ: Parameters<unknown> = {
  ...(seed ? { seed: Number(seed) } : {}),
  ...(path ? { path } : {}),
  markInterruptAsFailure: false,
};
