// Where a module is active: the one definition the engine's summary, the legend, the pair view and the CLI use.
import { membersOf } from './columns';
import type { Localities } from './types';

/**
 * A locality is active for a module when its loading is at least half the module's largest loading
 * (and above zero). Half the maximum keeps the localities where the module carries most of its weight,
 * whatever the scale of W; a module with no weight anywhere is active nowhere.
 */
export function activeLocalities(loadings: ArrayLike<number>): Uint8Array {
  let max = 0;
  for (let p = 0; p < loadings.length; p++) if (loadings[p] > max) max = loadings[p];
  const out = new Uint8Array(loadings.length);
  if (!(max > 0)) return out;
  for (let p = 0; p < loadings.length; p++) if (loadings[p] >= max / 2) out[p] = 1;
  return out;
}

/** How many localities are active (the legend's count). */
export function activeLocalityCount(loadings: ArrayLike<number>): number {
  let n = 0;
  for (const a of activeLocalities(loadings)) n += a;
  return n;
}

/** 1 for every row in at least one active locality. */
export function activeRows(loadings: ArrayLike<number>, localities: Localities, rowCount: number): Uint8Array {
  const active = activeLocalities(loadings);
  const mask = new Uint8Array(rowCount);
  for (let p = 0; p < active.length; p++) {
    if (!active[p]) continue;
    for (const r of membersOf(localities, p)) mask[r] = 1;
  }
  return mask;
}
