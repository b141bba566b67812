// The heatmap in correlation units: a module's r where it is active over the pairs it holds, a locality's own r.
import type { ModuleResult } from '../../../src/shared/result/types';
import { pairCount, pairIndex } from '../../../src/shared/result/pairs';
import type { HeatmapScale } from './heatmap';

const rText = (v: number) => `r = ${v > 0 ? '+' : ''}${v.toFixed(2)}`;

/** Kept per module: the heatmap explorer caches its feature orders by pattern, so one array per module. */
const made = new WeakMap<ModuleResult, Float32Array>();

/** The P upper-triangle cells: each listed pair's r where the module is active, 0 (blank) for every other pair. */
export function rWhereActivePattern(m: ModuleResult, features: readonly string[]): Float32Array {
  const kept = made.get(m);
  if (kept) return kept;
  const out = rPattern(m, features);
  made.set(m, out);
  return out;
}

function rPattern(m: ModuleResult, features: readonly string[]): Float32Array {
  const F = features.length;
  const at = new Map(features.map((f, i) => [f, i]));
  const out = new Float32Array(pairCount(F));
  for (const p of m.pairs) {
    const i = at.get(p.a);
    const j = at.get(p.b);
    if (i !== undefined && j !== undefined && i !== j) out[pairIndex(i, j, F)] = p.r;
  }
  return out;
}

/** r from -1 to +1 for any module, so colours compare across modules; blank cells are pairs it does not hold. */
export function moduleScale(m: ModuleResult): HeatmapScale {
  return {
    max: 1,
    unit: `r where M${m.id} is active (its ${m.pairs.length} strongest pairs; blank: not in M${m.id})`,
    describe: (v) => (v === 0 ? `not among M${m.id}'s ${m.pairs.length} strongest pairs` : `${rText(v)} where M${m.id} is active`),
  };
}

/** A locality's own correlations: r from -1 to +1, blank where |r| fell below the threshold. */
export function localityScale(id: number, threshold: number): HeatmapScale {
  return {
    max: 1,
    unit: `r in locality ${id} (blank: |r| < ${threshold.toFixed(2)})`,
    describe: (v) => (v === 0 ? `|r| < ${threshold.toFixed(2)} in locality ${id}` : `${rText(v)} in locality ${id}`),
  };
}
