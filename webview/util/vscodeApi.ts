// The one handle on VS Code from the webview: postMessage and saved state, with a stand-in outside VS Code.
import type { CompareWebviewState, WebviewState } from '../../src/shared/protocol';

/** What the app needs of VS Code. Messages are rpc envelopes (src/shared/rpc.ts); saved state is checked on the way in. */
export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: WebviewState | CompareWebviewState): void;
}

let api: VsCodeApi | null = null;

export function vsCodeApi(): VsCodeApi {
  if (api) return api;
  if (typeof acquireVsCodeApi === 'function') {
    // acquireVsCodeApi may be called only once per page.
    const vs = acquireVsCodeApi<WebviewState | CompareWebviewState>();
    api = {
      postMessage: (m) => vs.postMessage(m),
      getState: () => vs.getState(),
      setState: (s) => void vs.setState(s),
    };
  } else {
    let saved: WebviewState | CompareWebviewState | undefined;
    api = {
      postMessage: (m) => console.log('[webview -> host]', m),
      getState: () => saved,
      setState: (s) => void (saved = s),
    };
  }
  return api;
}
