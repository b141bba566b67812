// Every message between the extension host and the explorer webview, as rpc contracts (src/shared/rpc.ts):
// what the host answers and announces, what the webview announces. Both sides check every incoming message
// against these schemas at run time. The webview never receives the raw data file.
import { z } from 'zod';
import type { Contract } from './rpc';
import { PackedSchema } from './result/packed';
import { SourceSchema } from './result/summary';
import { MAX_MODULES } from './params/spec';

export const STEPS = ['read', 'prepare', 'embedding', 'localities', 'correlations', 'modules', 'result'] as const;

/** Float32 values sent as a typed array: transferred between threads, structured-cloned into the webview. */
export const Float32ArraySchema = z.custom<Float32Array>((x) => x instanceof Float32Array, 'not a Float32Array');

/** The embedding alone, as soon as a run knows it (before its modules): dims values per row, row-major. */
export const EmbeddingNoteSchema = z
  .object({ coords: Float32ArraySchema, dims: z.number().int().min(2) })
  .refine((e) => e.coords.length % e.dims === 0, 'coords is not a whole number of rows');

/** The explorer's detail views, shown as tabs on narrow panels; the names are the views' slots (webview/views/layout.ts). */
export const DETAIL_TABS = ['heatmap', 'pair', 'picture', 'samples', 'selection'] as const;
export type DetailTab = (typeof DETAIL_TABS)[number];

/** A number of modules, as the option table allows it. */
export const KSchema = z.number().int().min(1).max(MAX_MODULES);

/** A view name as it may appear in an exported file's name: short, lower-case, no path characters. */
export const ViewNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,40}$/);

/** Row indices of the shown result (0-based, into its kept rows). */
const RowsSchema = z.array(z.number().int().nonnegative());

/** At most this many rows' values in one `rows` reply: a locality's samples, not the data set. */
export const MAX_SAMPLE_ROWS = 2000;

/** What the host answers (the webview's requests) and announces. */
export const hostContract = {
  requests: {
    /** One locality's own thresholded correlations: upper triangle, a packed Float32 array (shared/result/packed). */
    locality: {
      params: z.object({ locality: z.number().int().nonnegative() }),
      result: z.object({ locality: z.number().int().nonnegative(), pattern: PackedSchema, features: z.array(z.string()) }),
    },
    /** The values of two features for every kept row, for the pair scatter. */
    pair: {
      params: z.object({ a: z.string(), b: z.string() }),
      result: z.object({ a: z.string(), b: z.string(), av: z.array(z.number()), bv: z.array(z.number()) }),
    },
    /** One feature's values for every kept row (the map coloured by a searched gene or pixel): base64 Float32. */
    feature: {
      params: z.object({ feature: z.string() }),
      result: z.object({ feature: z.string(), values: PackedSchema }),
    },
    /**
     * Pearson correlations inside a selection of rows and over all the other rows: upper triangles, packed
     * Float32. The rest comes from sums over all rows (kept by the engine) minus the selection's.
     */
    selection: {
      params: z.object({ rows: RowsSchema.min(1) }),
      result: z.object({
        features: z.array(z.string()),
        inside: PackedSchema,
        rest: PackedSchema,
        insideCount: z.number().int().nonnegative(),
        restCount: z.number().int().nonnegative(),
      }),
    },
    /** The feature values of a few rows (a locality's samples): rows x features, row-major, packed Float32. */
    rows: {
      params: z.object({ rows: RowsSchema.min(1).max(MAX_SAMPLE_ROWS) }),
      result: z.object({ rows: RowsSchema, features: z.array(z.string()), values: PackedSchema }),
    },
  },
  notes: {
    running: z.object({ file: z.string(), step: z.enum(STEPS), fraction: z.number().min(0).max(1) }),
    /**
     * A result as its file text (shared/result/encode), which the webview decodes and checks itself; `source` is
     * its data and config as absolute paths (the text names them relative to where it is stored).
     */
    result: z.object({
      text: z.string(),
      source: SourceSchema,
      resultUri: z.string().optional(),
      appliedFrom: z.record(z.string(), z.string()),
    }),
    error: z.object({ message: z.string() }),
    /** The running run's embedding, sent when its embedding step ends so the map shows while the rest runs. */
    embedding: EmbeddingNoteSchema,
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
    /** Save these rows (line numbers, metadata, module activities) as CSV through a save dialog. */
    exportSelection: z.object({ rows: RowsSchema.min(1) }),
    /** Put these rows' line numbers on the clipboard. */
    copyRows: z.object({ rows: RowsSchema.min(1) }),
    /** Open the data file at this row's line. */
    openRow: z.object({ row: z.number().int().nonnegative() }),
    /** Text for the clipboard (a module's top features, one per line), written by the host; `what` names it. */
    copy: z.object({ text: z.string().max(1_000_000), what: z.string().max(200) }),
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
  /** The detail tab last chosen (narrow panels show one at a time). */
  tab: z.enum(DETAIL_TABS).optional(),
});
export type WebviewState = z.infer<typeof WebviewStateSchema>;

const CompareUrisSchema = z.object({ comparison: z.string(), a: z.string(), b: z.string() });

/** What the compare webview saves (setState) and a reloaded window hands back to the host, checked there. */
export const CompareWebviewStateSchema = z.object({ compare: CompareUrisSchema });
export type CompareWebviewState = z.infer<typeof CompareWebviewStateSchema>;

/**
 * The compare panel (LAVA: Compare Results...): the host sends the comparison's file text and both results' file
 * texts, which the webview decodes and checks itself (shared/compare/codec, shared/result/decode).
 */
export const compareHostContract = {
  requests: {},
  notes: {
    comparison: z.object({
      /** The comparison file, as the webview names it in errors and the header. */
      file: z.string(),
      text: z.string(),
      a: z.object({ file: z.string(), text: z.string() }),
      b: z.object({ file: z.string(), text: z.string() }),
      /** The three files' URIs: the webview keeps them as its state, so that a window reload shows them again. */
      uris: CompareUrisSchema.optional(),
    }),
    error: z.object({ message: z.string() }),
  },
} satisfies Contract;

export const compareWebviewContract = {
  requests: {},
  notes: { ready: z.object({}) },
} satisfies Contract;

export type CompareHostContract = typeof compareHostContract;
export type CompareWebviewContract = typeof compareWebviewContract;
