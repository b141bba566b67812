// "LAVA: Compare Results...": two .lava.json results of the workspace (or the one right-clicked and a second
// pick) compared as `lava compare` does, the comparison written beside A (a new file, atomically), then shown.
import { promises as fsp } from 'node:fs';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { compareResults } from '../../engine/compare/compare';
import { comparisonPathBeside, readCompareInput, writeComparisonAtomic } from '../../engine/compare/files';
import { openComparePanel } from '../comparePanel';

/** One result picked from the workspace's .lava.json files (`except` left out); an open dialog when there are none. */
async function pickResult(title: string, except?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const found = (await vscode.workspace.findFiles('**/*.lava.json', '**/node_modules/**', 500)).filter(
    (u) => u.toString() !== except?.toString(),
  );
  if (found.length === 0) {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'LAVA result': ['json'] }, title });
    return picked?.[0];
  }
  found.sort((x, y) => x.path.localeCompare(y.path));
  const item = await vscode.window.showQuickPick(
    found.map((u) => ({ label: basename(u.fsPath), description: vscode.workspace.asRelativePath(u), uri: u })),
    { title, placeHolder: 'a .lava.json result of the same rows', matchOnDescription: true },
  );
  return item?.uri;
}

export async function compareCommand(
  extensionUri: vscode.Uri,
  arg: unknown,
  log: (line: string) => void,
): Promise<void> {
  const a = arg instanceof vscode.Uri ? arg : await pickResult('LAVA: Compare Results (1 of 2): result A');
  if (!a) return;
  const b = await pickResult(`LAVA: Compare ${basename(a.fsPath)} with result B`, a);
  if (!b) return;
  const out = comparisonPathBeside(a.fsPath, b.fsPath);
  const comparison = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'LAVA: comparing results' },
    async () => {
      const [ia, ib] = await Promise.all([readCompareInput(a.fsPath), readCompareInput(b.fsPath)]);
      const c = compareResults(ia, ib);
      await writeComparisonAtomic(out, c);
      return c;
    },
  );
  log(`compared ${a.fsPath} with ${b.fsPath}: ${comparison.matched.length} matched; wrote ${out}`);
  const [ta, tb, tc] = await Promise.all([a.fsPath, b.fsPath, out].map((f) => fsp.readFile(f, 'utf8')));
  const rel = (u: string) => vscode.workspace.asRelativePath(u);
  openComparePanel(
    extensionUri,
    `LAVA: ${basename(a.fsPath)} vs ${basename(b.fsPath)}`,
    { file: rel(out), text: tc, a: { file: rel(a.fsPath), text: ta }, b: { file: rel(b.fsPath), text: tb } },
    log,
  );
}
