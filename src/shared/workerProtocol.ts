// Every message between the extension host and the engine's worker thread (dist/worker.js), as rpc contracts
// (./rpc.ts): what the worker answers (run, load, modulesAtK, locality, pair, feature) and announces (progress,
// embedding). Both sides check every incoming message against these schemas; the host answers nothing.
import { z } from 'zod';
import type { Contract } from './rpc';
import { EmbeddingNoteSchema, KSchema, STEPS, hostContract } from './protocol';
import { LavaParamsSchema } from './params/spec';
import { ResultSummarySchema } from './result/summary';

const StepSchema = z.enum(STEPS);

const NamesSchema = z.array(z.string());

export const engineContract = {
  requests: {
    /**
     * Run the whole pipeline on `file`, read by path in the worker (large files are never copied into the host);
     * the worker keeps X and the correlations afterwards. The reply is the result's file text, encoded here for
     * `resultPath` (where the host stores it), and its summary: the host never serialises or parses a run's result.
     */
    run: {
      params: z.object({
        file: z.string(),
        params: LavaParamsSchema,
        paramSources: z.record(z.string(), z.string()),
        configFile: z.string().optional(),
        resultPath: z.string(),
      }),
      result: z.object({ text: z.string(), summary: ResultSummarySchema }),
    },
    /**
     * Re-create X (read + prepare only) for a result shown without its run, so locality and pair requests work.
     * `text` is the result's file text: the worker decodes it (its members, params, features and rows).
     */
    load: {
      /** `params` as the host holds them (file options absolute); the text names files relative to where it is stored. */
      params: z.object({ file: z.string(), text: z.string(), params: LavaParamsSchema }),
      result: z.object({ rows: z.number().int(), features: z.number().int() }),
    },
    /**
     * The last run's result at another k, from the localities and correlations the run kept (only Step 3 is
     * redone): a whole new result, which becomes the one the next change starts from. Cancellable; the kept
     * run survives a cancel. Progress comes as `progress` notes of the step "modules".
     */
    modulesAtK: {
      params: z.object({ k: KSchema, resultPath: z.string() }),
      result: z.object({ text: z.string(), summary: ResultSummarySchema }),
    },
    /** What a data file offers to choose (h5ad layers, obsm keys, var columns) and its columns, for the options wizard. */
    inspect: {
      params: z.object({ file: z.string() }),
      result: z.object({
        format: z.string(),
        rows: z.number().int().nonnegative(),
        columns: NamesSchema,
        choices: z.object({
          layer: NamesSchema.optional(),
          obsm: NamesSchema.optional(),
          varNames: NamesSchema.optional(),
        }),
      }),
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
