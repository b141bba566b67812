// Every message between the extension host and the engine's worker thread (dist/worker.js), as rpc contracts
// (./rpc.ts): what the worker answers (run, load, and the webview's requests) and announces (progress, embedding). Both sides check
// every incoming message against these schemas; the host answers nothing.
import { z } from 'zod';
import type { Contract } from './rpc';
import { EmbeddingNoteSchema, ResultSchema, STEPS, hostContract } from './protocol';
import { LavaParamsSchema } from './params/spec';

const StepSchema = z.enum(STEPS);

/** The data file's bytes, transferred (not copied) to the worker. */
const BytesSchema = z.custom<Uint8Array>((x) => x instanceof Uint8Array, 'not bytes');

export const engineContract = {
  requests: {
    /** Run the whole pipeline on the bytes of `file`; the worker keeps X and the correlations afterwards. */
    run: {
      params: z.object({
        file: z.string(),
        bytes: BytesSchema,
        params: LavaParamsSchema,
        paramSources: z.record(z.string(), z.string()),
        configFile: z.string().optional(),
      }),
      result: ResultSchema,
    },
    /** Re-create X (read + prepare only) for a result loaded from disk, so locality and pair requests work. */
    load: {
      params: z.object({
        file: z.string(),
        bytes: BytesSchema,
        params: LavaParamsSchema,
        members: z.array(z.array(z.number().int().nonnegative())),
        features: z.array(z.string()),
        /** Rows the result kept: the data file must still give exactly these. */
        rowCount: z.number().int().positive(),
      }),
      result: z.object({ rows: z.number().int(), features: z.number().int() }),
    },
    /** The webview's requests, answered from what the last run or load kept: the same schemas both hops. */
    locality: hostContract.requests.locality,
    pair: hostContract.requests.pair,
    feature: hostContract.requests.feature,
    selection: hostContract.requests.selection,
    rows: hostContract.requests.rows,
  },
  notes: {
    /** `overall` is the whole run's fraction done (0..1), computed in the worker so the host needs no engine code. */
    progress: z.object({
      step: StepSchema,
      fraction: z.number().min(0).max(1),
      overall: z.number().min(0).max(1),
      message: z.string().optional(),
    }),
    /** The embedding as soon as its step ends (given or computed), its buffer transferred: the panel draws the map early. */
    embedding: EmbeddingNoteSchema,
  },
} satisfies Contract;

/** The host side of the thread: it announces and answers nothing. */
export const engineHostContract = { requests: {}, notes: {} } satisfies Contract;

export type EngineContract = typeof engineContract;
export type EngineHostContract = typeof engineHostContract;
