// Every message between the extension host and the explorer webview, as rpc contracts (src/shared/rpc.ts):
// what the host answers and announces, what the webview announces. Both sides check every incoming message
// against these schemas at run time. The webview never receives the raw data file.
import { z } from 'zod';
import type { Contract } from './rpc';
import type { LavaResult } from './result/types';
import { validateResult } from './result/validate';
import { MAX_MODULES } from './params/spec';

export const STEPS = ['read', 'prepare', 'embedding', 'localities', 'correlations', 'modules', 'result'] as const;

/** A whole result, checked by the result validator (shape and lengths), not field by field in zod. */
export const ResultSchema = z.custom<LavaResult>((x) => {
  try {
    validateResult(x, 'message');
    return true;
  } catch {
    return false;
  }
}, 'not a valid LAVA result');

/** A number of modules, as the option table allows it. */
export const KSchema = z.number().int().min(1).max(MAX_MODULES);

/** A view name as it may appear in an exported file's name: short, lower-case, no path characters. */
export const ViewNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,40}$/);

/** What the host answers (the webview's requests) and announces. */
export const hostContract = {
  requests: {
    /** One locality's own thresholded correlations: upper triangle, base64 Float32 (shared/result/codec). */
    locality: {
      params: z.object({ locality: z.number().int().nonnegative() }),
      result: z.object({ locality: z.number().int().nonnegative(), pattern: z.string(), features: z.array(z.string()) }),
    },
    /** The values of two features for every kept row, for the pair scatter. */
    pair: {
      params: z.object({ a: z.string(), b: z.string() }),
      result: z.object({ a: z.string(), b: z.string(), av: z.array(z.number()), bv: z.array(z.number()) }),
    },
  },
  notes: {
    running: z.object({ file: z.string(), step: z.enum(STEPS), fraction: z.number().min(0).max(1) }),
    result: z.object({
      result: ResultSchema,
      resultUri: z.string().optional(),
      appliedFrom: z.record(z.string(), z.string()),
    }),
    error: z.object({ message: z.string() }),
  },
} satisfies Contract;

/** What the webview announces (it answers no requests). */
export const webviewContract = {
  requests: {},
  notes: {
    ready: z.object({}),
    rerun: z.object({}),
    saveResult: z.object({}),
    openSettings: z.object({}),
    /** The shown result at another k, without re-running the steps before Step 3 (the header's candidate curve). */
    modulesAtK: z.object({ k: KSchema }),
    /** An exported view: SVG text or a PNG data URL, saved by the host through a save dialog. */
    export: z.object({ format: z.enum(['png', 'svg']), view: ViewNameSchema, data: z.string() }),
  },
} satisfies Contract;

export type HostContract = typeof hostContract;
export type WebviewContract = typeof webviewContract;

/** What the webview persists with setState (restored when hidden and shown again, or after reload). */
export const WebviewStateSchema = z.object({
  selectedModule: z.number().int().nonnegative().nullable(),
  colorBy: z.string().nullable(),
  selectedLocality: z.number().int().nonnegative().nullable(),
  /** The `resultUri` of the last result note: after a window reload the host's serializer re-sends that result. */
  resultUri: z.string().optional(),
});
export type WebviewState = z.infer<typeof WebviewStateSchema>;
