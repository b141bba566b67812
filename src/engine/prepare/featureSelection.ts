// Which candidate features LAVA uses: the ones that vary over the kept rows, at most maxFeatures by raw sd.
import { listNames } from './names';
import type { NumericColumn } from '../types';
import { LavaInputError } from '../../shared/errors';
import type { DroppedFeature } from '../../shared/result/types';

/** Standard deviation (population, as the reference) of a column over the kept rows; null when it is constant. */
function spread(values: Float64Array, keptRows: Int32Array): number | null {
  const E = keptRows.length;
  const first = values[keptRows[0]];
  let constant = true;
  let sum = 0;
  for (let e = 0; e < E; e++) {
    const x = values[keptRows[e]];
    if (x !== first) constant = false;
    sum += x;
  }
  if (constant) return null;
  const mean = sum / E;
  let ss = 0;
  for (let e = 0; e < E; e++) {
    const d = values[keptRows[e]] - mean;
    ss += d * d;
  }
  return Math.sqrt(ss / E);
}

/**
 * Drops the constant candidates, then keeps the maxFeatures most variable (raw sd, as the reference), in file
 * order. An input error when none is left; what was dropped goes to `notes`.
 */
export function selectFeatures(
  candidates: NumericColumn[],
  keptRows: Int32Array,
  maxFeatures: number,
  file: string,
  notes: string[],
): { features: NumericColumn[]; droppedFeatures: DroppedFeature[] } {
  const sds = candidates.map((col) => spread(col.values, keptRows));
  const names = candidates.map((c) => c.name);
  const { kept, droppedFeatures } = rankFeatures(names, sds, maxFeatures, file, notes);
  return { features: kept.map((j) => candidates[j]), droppedFeatures };
}

/**
 * The ranking behind every selection (columns here, a matrix's features in matrixFeatures.ts): `sds[j]` is
 * candidate j's spread, null when constant. Returns the kept candidates' positions, in file order.
 */
export function rankFeatures(
  names: readonly string[],
  sds: readonly (number | null)[],
  maxFeatures: number,
  file: string,
  notes: string[],
): { kept: number[]; droppedFeatures: DroppedFeature[] } {
  const droppedFeatures: DroppedFeature[] = [];
  const varying: number[] = [];
  sds.forEach((sd, j) => {
    if (sd === null) droppedFeatures.push({ name: names[j], reason: 'constant' });
    else varying.push(j);
  });
  const constantCount = droppedFeatures.length;
  if (constantCount > 0) {
    notes.push(
      `dropped ${constantCount} constant feature${constantCount === 1 ? '' : 's'}: ${listNames(droppedFeatures.map((d) => d.name))}`,
    );
  }
  let kept = varying;
  if (varying.length > maxFeatures) {
    // Stable sort by sd descending, so ties keep file order; the kept ones return to file order.
    const sd = (j: number) => sds[j] as number;
    const order = [...varying].sort((a, b) => sd(b) - sd(a) || a - b);
    const keep = new Set(order.slice(0, Math.max(0, maxFeatures)));
    kept = varying.filter((j) => keep.has(j));
    const low = varying.filter((j) => !keep.has(j));
    for (const j of low) droppedFeatures.push({ name: names[j], reason: 'low-variance' });
    notes.push(
      `kept the ${kept.length} most variable of ${varying.length} features (maxFeatures = ${maxFeatures}); dropped ${low.length} less variable`,
    );
  }
  if (kept.length === 0) {
    throw new LavaInputError(
      constantCount > 0 ? 'no feature left: every feature is constant over the rows kept' : 'no feature left',
      { file, option: 'features' },
      'LAVA needs features that vary between samples: add such columns, or name them in {option:features}.',
    );
  }
  return { kept, droppedFeatures };
}
