// The report's stand-in for the extension host: an rpc Peer in the page that answers the explorer from the result
// embedded in the HTML. What needs the data file (feature values, pair values, locality or selection correlations,
// a locality's sample rows) gets the protocol's failure reply; exports become downloads; the page never asks
// anything of a network.
import { hostContract, webviewContract, type HostContract, type WebviewContract } from '../../src/shared/protocol';
import { Peer } from '../../src/shared/rpc';
import type { SourceSchema } from '../../src/shared/result/summary';
import type { z } from 'zod';
import type { VsCodeApi } from '../util/vscodeApi';

/** What the report page holds besides the result text: the note's fields the host would add. */
export interface ReportMeta {
  source: z.infer<typeof SourceSchema>;
  appliedFrom: Record<string, string>;
}

/** The failure every data-file request gets: said once, the same in every view. */
export const NOT_IN_REPORT = 'not in a report: open the data in VS Code';

export interface ReportHost {
  /** The VsCodeApi the app is started with: its posts reach this host. */
  api: VsCodeApi;
  /** Connects the host's replies and notes to the app (its `receive`). */
  connect(deliver: (message: unknown) => void): void;
}

/** Saves an exported view as a download from the page itself (a data: URL; nothing is fetched). */
function download(name: string, data: string, format: 'png' | 'svg'): void {
  const a = document.createElement('a');
  a.href = data.startsWith('data:') ? data : `data:image/svg+xml;charset=utf-8,${encodeURIComponent(data)}`;
  a.download = `${name}.${format}`;
  a.click();
}

export function reportHost(text: string, meta: ReportMeta, log: (line: string) => void): ReportHost {
  let deliver: (message: unknown) => void = () => undefined;
  // Messages cross as they would between frames: cloned, and never inside the sender's call.
  const post = (to: (m: unknown) => void) => (m: unknown) => {
    const copy = structuredClone(m);
    setTimeout(() => to(copy), 0);
  };
  const peer: Peer<HostContract, WebviewContract> = new Peer(
    { post: post((m) => deliver(m)) },
    hostContract,
    webviewContract,
    { onDrop: (why) => log(`dropped a webview message: ${why}`) },
  );
  const refuse = () => Promise.reject(new Error(NOT_IN_REPORT));
  peer.handle('locality', refuse);
  peer.handle('pair', refuse);
  peer.handle('feature', refuse);
  peer.handle('selection', refuse);
  peer.handle('rows', refuse);
  peer.on('ready', () => peer.notify('result', { text, source: meta.source, appliedFrom: meta.appliedFrom }));
  peer.on('export', (v) => download(`lava.${v.view}`, v.data, v.format));
  let state: unknown;
  const toHost = post((m) => peer.receive(m));
  return {
    api: { postMessage: toHost, getState: () => state, setState: (s) => void (state = s) },
    connect: (fn) => void (deliver = fn),
  };
}
