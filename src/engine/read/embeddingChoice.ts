// Which of a dataset's embedding candidates (h5ad obsm, npz arrays, list columns) is the map to explain.
import type { Dataset, EmbeddingCandidate } from './dataset';
import { LavaInputError } from '../../shared/errors';

/** Preferred keys, in order, when none is named: UMAP, then t-SNE (anndata's X_ prefix optional). */
const PREFERRED = [/^(x_)?umap$/i, /^(x_)?t-?sne$/i];

/** How much a key is preferred when none is named: 0 for UMAP, 1 for t-SNE, 2 for any other (lower first). */
export function embeddingRank(key: string): number {
  const i = PREFERRED.findIndex((re) => re.test(key));
  return i < 0 ? PREFERRED.length : i;
}

/**
 * The candidate named by the obsm option; else X_umap, else X_tsne, else the first 2-D one. Null when
 * the dataset has no candidates at all (a table's embedding is in its columns).
 */
export function chooseEmbedding(ds: Dataset, key: string | undefined): EmbeddingCandidate | null {
  const list = ds.embeddings;
  const keys = list.map((c) => `${c.key} (${c.dims}-D)`).join(', ') || '(none)';
  if (key !== undefined) {
    const named = list.find((c) => c.key === key);
    if (named !== undefined) return named;
    throw new LavaInputError(
      `has no embedding "${key}"`,
      { file: ds.file, option: 'obsm' },
      `Name one of its embeddings with {option:obsm}: ${keys}.`,
    );
  }
  if (list.length === 0) return null;
  for (const re of PREFERRED) {
    const found = list.find((c) => re.test(c.key));
    if (found !== undefined) return found;
  }
  const flat = list.find((c) => c.dims === 2);
  if (flat !== undefined) return flat;
  throw new LavaInputError(
    'has no 2-D embedding (none named X_umap or X_tsne, none with 2 columns)',
    { file: ds.file, option: 'obsm' },
    `Name the embedding to use with {option:obsm}: ${keys}; or compute one with {option:umap}.`,
  );
}
