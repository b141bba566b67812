// A module's top features (genes) by weight, as a list enrichment tools take: one name per line.
import type { LavaResult, ModuleResult } from '../../src/shared/result/types';

/** At most this many: enrichment tools want a focused list, not every gene with a trace of weight. */
export const TOP_FEATURES = 50;

/** The features with weight in module `m`, heaviest first (ties in file order), at most `max`. */
export function topFeatures(m: ModuleResult, features: readonly string[], max = TOP_FEATURES): string[] {
  return features
    .map((name, i) => ({ name, i, w: m.featureWeights[i] ?? 0 }))
    .filter((f) => f.w > 0)
    .sort((a, b) => b.w - a.w || a.i - b.i)
    .slice(0, max)
    .map((f) => f.name);
}

/** What the features are called: genes when the data came from an .h5ad, else features. */
export function featureWord(result: LavaResult): string {
  return /\.h5ad$/i.test(result.source.file) ? 'genes' : 'features';
}
