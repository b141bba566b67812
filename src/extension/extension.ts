// Entry point of the extension: registers the commands, the panel serializer and the output channel.
import * as vscode from 'vscode';
import { Explainer, LAST_RESULT_KEY } from './commands/explain';
import { pickDataFile, vscodePrompter } from './commands/pickInputs';
import { pickOptions } from './commands/optionSteps';
import { showRunError } from './commands/showError';
import { compareCommand } from './commands/compare';
import { COMPARE_VIEW_TYPE, comparePanelSerializer } from './comparePanel';
import { exportReport } from './commands/exportReport';
import { readResult } from './commands/results';
import { LavaPanel, VIEW_TYPE } from './panel';
import { WebviewStateSchema } from '../shared/protocol';

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('LAVA Explorer');
  const explainer = new Explainer(context, output);
  explainer.log('LAVA Explorer activated');

  const guard =
    <A extends unknown[]>(fn: (...args: A) => Promise<void>) =>
    (...args: A) =>
      fn(...args).catch((e: unknown) => showRunError(e, (l) => explainer.log(l)));

  /** Explorer and editor-title menus pass the file's Uri; the palette passes nothing. */
  const dataFrom = async (arg: unknown): Promise<vscode.Uri | undefined> =>
    arg instanceof vscode.Uri ? arg : pickDataFile();

  context.subscriptions.push(
    output,
    vscode.commands.registerCommand(
      'lava.explainDataset',
      guard(async (arg?: unknown) => {
        const uri = await dataFrom(arg);
        const command = uri && (await explainer.missingOptions(uri, vscodePrompter));
        if (uri && command) await explainer.explain(uri, command);
      }),
    ),
    vscode.commands.registerCommand(
      'lava.explainDatasetWithOptions',
      guard(async (arg?: unknown) => {
        const uri = await dataFrom(arg);
        if (!uri) return;
        // Only what the wizard offers (a CSV's header, an h5ad's layers and obsm keys): the run reads the rest.
        const info = await explainer.fileInfo(uri);
        const { params } = await explainer.resolve(uri, {});
        const command = await pickOptions(info, params, vscodePrompter);
        if (command) await explainer.explain(uri, command);
      }),
    ),
    vscode.commands.registerCommand(
      'lava.openResult',
      guard(async (arg?: unknown) => {
        const uri = arg instanceof vscode.Uri ? arg : await pickResultFile();
        if (uri) await explainer.showStored(uri);
      }),
    ),
    vscode.commands.registerCommand(
      'lava.compareResults',
      guard((arg?: unknown) => compareCommand(context.extensionUri, arg, (l) => explainer.log(l))),
    ),
    vscode.commands.registerCommand(
      'lava.rerun',
      guard(async () => {
        const panel = LavaPanel.current;
        if (panel) explainer.rerun(panel);
        else
          void vscode.window.showInformationMessage(
            'LAVA: no explorer panel is open; run "LAVA: Explain Dataset" first.',
          );
      }),
    ),
    vscode.commands.registerCommand(
      'lava.exportReport',
      // From the explorer's context menu on a .lava.json: that result; from the palette: the shown one (or a pick).
      guard(async (arg?: unknown) => {
        const panel = LavaPanel.current;
        await exportReport(
          arg instanceof vscode.Uri
            ? { result: await readResult(arg), resultUri: arg }
            : panel && { result: panel.result, resultUri: panel.resultUri },
        );
      }),
    ),
    vscode.commands.registerCommand(
      'lava.saveResult',
      guard(async () => {
        if (LavaPanel.current) explainer.save(LavaPanel.current);
      }),
    ),
    ...serializers(context, explainer),
  );
}

/** What brings the explorer and compare panels back after a window reload. */
function serializers(context: vscode.ExtensionContext, explainer: Explainer): vscode.Disposable[] {
  return [
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, panelSerializer(context, explainer)),
    vscode.window.registerWebviewPanelSerializer(
      COMPARE_VIEW_TYPE,
      comparePanelSerializer(context.extensionUri, (l) => explainer.log(l)),
    ),
  ];
}

/** The palette's "Open Result...": a result file the user picks. */
async function pickResultFile(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { 'LAVA result': ['json'] },
    title: 'LAVA: Open a result',
  });
  return picked?.[0];
}

/** Brings panels back after a window reload, with the result their webview state (or the workspace) names. */
function panelSerializer(
  context: vscode.ExtensionContext,
  explainer: Explainer,
): vscode.WebviewPanelSerializer {
  return {
    async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown) {
      const panel = LavaPanel.revive(webviewPanel, context.extensionUri, explainer);
      // The state comes from the webview: checked like any of its messages, never cast.
      const checked = WebviewStateSchema.safeParse(state);
      const fromState = checked.success ? checked.data.resultUri : undefined;
      const stored = fromState ?? context.workspaceState.get<string>(LAST_RESULT_KEY);
      if (!stored) {
        panel.showError('This panel was restored without its result; run "LAVA: Explain Dataset" again.');
        return;
      }
      try {
        await explainer.showStored(vscode.Uri.parse(stored), panel);
      } catch (e) {
        panel.showError(`Could not restore the result: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
  };
}

/** Stops the engine threads; panels stay, so VS Code can restore them in the next session. */
export function deactivate(): void {
  for (const p of LavaPanel.all) p.releaseEngine();
}
