// Every message between the extension host and the explorer webview, both ways, as discriminated unions.
// The only file the two sides share (besides the result's types). The webview never receives the raw CSV.
import type { LavaResult } from './result/types';

/** Host -> webview. */
export type ToWebviewMessage =
  | { type: 'running'; file: string; step: string; fraction: number }
  | { type: 'result'; result: LavaResult; resultUri?: string; appliedFrom: Record<string, string> }
  | { type: 'error'; message: string }
  /** Reply to `requestLocality`: one locality's thresholded correlations, upper triangle as Float32 base64. */
  | { type: 'localityCorrelations'; requestId: number; locality: number; pattern: string; features: string[] }
  /** Reply to `requestPair`: values of two features for every kept row (for the pair scatter). */
  | { type: 'pairValues'; requestId: number; a: string; b: string; av: number[]; bv: number[] };

/** Webview -> host. */
export type FromWebviewMessage =
  | { type: 'ready' }
  | { type: 'requestLocality'; requestId: number; locality: number }
  | { type: 'requestPair'; requestId: number; a: string; b: string }
  | { type: 'rerun' }
  | { type: 'saveResult' }
  | { type: 'export'; format: 'png' | 'svg'; view: string; data: string }
  | { type: 'openSettings' };

/** What the webview persists with setState (restored when hidden and shown again, or after reload). */
export interface WebviewState {
  selectedModule: number | null;
  colorBy: string | null;
  selectedLocality: number | null;
  /**
   * The `resultUri` of the last `result` message (added for the host): keep it in setState so that after a
   * window reload the host's panel serializer can re-send that result. Optional: the host falls back to the last run.
   */
  resultUri?: string;
}
