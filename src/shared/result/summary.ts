// What the extension host keeps of a result besides its text: enough to store, show, save and reload it without
// decoding its arrays (the worker encodes results, the webview decodes them; the host only carries the text).
import { z } from 'zod';
import { LavaParamsSchema } from '../params/spec';
import type { LavaResult } from './types';

export const SourceSchema = z.object({
  file: z.string(),
  rows: z.number().int().nonnegative(),
  delimiter: z.string(),
  config: z.string().optional(),
});

export const ResultSummarySchema = z.object({
  /** The data and config files as absolute paths (the text names them relative to where it is stored). */
  source: SourceSchema,
  params: LavaParamsSchema,
  paramSources: z.record(z.string(), z.string()),
  features: z.array(z.string()),
  rowCount: z.number().int().positive(),
  localityCount: z.number().int().nonnegative(),
  moduleCount: z.number().int().nonnegative(),
});
export type ResultSummary = z.infer<typeof ResultSummarySchema>;

/** The summary of a result in memory (its source as it is there: absolute after a run or resultFromFile). */
export function summarizeResult(r: LavaResult): ResultSummary {
  return {
    source: r.source,
    params: r.params,
    paramSources: { ...(r.paramSources ?? {}) },
    features: r.features,
    rowCount: r.rowCount,
    localityCount: r.localities.count,
    moduleCount: r.modules.length,
  };
}

/** A result as the extension host holds it: the file text it stores and forwards as it is, and its summary. */
export interface ResultText {
  text: string;
  summary: ResultSummary;
}
