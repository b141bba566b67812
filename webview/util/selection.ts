// Derived selections: which probe a click means, which rows a locality covers, which modules a row shows.
import type { LavaResult } from '../../src/shared/result/types';
import { membersOf } from '../../src/shared/result/columns';

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
  if (locality < 0 || locality >= result.localities.count) return mask;
  for (const r of membersOf(result.localities, locality)) mask[r] = 1;
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
