// The compare panel after a window reload: the URIs its webview kept bring the same three files back; a state that
// is not ours, or files that are gone, give the panel an error that says what to do instead of a blank page.
import './support/vscodeStub';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from './support/vscodeApi';
import { tempDir } from '../cli/helpers';
import { comparePanelSerializer } from '../../src/extension/comparePanel';
import { compareHostContract, compareWebviewContract } from '../../src/shared/protocol';
import { Peer } from '../../src/shared/rpc';

Object.assign(vscode.workspace, { asRelativePath: (u: vscode.Uri) => u.path.split('/').slice(-2).join('/') });

/** A revived panel whose webview is a Peer speaking the compare contract; resolves with the first note it gets. */
async function revive(state: unknown): Promise<{ kind: string; body: Record<string, unknown> }> {
  let deliver: (m: unknown) => void = () => {};
  let got: (n: { kind: string; body: Record<string, unknown> }) => void = () => {};
  const first = new Promise<{ kind: string; body: Record<string, unknown> }>((r) => (got = r));
  const view = new Peer({ post: (m) => queueMicrotask(() => deliver(structuredClone(m))) }, compareWebviewContract, compareHostContract);
  view.on('comparison', (n) => got({ kind: 'comparison', body: n }));
  view.on('error', (n) => got({ kind: 'error', body: n }));
  const panel = {
    webview: {
      html: '',
      options: {},
      cspSource: 'vscode-resource:',
      asWebviewUri: (u: vscode.Uri) => u,
      postMessage: async (m: unknown) => void queueMicrotask(() => view.receive(structuredClone(m))),
      onDidReceiveMessage: (fn: (m: unknown) => void) => ((deliver = fn), { dispose() {} }),
    },
    onDidDispose: () => ({ dispose() {} }),
  };
  const serializer = comparePanelSerializer(vscode.Uri.file('/ext') as never, () => {});
  await serializer.deserializeWebviewPanel(panel as never, state);
  assert.match(panel.webview.html, /data-kind="compare"/);
  view.notify('ready', {});
  return first;
}

test('a reloaded compare panel reads its three files again from the URIs its webview kept', async () => {
  const dir = tempDir('lava-compare-panel-');
  const files = { comparison: join(dir, 'a-vs-b.lava-compare.json'), a: join(dir, 'a.lava.json'), b: join(dir, 'b.lava.json') };
  for (const [k, f] of Object.entries(files)) writeFileSync(f, `text of ${k}`);
  const uris = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, vscode.Uri.file(f).toString()]));
  const note = await revive({ compare: uris });
  assert.equal(note.kind, 'comparison');
  assert.equal(note.body.text, 'text of comparison');
  assert.deepEqual(note.body.a, { file: `${dir.split('/').pop()}/a.lava.json`, text: 'text of a' });
  assert.deepEqual(note.body.b, { file: `${dir.split('/').pop()}/b.lava.json`, text: 'text of b' });
  // Kept again, so that a second reload works too.
  assert.deepEqual(note.body.uris, uris);

  rmSync(files.b);
  const gone = await revive({ compare: uris });
  assert.equal(gone.kind, 'error');
  assert.match(String(gone.body.message), /Could not read the comparison again: .*b\.lava\.json.*Run "LAVA: Compare Results\.\.\." again/);
});

test('a state that is not a compare state gives an error, never a read of whatever it names', async () => {
  for (const state of [undefined, { resultUri: 'file:///etc/passwd' }, { compare: { comparison: 1 } }]) {
    const note = await revive(state);
    assert.equal(note.kind, 'error');
    assert.match(String(note.body.message), /restored without its files; run "LAVA: Compare Results\.\.\." again/);
  }
});
