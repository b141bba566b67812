// The steps of "Explain Dataset with Options...", by what the file offers: an .h5ad's layers, obsm keys and var
// columns, a .npy's embedding and metadata files, a table's columns; then the numbers. Pure: the quick picks come
// through a Prompter, so the steps are unit-tested without VS Code.
import { embeddingRank } from '../../engine/read/embeddingChoice';
import { checkParam } from '../../shared/params/spec';
import { renderOptions } from '../../shared/errors';
import { plainName } from '../../shared/params/names';
import type { LavaParams } from '../../shared/params/types';

export interface PickItem {
  id: string;
  label: string;
  description?: string;
  picked?: boolean;
}

/** The quick picks, input boxes and open dialog the steps use (pickInputs.ts gives VS Code's). */
export interface Prompter {
  pick(items: PickItem[], title: string): PromiseLike<PickItem | undefined>;
  pickMany(items: PickItem[], title: string, placeHolder?: string): PromiseLike<PickItem[] | undefined>;
  input(
    title: string,
    value: string,
    validate: (v: string) => string | null,
  ): PromiseLike<string | undefined>;
  /** A file's path, or undefined when the user backs out. */
  openFile(title: string, filters: Record<string, string[]>): PromiseLike<string | undefined>;
}

/** What the wizard knows of the data file: its format, column names, and what it offers to choose. */
export interface FileInfo {
  format: string;
  columns: string[];
  choices: { layer?: string[]; obsm?: string[]; varNames?: string[] };
}

const EMBEDDING_FILES = { 'Embedding (NumPy, CSV)': ['npy', 'csv', 'tsv'] };
const METADATA_FILES = { 'Metadata (CSV, TSV)': ['csv', 'tsv'] };

/** A step's title: what it asks, numbered among all (`k` counts the questions inside a step). */
type Title = (what: string, k?: number) => string;

/** What a step reads (the file, the current options, the prompter) and writes (`out`). */
interface Ctx {
  file: FileInfo;
  current: LavaParams;
  ui: Prompter;
  out: Partial<LavaParams>;
  title: Title;
}

/** One step; false when the user backed out. */
type Step = (c: Ctx) => Promise<boolean>;

/**
 * Asks for the command-level options; `current` is what settings and config would give, shown as the starting
 * values. Returns undefined when the user backs out of any step (nothing runs then). Values the user leaves as
 * they were stay out, so the panel keeps saying where they really came from.
 */
export async function pickOptions(
  file: FileInfo,
  current: LavaParams,
  ui: Prompter,
): Promise<Partial<LavaParams> | undefined> {
  const table = !['h5ad', 'npy', 'npz'].includes(file.format);
  const steps: Step[] = [];
  if ((file.choices.layer?.length ?? 0) > 1) steps.push(layerStep);
  if ((file.choices.varNames?.length ?? 0) > 0) steps.push(varNamesStep);
  steps.push(embeddingStep);
  if (table) steps.push(featuresStep);
  else if (file.format !== 'h5ad') steps.push(metadataFileStep);
  steps.push(numbersStep);
  const out: Partial<LavaParams> = {};
  const total = steps.length + 2; // the numbers step asks three questions
  for (let i = 0; i < steps.length; i++) {
    const title = (what: string, k = 0) => `LAVA: ${what} (${i + 1 + k}/${total})`;
    if (!(await steps[i]({ file, current, ui, out, title }))) return undefined;
  }
  return out;
}

async function layerStep({ file, current, ui, out, title }: Ctx): Promise<boolean> {
  const layers = file.choices.layer ?? [];
  const now = current.layer ?? (layers.includes('X') ? 'X' : layers[0]);
  const items = layers.map((l) => ({ id: l, label: l, ...(l === now ? { description: 'current' } : {}) }));
  const chosen = await ui.pick(
    items,
    title(file.format === 'h5ad' ? 'Matrix of features (X, a layer, raw/X)' : 'Array of features'),
  );
  if (!chosen) return false;
  if (chosen.id !== now) out.layer = chosen.id;
  return true;
}

async function varNamesStep({ file, current, ui, out, title }: Ctx): Promise<boolean> {
  const INDEX = '';
  const now = current.varNames ?? INDEX;
  const items = [INDEX, ...(file.choices.varNames ?? [])].map((c) => ({
    id: c,
    label: c === INDEX ? "var's index" : `var column "${c}"`,
    ...(c === now ? { description: 'current' } : {}),
  }));
  const chosen = await ui.pick(items, title('Feature (gene) names'));
  if (!chosen) return false;
  if (chosen.id !== now && chosen.id !== INDEX) out.varNames = chosen.id;
  return true;
}

/** The map: recognised or chosen columns, an obsm entry, a file beside the data, or UMAP. */
async function embeddingStep({ file, current, ui, out, title }: Ctx): Promise<boolean> {
  const chosen = await ui.pick(embeddingItems(file, current), title('Embedding'));
  if (!chosen) return false;
  out.umap = chosen.id === 'umap';
  if (chosen.id === 'umap') out.embedding = [];
  else if (chosen.id === 'columns') {
    const cols = await ui.pickMany(
      file.columns.map((h) => ({ id: h, label: h, picked: current.embedding.includes(h) })),
      'LAVA: Embedding columns',
      'Pick 2 or 3 columns',
    );
    if (!cols || cols.length === 0) return false;
    out.embedding = cols.map((c) => c.id);
  } else if (chosen.id === 'file') {
    const path = await ui.openFile('LAVA: Where is the embedding of this data?', EMBEDDING_FILES);
    if (path === undefined) return false;
    out.embeddingFile = path;
  } else if (chosen.id.startsWith('obsm:')) {
    const key = chosen.id.slice('obsm:'.length);
    // Named even when it is the likely default: the reader's default also weighs dimensions this list does not know.
    if (key !== current.obsm) out.obsm = key;
  }
  return true;
}

/** The file's embeddings in the reader's order of preference (engine/read/embeddingChoice.ts): UMAP, t-SNE, the rest. */
function ranked(file: FileInfo): string[] {
  return [...(file.choices.obsm ?? [])].sort((a, b) => embeddingRank(a) - embeddingRank(b));
}

function embeddingItems(file: FileInfo, current: LavaParams): PickItem[] {
  const umap = {
    id: 'umap',
    label: 'Compute the embedding with UMAP',
    description: `seeded, ${current.umapEpochs} epochs`,
  };
  const fromFile = {
    id: 'file',
    label: 'Read the embedding from a file...',
    description: '.npy or CSV, one row per data row',
  };
  if (file.format === 'npy') return [fromFile, umap];
  if (file.format === 'h5ad' || file.format === 'npz') {
    const keys = ranked(file);
    const now = current.obsm ?? keys[0];
    const where = file.format === 'h5ad' ? 'obsm' : 'array';
    const items = keys.map((k) => ({
      id: `obsm:${k}`,
      label: `${where} ${k}`,
      ...(k === now ? { description: 'current' } : {}),
    }));
    return [...items, umap, fromFile];
  }
  return [
    {
      id: 'auto',
      label: 'Recognise embedding columns by name',
      description: current.embedding.length
        ? current.embedding.join(', ')
        : 'x,y / umap_1,umap_2 / tsne_1,...',
    },
    umap,
    { id: 'columns', label: 'Choose the embedding columns...' },
    fromFile,
  ];
}

async function featuresStep({ file, current, ui, out, title }: Ctx): Promise<boolean> {
  const mode = await ui.pick(
    [
      { id: 'all', label: 'All numeric columns', description: 'except embedding, id and label columns' },
      { id: 'pick', label: 'Choose the feature columns...' },
    ],
    title('Features'),
  );
  if (!mode) return false;
  if (mode.id === 'all') {
    out.features = [];
    return true;
  }
  const skip = new Set(out.embedding ?? []);
  const cols = await ui.pickMany(
    file.columns
      .filter((h) => !skip.has(h))
      .map((h) => ({ id: h, label: h, picked: current.features.includes(h) })),
    'LAVA: Feature columns',
  );
  if (!cols || cols.length < 2) return false;
  out.features = cols.map((c) => c.id);
  return true;
}

async function metadataFileStep({ ui, out, title }: Ctx): Promise<boolean> {
  const chosen = await ui.pick(
    [
      { id: 'none', label: 'No metadata file' },
      {
        id: 'file',
        label: 'Read labels from a CSV file...',
        description: 'one row per data row, for colouring',
      },
    ],
    title('Metadata'),
  );
  if (!chosen) return false;
  if (chosen.id === 'none') return true;
  const path = await ui.openFile('LAVA: Where are the labels of this data?', METADATA_FILES);
  if (path === undefined) return false;
  out.metadataFile = path;
  return true;
}

async function numbersStep({ current, ui, out, title }: Ctx): Promise<boolean> {
  const asks: [keyof LavaParams & ('modules' | 'neighbors' | 'seed'), string][] = [
    ['modules', 'Number of modules k'],
    ['neighbors', 'Neighbourhood size n, samples per locality'],
    ['seed', 'Seed of the random steps'],
  ];
  for (let k = 0; k < asks.length; k++) {
    const [name, what] = asks[k];
    const text = await ui.input(title(what, k), String(current[name]), (v) => {
      const r = checkParam(name, v);
      return 'problem' in r ? renderOptions(r.problem, plainName) : null;
    });
    if (text === undefined) return false;
    const value = (checkParam(name, text) as { value: number }).value;
    if (value !== current[name]) out[name] = value;
  }
  return true;
}

/** For "Explain Dataset" on a .npy with no embedding given: the embedding file, or undefined when the user backs out. */
export function askEmbeddingFile(ui: Prompter): PromiseLike<string | undefined> {
  return ui.openFile('LAVA: A .npy holds no embedding. Where is it?', EMBEDDING_FILES);
}
