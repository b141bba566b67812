// The quick picks of the commands: which data file, and the options of "Explain Dataset with Options...".
import * as vscode from 'vscode';
import { checkParam } from '../../shared/params/spec';
import { renderOptions } from '../../shared/errors';
import { plainName } from '../../shared/params/names';
import type { LavaParams } from '../../shared/params/types';

/** A CSV/TSV from a quick pick of the workspace's (the active editor's first), or the open dialog when there is none. */
export async function pickDataFile(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const activeData = active && /\.(csv|tsv)$/i.test(active.path) ? active : undefined;
  const found = await vscode.workspace.findFiles('**/*.{csv,tsv,CSV,TSV}', '**/node_modules/**', 500);
  const others = found
    .filter((u) => u.toString() !== activeData?.toString())
    .sort((a, b) => a.path.localeCompare(b.path));
  const files = activeData ? [activeData, ...others] : others;
  if (files.length > 0) {
    const items: (vscode.QuickPickItem & { uri?: vscode.Uri })[] = files.map((uri) => ({
      label: vscode.workspace.asRelativePath(uri),
      description: uri === activeData ? 'active editor' : undefined,
      uri,
    }));
    items.push({ label: 'Browse...', description: 'a file outside the workspace' });
    const pick = await vscode.window.showQuickPick(items, {
      title: 'LAVA: Explain which data set?',
      placeHolder: 'A CSV or TSV file',
      ignoreFocusOut: true,
    });
    if (!pick) return undefined;
    if (pick.uri) return pick.uri;
  }
  const chosen = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { 'Data (CSV, TSV)': ['csv', 'tsv'] },
    title: 'LAVA: Explain which data set?',
  });
  return chosen?.[0];
}

async function askNumber<T extends number | 'auto'>(
  name: keyof LavaParams,
  title: string,
  current: T,
): Promise<T | undefined> {
  const text = await vscode.window.showInputBox({
    title,
    ignoreFocusOut: true,
    value: String(current),
    validateInput: (v) => {
      const r = checkParam(name, v);
      return 'problem' in r ? renderOptions(r.problem, plainName) : null;
    },
  });
  if (text === undefined) return undefined;
  return (checkParam(name, text) as { value: T }).value;
}

/**
 * Asks for the command-level options; `current` is what settings and config would give, shown as the starting values.
 * Returns undefined when the user backs out of any step (nothing runs then).
 * Every step ignores focus loss: a wizard that vanishes when the user glances at the data or the panel is worse.
 */
export async function pickOptions(
  header: string[],
  current: LavaParams,
): Promise<Partial<LavaParams> | undefined> {
  const out: Partial<LavaParams> = {};
  type Item = vscode.QuickPickItem & { id: string };
  const embeddingItems: Item[] = [
    {
      id: 'auto',
      label: 'Recognise embedding columns by name',
      description: current.embedding.length
        ? current.embedding.join(', ')
        : 'x,y / umap_1,umap_2 / tsne_1,...',
    },
    {
      id: 'umap',
      label: 'Compute the embedding with UMAP',
      description: `seeded, ${current.umapEpochs} epochs`,
    },
    { id: 'columns', label: 'Choose the embedding columns...' },
  ];
  const emb = await vscode.window.showQuickPick(embeddingItems, {
    title: 'LAVA: Embedding (1/5)',
    ignoreFocusOut: true,
  });
  if (!emb) return undefined;
  if (emb.id === 'umap') {
    out.umap = true;
    out.embedding = [];
  } else if (emb.id === 'columns') {
    const cols = await vscode.window.showQuickPick(
      header.map((h) => ({ label: h, picked: current.embedding.includes(h) })),
      {
        title: 'LAVA: Embedding columns',
        canPickMany: true,
        ignoreFocusOut: true,
        placeHolder: 'Pick 2 or 3 columns',
      },
    );
    if (!cols || cols.length === 0) return undefined;
    out.embedding = cols.map((c) => c.label);
    out.umap = false;
  } else {
    out.umap = false;
  }

  const featureMode = await vscode.window.showQuickPick(
    [
      {
        id: 'all',
        label: 'All numeric columns',
        description: 'except embedding and metadata columns',
      },
      { id: 'pick', label: 'Choose the feature columns...' },
    ],
    { title: 'LAVA: Features (2/5)', ignoreFocusOut: true },
  );
  if (!featureMode) return undefined;
  if (featureMode.id === 'pick') {
    const skip = new Set(out.embedding ?? []);
    const cols = await vscode.window.showQuickPick(
      header.filter((h) => !skip.has(h)).map((h) => ({ label: h, picked: current.features.includes(h) })),
      { title: 'LAVA: Feature columns', canPickMany: true, ignoreFocusOut: true },
    );
    if (!cols || cols.length < 2) return undefined;
    out.features = cols.map((c) => c.label);
  } else {
    out.features = [];
  }

  const modules = await askNumber('modules', 'LAVA: Number of modules k, or auto (3/5)', current.modules);
  if (modules === undefined) return undefined;
  const neighbors = await askNumber(
    'neighbors',
    'LAVA: Neighbourhood size n, samples per locality (4/5)',
    current.neighbors,
  );
  if (neighbors === undefined) return undefined;
  const seed = await askNumber('seed', 'LAVA: Seed of the random steps (5/5)', current.seed);
  if (seed === undefined) return undefined;
  // Unchanged numbers stay out of the command layer, so the panel keeps saying where they really came from.
  if (modules !== current.modules) out.modules = modules;
  if (neighbors !== current.neighbors) out.neighbors = neighbors;
  if (seed !== current.seed) out.seed = seed;
  return out;
}
