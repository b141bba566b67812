// The one handle on VS Code from the webview: typed postMessage and state, with a stand-in outside VS Code (preview page).
import type { FromWebviewMessage, WebviewState } from '../../src/shared/protocol';

export interface HostApi {
  postMessage(message: FromWebviewMessage): void;
  getState(): WebviewState | undefined;
  setState(state: WebviewState): void;
}

let api: HostApi | null = null;

export function hostApi(): HostApi {
  if (api) return api;
  if (typeof acquireVsCodeApi === 'function') {
    // acquireVsCodeApi may be called only once per page.
    const vs = acquireVsCodeApi<WebviewState>();
    api = {
      postMessage: (m) => vs.postMessage(m),
      getState: () => vs.getState(),
      setState: (s) => void vs.setState(s),
    };
  } else {
    let saved: WebviewState | undefined;
    api = {
      postMessage: (m) => console.log('[webview -> host]', m),
      getState: () => saved,
      setState: (s) => void (saved = s),
    };
  }
  return api;
}
