// Recognise which CSV columns hold an embedding, from their names alone (x,y; umap_1,umap_2; PC1,PC2; ...).

/** Prefixes of embedding families, most preferred first; `t-sne` ranks with `tsne`. */
const PREFIXES = [
  'umap',
  'tsne',
  't-sne',
  'pca',
  'pc',
  'emb',
  'embedding',
  'latent',
  'z',
  'dim',
  'component',
];

const RANK: Record<string, number> = {};
PREFIXES.forEach((p, i) => (RANK[p] = p === 't-sne' ? RANK.tsne : i));

// The longer alternatives first so that "pca1" is not read as "pc" + "a1"; separators _ - . or space.
const FAMILY = new RegExp(
  `^(${[...PREFIXES].sort((a, b) => b.length - a.length).join('|')})([_\\-. ]?)(\\d+)$`,
  'i',
);

interface Family {
  rank: number;
  firstPosition: number;
  byIndex: Map<number, string>;
}

/**
 * The embedding columns of a header, in index order, or null when none is recognised.
 * `x,y` (with `z` when present) wins; then the first family `<prefix><sep?><index>` by prefix
 * preference (umap, tsne, then the rest), whose indices run consecutively from 0 or 1 (at least two).
 */
export function recogniseEmbedding(header: string[]): string[] | null {
  const lower = header.map((h) => h.trim().toLowerCase());
  const xi = lower.indexOf('x');
  const yi = lower.indexOf('y');
  if (xi >= 0 && yi >= 0) {
    const zi = lower.indexOf('z');
    return zi >= 0 ? [header[xi], header[yi], header[zi]] : [header[xi], header[yi]];
  }

  // A family is one spelling: prefix as written (case included) plus separator, so two embeddings
  // written differently in one file (umap_1 and UMAP1) stay apart.
  const families = new Map<string, Family>();
  header.forEach((name, position) => {
    const m = FAMILY.exec(name.trim());
    if (m === null) return;
    const key = m[1] + '\u0000' + m[2];
    let fam = families.get(key);
    if (fam === undefined) {
      fam = { rank: RANK[m[1].toLowerCase()], firstPosition: position, byIndex: new Map() };
      families.set(key, fam);
    }
    const index = Number(m[3]);
    if (!fam.byIndex.has(index)) fam.byIndex.set(index, name);
  });

  let best: { rank: number; position: number; columns: string[] } | null = null;
  for (const fam of families.values()) {
    const start = fam.byIndex.has(0) ? 0 : fam.byIndex.has(1) ? 1 : -1;
    if (start < 0) continue;
    const columns: string[] = [];
    for (let i = start; fam.byIndex.has(i); i++) columns.push(fam.byIndex.get(i) as string);
    if (columns.length < 2) continue;
    const better =
      best === null || fam.rank < best.rank || (fam.rank === best.rank && fam.firstPosition < best.position);
    if (better) best = { rank: fam.rank, position: fam.firstPosition, columns };
  }
  return best === null ? null : best.columns;
}
