// The explorer in jsdom joined to a fake extension host: a real rpc Peer on the host's side of the contract,
// messages delivered asynchronously and structured-cloned, as postMessage does.
import { hostContract, webviewContract, type HostContract, type WebviewContract } from '../../src/shared/protocol';
import { Peer } from '../../src/shared/rpc';
import { startApp } from '../../webview/app';
import { makeDocument } from './dom';

export type HostSide = Peer<HostContract, WebviewContract>;

export function bootApp(saved?: unknown, size: { width: number; height?: number } = { width: 900 }) {
  const doc = makeDocument();
  const root = doc.createElement('div');
  doc.body.append(root);
  const logs: string[] = [];
  let state: unknown = saved;
  const link: { host?: HostSide } = {};
  const app = startApp(
    root,
    {
      postMessage: (m) => queueMicrotask(() => link.host!.receive(structuredClone(m))),
      getState: () => state,
      setState: (s) => (state = s),
    },
    { ...size, log: (line) => logs.push(line) },
  );
  const host: HostSide = new Peer({ post: (m) => queueMicrotask(() => app.receive(structuredClone(m))) }, hostContract, webviewContract);
  link.host = host;
  // Every note the webview sends, by type, in order.
  const notes: { type: string; payload: unknown }[] = [];
  for (const type of Object.keys(webviewContract.notes) as (keyof WebviewContract['notes'])[])
    host.on(type, (payload) => notes.push({ type, payload }));
  return { doc, root, app, host, notes, logs, state: () => state };
}

/** Lets queued messages, replies and their renders run. */
export async function settle(): Promise<void> {
  for (let k = 0; k < 5; k++) await new Promise((r) => setTimeout(r, 0));
}
