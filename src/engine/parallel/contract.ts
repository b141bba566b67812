// The rpc contract between the pool (src/engine/parallel/pool.ts) and each of its threads (poolWorker.ts).
import { z } from 'zod';
import type { Contract } from '../../shared/rpc';

/** What a pool thread answers: run one part of a kernel; its arguments are checked there by the kernel's schema. */
export const threadContract = {
  requests: {
    run: {
      params: z.object({
        kernel: z.string(),
        part: z.number().int().nonnegative(),
        parts: z.number().int().positive(),
        args: z.unknown(),
      }),
      result: z.number(),
    },
  },
  notes: {},
} satisfies Contract;

/** The pool's side answers nothing: it only asks. */
export const poolContract = { requests: {}, notes: {} } satisfies Contract;
