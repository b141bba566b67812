// A data file without embedding columns: instead of an error in option terms, "Explain Dataset" offers to compute
// a UMAP embedding or to choose the columns that hold one (a quick pick of the file's numeric columns).
import { promises as fsp } from 'node:fs';
import { readTableBytes } from '../../engine/read/table';
import { LavaInputError } from '../../shared/errors';
import type { LavaParams } from '../../shared/params/types';
import { RemoteError } from '../../shared/rpc';

export const COMPUTE_UMAP = 'Compute UMAP';
export const CHOOSE_COLUMNS = 'Choose Columns...';

/** The engine's "no embedding columns" refusal, from the worker (RemoteError) or the host. */
export function isMissingEmbedding(e: unknown): boolean {
  const info = e instanceof RemoteError ? e.info : e instanceof LavaInputError ? e : null;
  return info?.option === 'embedding' && info.problem === 'no embedding columns';
}

/** Bytes read to find the numeric columns: the header and enough rows to tell numbers from text. */
const HEAD_BYTES = 1 << 18;

/** The numeric columns of a CSV/TSV, judged from its first rows (all header names when those cannot be read). */
export async function numericColumns(path: string): Promise<string[]> {
  const handle = await fsp.open(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
    let head = buf.subarray(0, bytesRead);
    // Whole lines only: a row cut in the middle would read as ragged.
    if (bytesRead === HEAD_BYTES) head = head.subarray(0, head.lastIndexOf(10) + 1);
    const table = await readTableBytes(new Uint8Array(head), path);
    return table.columns.filter((c) => c.kind === 'numeric').map((c) => c.name);
  } finally {
    await handle.close();
  }
}

/** What the offer needs of VS Code: a notification with buttons and a multi-select quick pick. */
export interface OfferUi {
  ask(message: string, ...choices: string[]): PromiseLike<string | undefined>;
  pickMany(names: string[], title: string): PromiseLike<string[] | undefined>;
  /** Said when the picked columns cannot be an embedding. */
  warn(message: string): void;
}

/** The options of the run to try instead, or undefined when the user declines. */
export async function offerEmbedding(
  fileName: string,
  columns: () => Promise<string[]>,
  ui: OfferUi,
): Promise<Partial<LavaParams> | undefined> {
  const choice = await ui.ask(
    `LAVA: ${fileName} has no embedding columns (such as x,y or umap_1,umap_2). Compute a UMAP embedding, or choose the columns that hold one?`,
    COMPUTE_UMAP,
    CHOOSE_COLUMNS,
  );
  if (choice === COMPUTE_UMAP) return { umap: true };
  if (choice !== CHOOSE_COLUMNS) return undefined;
  const picked = await ui.pickMany(await columns(), 'LAVA: Which 2 or 3 numeric columns hold the embedding?');
  if (!picked || picked.length === 0) return undefined;
  if (picked.length < 2 || picked.length > 3) {
    ui.warn(
      `LAVA: an embedding has 2 or 3 columns; ${picked.length} ${picked.length === 1 ? 'was' : 'were'} chosen.`,
    );
    return undefined;
  }
  return { embedding: picked, umap: false };
}
