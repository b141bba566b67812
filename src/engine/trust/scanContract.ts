// What the trust scan and its fit thread say to each other (src/shared/rpc.ts contracts), checked on arrival.
import { z } from 'zod';
import type { Contract } from '../../shared/rpc';
import { shared } from '../parallel/shared';

const count = z.number().int().nonnegative();

/** Once per scan: the sign-split A in shared memory (the thread reads it, never writes). */
export const ScanSetupSchema = z
  .object({ rows: count, cols: count, P: count, rowPtr: shared.i32, col: shared.i32, val: shared.f32, colOf: shared.i32 })
  .superRefine((s, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (s.rowPtr.length !== s.rows + 1) bad(`rowPtr holds ${s.rowPtr.length} offsets for ${s.rows} rows`);
    else if (s.rowPtr[s.rows] !== s.col.length || s.col.length !== s.val.length) bad('rowPtr, col and val disagree');
    if (s.colOf.length !== s.cols) bad(`colOf holds ${s.colOf.length} columns of ${s.cols}`);
  });
export type ScanSetup = z.infer<typeof ScanSetupSchema>;

/** One early-stopped fit of A's rows `rows` (ascending localities) at k, from the `profiles` or NNDSVD start. */
export const ScanFitSchema = z.object({
  rows: z.custom<Int32Array>((v) => v instanceof Int32Array),
  k: z.number().int().positive(),
  seed: z.number().int(),
  init: z.enum(['nndsvd', 'profiles']),
  tol: z.number().nonnegative().optional(),
  maxIter: z.number().int().positive().optional(),
  /** NMF's L1 penalty on H, as the scan's own fits have it (fit.ts). */
  sparseness: z.number().nonnegative().optional(),
});
export type ScanFit = z.infer<typeof ScanFitSchema>;

export const scanThreadContract = {
  requests: {
    setup: { params: ScanSetupSchema, result: z.null() },
    fit: { params: ScanFitSchema, result: z.object({ patterns: z.custom<Float32Array>((v) => v instanceof Float32Array), error: z.number() }) },
  },
  notes: {},
} satisfies Contract;

/** The engine's side answers nothing. */
export const scanEngineContract = { requests: {}, notes: {} } satisfies Contract;
