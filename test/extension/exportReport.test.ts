// "LAVA: Export Report...": the save dialog starts at NAME.report.html beside the data in the workspace, the
// report is written there whole, and a target that is the result or its data file is refused, both left as they were.
import './support/vscodeStub';
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as vscode from './support/vscodeApi';
import { lava, tempDir } from '../cli/helpers';
import { exportReport } from '../../src/extension/commands/exportReport';
import { storedResultText } from '../../src/extension/commands/storedResult';
import type { ResultText } from '../../src/shared/result/summary';

let ws = '';
let data = '';
let resultPath = '';
/** The panel's result as exportReport sees it (the stub's Uri stands in for vscode's). */
let shown: Parameters<typeof exportReport>[0];
const dialogs: { defaultUri?: vscode.Uri }[] = [];
let answer: (() => vscode.Uri | undefined) = () => undefined;

before(() => {
  ws = tempDir('lava-export-report-');
  data = join(ws, 'digits.csv');
  copyFileSync(resolve(__dirname, '../../examples/digits.csv'), data);
  resultPath = join(ws, 'digits.lava.json');
  assert.equal(lava(['explain', data, '--quiet']).code, 0);
  const result: ResultText = storedResultText(readFileSync(resultPath, 'utf8'), resultPath);
  shown = { result, resultUri: vscode.Uri.file(resultPath) as unknown as NonNullable<typeof shown>['resultUri'] };
  Object.assign(vscode.window, {
    showSaveDialog: (o: { defaultUri?: vscode.Uri }) => (dialogs.push(o), Promise.resolve(answer())),
    showInformationMessage: () => Promise.resolve(undefined),
  });
  Object.assign(vscode.workspace, {
    workspaceFolders: [{ uri: vscode.Uri.file(ws) }],
    getWorkspaceFolder: () => ({ uri: vscode.Uri.file(ws) }),
    asRelativePath: (u: vscode.Uri) => u.fsPath,
  });
});

test('the dialog starts at NAME.report.html beside the data, and the report is written there whole', async () => {
  answer = () => dialogs.at(-1)?.defaultUri;
  const written = await exportReport(shown);
  assert.equal(dialogs.at(-1)?.defaultUri?.fsPath, join(ws, 'digits.report.html'));
  assert.equal(written, join(ws, 'digits.report.html'));
  const html = readFileSync(written, 'utf8');
  assert.match(html, /data-testid="report-root" data-module-count="8" data-point-count="1797"/);
  assert.match(html, /<h1>LAVA report: digits\.csv<\/h1>/);
  assert.deepEqual(readdirSync(ws).filter((f) => f.endsWith('.tmp')), []);
});

test('a target that is the result or the data (even through a symlink) is refused; both stay as they were', async () => {
  const link = join(ws, 'link.csv');
  symlinkSync(data, link);
  const before = [readFileSync(resultPath), readFileSync(data)];
  for (const target of [resultPath, data, link]) {
    answer = () => vscode.Uri.file(target);
    await assert.rejects(exportReport(shown), /refusing to write the report over/);
  }
  assert.deepEqual([readFileSync(resultPath), readFileSync(data)], before);
});

test('a cancelled dialog writes nothing', async () => {
  answer = () => undefined;
  const files = readdirSync(ws).sort();
  assert.equal(await exportReport(shown), null);
  assert.deepEqual(readdirSync(ws).sort(), files);
});
