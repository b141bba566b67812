// Messages between the extension host and the engine's worker thread (dist/worker.js), both ways.
// Plain structured-clone data only; errors travel as a serialisable description.
import type { LavaResult } from './result/types';
import type { LavaParams } from './params/types';
import type { Step } from './steps';

/** Host -> worker. */
export type ToWorkerMessage =
  /** Run the whole pipeline on the bytes of `file`; the worker keeps X and the correlations afterwards. */
  | {
      type: 'run';
      file: string;
      bytes: Uint8Array;
      params: LavaParams;
      paramSources: Partial<Record<keyof LavaParams, string>>;
    }
  /** Re-create X (read + prepare only) for a result loaded from disk, so locality and pair requests work. */
  | {
      type: 'load';
      file: string;
      bytes: Uint8Array;
      params: LavaParams;
      members: number[][];
      features: string[];
      /** Rows the result kept: the data file must still give exactly these. */
      rowCount: number;
    }
  | { type: 'requestLocality'; requestId: number; locality: number }
  | { type: 'requestPair'; requestId: number; a: string; b: string };

/** A LavaInputError (or any error) flattened for postMessage. */
export interface WorkerError {
  name: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  columnName?: string;
  hint?: string;
  stack?: string;
}

/** Worker -> host. */
export type FromWorkerMessage =
  /** `overall` is the whole run's fraction done (0..1), computed here so the host needs no engine code. */
  | { type: 'progress'; step: Step; fraction: number; overall: number; message?: string }
  | { type: 'done'; result: LavaResult }
  | { type: 'loaded'; rows: number; features: number }
  | { type: 'failed'; error: WorkerError }
  | { type: 'localityCorrelations'; requestId: number; locality: number; pattern: string; features: string[] }
  | { type: 'pairValues'; requestId: number; a: string; b: string; av: number[]; bv: number[] }
  | { type: 'requestFailed'; requestId: number; message: string };
