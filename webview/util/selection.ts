// Derived selections: which probe a click means, which rows a locality or an active module covers.
import type { LavaResult, ModuleResult } from '../../src/shared/result/types';

/** Index of the probe nearest to (x, y) in the embedding's first two dimensions, or -1 when there are none. */
export function nearestProbe(probes: ArrayLike<number>, dims: number, x: number, y: number): number {
  let best = -1;
  let bestD = Infinity;
  for (let p = 0; p * dims < probes.length; p++) {
    const dx = probes[p * dims] - x;
    const dy = probes[p * dims + 1] - y;
    const d = dx * dx + dy * dy;
    if (d < bestD) {
      bestD = d;
      best = p;
    }
  }
  return best;
}

/** 1 for every row that belongs to the locality, else 0. */
export function localityMask(result: LavaResult, locality: number): Uint8Array {
  const mask = new Uint8Array(result.rowCount);
  for (const r of result.localities.members[locality] ?? []) mask[r] = 1;
  return mask;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = values.slice().sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/**
 * Localities where the module is active: loading at or above the median of its non-zero loadings
 * (a module is usually absent from most localities, so the median of all would be 0).
 */
export function activeLocalities(module: ModuleResult): number[] {
  const nz = module.loadings.filter((v) => v > 0);
  const cut = median(nz);
  const out: number[] = [];
  module.loadings.forEach((v, p) => {
    // >= rather than >: Boolean factorization gives loadings of exactly 0 or 1, all equal to their median.
    if (v > 0 && v >= cut) out.push(p);
  });
  return out;
}

/** 1 for every row in a locality where the module is active. */
export function activeRowMask(result: LavaResult, module: ModuleResult): Uint8Array {
  const mask = new Uint8Array(result.rowCount);
  for (const p of activeLocalities(module)) for (const r of result.localities.members[p] ?? []) mask[r] = 1;
  return mask;
}

/** The three modules most active on a row, strongest first (for the tooltip). */
export function topModules(
  result: LavaResult,
  row: number,
  k = 3,
): { id: number; name: string; activity: number }[] {
  return result.modules
    .map((m) => ({ id: m.id, name: m.name, activity: m.activity[row] ?? 0 }))
    .filter((m) => m.activity > 0)
    .sort((a, b) => b.activity - a.activity)
    .slice(0, k);
}
