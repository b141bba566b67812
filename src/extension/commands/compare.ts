// "LAVA: Compare Results...": two .lava.json results of the workspace (or the one right-clicked and a second
// pick) compared as `lava compare` does, the comparison written beside A (a new file, atomically), then shown.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { compareResults } from '../../engine/compare/compare';
import { comparisonPathBeside, readCompareInput, writeComparisonAtomic } from '../../engine/compare/files';
import { openComparePanel, readComparisonTexts } from '../comparePanel';
import type { Comparison } from '../../shared/compare/types';
import { LavaCancelled } from '../../shared/errors';

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

/** The comparison of a and b written at `out`, under a cancellable notification; null when cancelled. */
async function compareWithProgress(a: vscode.Uri, b: vscode.Uri, out: string): Promise<Comparison | null> {
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'LAVA: comparing results', cancellable: true },
      async (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        const [ia, ib] = await Promise.all([readCompareInput(a.fsPath), readCompareInput(b.fsPath)]);
        // A cancel stops the kNN before the write: nothing is written (and the write itself is atomic).
        const c = await compareResults(ia, ib, { signal: controller.signal });
        await writeComparisonAtomic(out, c);
        return c;
      },
    );
  } catch (e) {
    if (e instanceof LavaCancelled) return null;
    throw e;
  }
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
  const comparison = await compareWithProgress(a, b, out);
  if (!comparison) {
    void vscode.window.showInformationMessage('LAVA: comparison cancelled; nothing written.');
    return;
  }
  log(`compared ${a.fsPath} with ${b.fsPath}: ${comparison.matched.length} matched; wrote ${out}`);
  const texts = await readComparisonTexts({ comparison: vscode.Uri.file(out), a, b });
  openComparePanel(extensionUri, `LAVA: ${basename(a.fsPath)} vs ${basename(b.fsPath)}`, texts, log);
}
