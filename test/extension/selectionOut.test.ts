// The selection out of the explorer through VS Code (stubbed): a CSV only where the save dialog says, written whole,
// never over the data file; line numbers on the clipboard; the data file opened at a row beside the panel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import './support/vscodeStub';
import * as vscode from './support/vscodeApi';
import { selectionCsv } from '../../src/extension/commands/selectionCsv';
import { makeFixture } from '../webview/fixture';

type Fn = (...args: never[]) => unknown;
const stub = (target: object, fns: Record<string, Fn>) => Object.assign(target, fns);

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'lava-sel-'));
  const data = join(dir, 'blobs.csv');
  writeFileSync(data, 'x,y\n1,2\n');
  Object.assign(vscode.workspace, {
    getWorkspaceFolder: () => ({ uri: vscode.Uri.file(dir) }),
    workspaceFolders: [{ uri: vscode.Uri.file(dir) }],
  });
  return { dir, data, done: () => rmSync(dir, { recursive: true, force: true }) };
}

test('Export CSV writes the rows where the save dialog says (starting beside the data), and nothing when cancelled', async () => {
  const { exportSelection } = await import('../../src/extension/commands/selectionOut');
  const ws = workspace();
  try {
    const r = makeFixture();
    const asked: { defaultUri?: { fsPath: string } }[] = [];
    let answer: vscode.Uri | undefined = vscode.Uri.file(join(ws.dir, 'picked.csv'));
    stub(vscode.window, {
      showSaveDialog: ((o: (typeof asked)[0]) => (asked.push(o), Promise.resolve(answer))),
    });
    const path = await exportSelection(vscode.Uri.file(ws.data) as never, r, [2, 3, 150]);
    assert.equal(path, join(ws.dir, 'picked.csv'));
    assert.equal(asked[0].defaultUri?.fsPath, join(ws.dir, 'blobs.selection.csv'));
    assert.equal(readFileSync(path, 'utf8'), selectionCsv(r, [2, 3, 150]));
    answer = undefined;
    assert.equal(await exportSelection(vscode.Uri.file(ws.data) as never, r, [1]), null);
    // The data file itself is refused, and left as it was.
    answer = vscode.Uri.file(ws.data);
    await assert.rejects(
      exportSelection(vscode.Uri.file(ws.data) as never, r, [1]),
      /refusing to overwrite the data file/,
    );
    assert.equal(readFileSync(ws.data, 'utf8'), 'x,y\n1,2\n');
    assert.deepEqual(
      readdirSync(ws.dir).sort(),
      ['blobs.csv', 'picked.csv'],
      'no temporary file left behind',
    );
  } finally {
    ws.done();
  }
});

test("Copy line numbers puts the rows' file lines on the clipboard", async () => {
  const { copyRowLines } = await import('../../src/extension/commands/selectionOut');
  let copied = '';
  stub(vscode.env.clipboard, { writeText: ((t: string) => ((copied = t), Promise.resolve())) });
  stub(vscode.window, { showInformationMessage: (() => Promise.resolve(undefined)) });
  await copyRowLines(makeFixture(), [0, 3, 37]);
  assert.equal(copied, '2, 6, 41');
});

test("a row opens the data file at its line, in the other editor column than the panel's", async () => {
  const { openRow } = await import('../../src/extension/commands/selectionOut');
  const r = makeFixture();
  const shown: { line: number; column: unknown }[] = [];
  const lines = Array.from({ length: 400 }, (_, i) => `line ${i + 1}`);
  stub(vscode.workspace, {
    openTextDocument: (() =>
      Promise.resolve({ lineCount: 400, lineAt: (i: number) => ({ text: lines[i] }) })),
  });
  stub(vscode.window, {
    showTextDocument: ((_d: unknown, o: { selection: vscode.Range; viewColumn: unknown }) =>
      shown.push({ line: o.selection.start.line, column: o.viewColumn })),
  });
  await openRow(vscode.Uri.file('/ws/blobs.csv') as never, r, 150, vscode.ViewColumn.One);
  await openRow(vscode.Uri.file('/ws/blobs.csv') as never, r, 3, vscode.ViewColumn.Two);
  // Row 150 is file line 154 (0-based editor line 153); row 3 is line 6.
  assert.deepEqual(shown, [
    { line: 153, column: vscode.ViewColumn.Two },
    { line: 5, column: vscode.ViewColumn.One },
  ]);
  await assert.rejects(openRow(null, r, 1, undefined), /data file of this result is unknown/);
});
