// What the engine and NMF's H-step thread say to each other (src/shared/rpc.ts contracts), checked on arrival.
import { z } from 'zod';
import type { Contract } from '../../shared/rpc';

/** A typed array over a SharedArrayBuffer: the thread updates Ht and its partial sums in place. */
function shared<T extends Float64Array | Int32Array | Float32Array>(Kind: abstract new (n: number) => T) {
  return z.custom<T>((v) => v instanceof Kind && v.buffer instanceof SharedArrayBuffer, {
    message: `expected a ${Kind.name} in a SharedArrayBuffer (the thread writes in place)`,
  });
}
const f64 = shared<Float64Array>(Float64Array);
const i32 = shared<Int32Array>(Int32Array);
const f32 = shared<Float32Array>(Float32Array);
const count = z.number().int().nonnegative();

/** Once per NMF: column-major A, the thread's columns c0 .. c1-1, and the shared arrays of every step. */
export const HStepSetupSchema = z
  .object({
    colPtr: i32,
    rowIdx: i32,
    val: f32,
    c0: count,
    c1: count,
    k: z.number().int().positive(),
    /** l x k, and k x k: the W step's results, read by the thread. */
    W: f64,
    WtW: f64,
    /** m x k: the thread updates its own rows. */
    Ht: f64,
    /** k x k and l x k: the thread's partial sums of Ht^T Ht and A Ht. */
    HHt: f64,
    XHt: f64,
    /** The L1 penalty on H (0: none), the same on both halves. */
    l1: z.number().nonnegative(),
  })
  .superRefine((s, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (!(s.c0 <= s.c1 && s.c1 < s.colPtr.length))
      bad(`columns ${s.c0}..${s.c1} outside colPtr (${s.colPtr.length})`);
    else if (s.colPtr[s.c1] > s.rowIdx.length) bad('colPtr points past rowIdx');
    if (s.rowIdx.length !== s.val.length) bad('rowIdx and val differ in length');
    if (s.Ht.length < s.c1 * s.k)
      bad(`Ht holds ${s.Ht.length} values, columns up to ${s.c1} need ${s.c1 * s.k}`);
    if (s.WtW.length !== s.k * s.k || s.HHt.length !== s.k * s.k) bad('WtW and HHt must be k x k');
    if (s.W.length !== s.XHt.length || s.W.length % s.k !== 0) bad('W and XHt must both be l x k');
  });
export type HStepSetup = z.infer<typeof HStepSetupSchema>;

/** What the thread answers: the setup, then one request per H step (its half's violation). */
export const nmfThreadContract = {
  requests: {
    setup: { params: HStepSetupSchema, result: z.null() },
    step: { params: z.null(), result: z.number() },
  },
  notes: {},
} satisfies Contract;

/** The engine's side answers nothing: it only asks. */
export const nmfEngineContract = { requests: {}, notes: {} } satisfies Contract;
