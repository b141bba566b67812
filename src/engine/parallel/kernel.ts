// What the pool runs: a kernel is a pure function of its (shared-memory) arguments and a part number,
// with a zod schema its arguments are checked against on arrival in a thread.
import type { z } from 'zod';

/**
 * One parallel step. `run(args, part, parts)` does part `part` of `parts` (a fixed partition chosen by the
 * caller, never by the number of threads), writes only what that part owns, and returns one number (a partial
 * sum, a count, 0). The caller reduces the parts' numbers and arrays in part order, so the result is the same
 * bytes whichever thread ran which part.
 */
export interface Kernel<S extends z.ZodType = z.ZodType> {
  args: S;
  run(args: z.output<S>, part: number, parts: number): number;
}

export function kernel<S extends z.ZodType>(
  args: S,
  run: (args: z.output<S>, part: number, parts: number) => number,
): Kernel<S> {
  return { args, run };
}

/** The half-open range [lo, hi) of part `part` when `n` items are cut into `parts` near-equal runs. */
export function partRange(n: number, part: number, parts: number): [number, number] {
  return [Math.floor((n * part) / parts), Math.floor((n * (part + 1)) / parts)];
}
