// Inputs that would run to a meaningless answer, refused before any computing with what to do: fewer than two
// features (no pair to correlate), a given embedding without spread or outside the range where squared distances
// are finite, fewer distinct points than localities. More modules than the localities and pairs can hold are
// lowered with a note, as neighbours are.
import { localityCount } from '../localities/localities';
import type { Prepared } from '../types';
import { LavaInputError } from '../../shared/errors';
import type { LavaParams } from '../../shared/params/types';

/**
 * Embedding spans beyond which squared distances (summed over up to 3 columns, times k-means weights) leave
 * the doubles: 1e100 squared is 1e200, far from overflow; 1e-100 squared is 1e-200, far from underflow.
 */
export const MAX_SPAN = 1e100;
export const MIN_SPAN = 1e-100;
/** The result stores coordinates with 7 significant digits: a column varying less than this relative to its size shows as one point. */
const MIN_RELATIVE_SPAN = 1e-6;

export interface Fitted {
  params: LavaParams;
  notes: string[];
}

/** Checks `prepared` under the `fitted` params (neighbours already fitted to the rows); may lower the modules. */
export function checkDegenerate(file: string, prepared: Prepared, fitted: Fitted): Fitted {
  checkFeatures(file, prepared);
  const ell = localityCount(prepared.E, fitted.params.neighbors, fitted.params.overlap);
  if (prepared.Z !== null) {
    checkEmbeddingSpan(file, prepared.Z, prepared.E, prepared.d, prepared.embeddingColumns);
    checkDistinctPoints(file, prepared.Z, prepared.E, prepared.d, ell);
  } else checkUmapFeatures(file, prepared);
  return fitModules(prepared.F, ell, fitted);
}

/** UMAP measures distances between rows over every feature: a feature spanning beyond MAX_SPAN would overflow them. */
function checkUmapFeatures(file: string, p: Prepared): void {
  for (let f = 0; f < p.F; f++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < p.E; i++) {
      const v = p.X[i * p.F + f];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (hi - lo <= MAX_SPAN) continue;
    throw new LavaInputError(
      `feature spans more than ${MAX_SPAN} (${short(lo)} to ${short(hi)}): the distances UMAP computes between rows would overflow`,
      { file, columnName: p.features[f], option: 'umap' },
      'Scale the feature (divide by a power of ten, or take its log), or give an embedding in {option:embedding} instead of {option:umap}.',
    );
  }
}

function checkFeatures(file: string, p: Prepared): void {
  if (p.F >= 2) return;
  const constant = p.droppedFeatures.filter((f) => f.reason === 'constant').length;
  throw new LavaInputError(
    `only one feature ("${p.features[0]}"): LAVA explains correlations between pairs of features and needs at least 2`,
    { file, option: 'features' },
    (constant > 0 ? `${constant} constant feature${constant === 1 ? ' was' : 's were'} dropped. ` : '') +
      'Add numeric feature columns, or name two or more in {option:features}; text, embedding and id columns are never features.',
  );
}

/** Every embedding column must vary, within spans whose squared distances are finite and non-zero. */
function checkEmbeddingSpan(file: string, Z: Float64Array, E: number, d: number, names: string[]): void {
  const spans = names.map((_, c) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < E; i++) {
      const v = Z[i * d + c];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return { lo, hi, span: hi - lo };
  });
  if (spans.every((s) => s.span === 0))
    throw new LavaInputError(
      `every row has the same embedding point (${spans.map((s) => s.lo).join(', ')})`,
      { file, option: 'embedding' },
      'Check that {option:embedding} names the columns holding the map, or compute one with {option:umap}.',
    );
  spans.forEach(({ lo, hi, span }, c) => {
    const columnName = names[c];
    const where = { file, columnName, option: 'embedding' };
    const range = `(${short(lo)} to ${short(hi)})`;
    if (span === 0)
      throw new LavaInputError(
        `embedding column has the same value (${lo}) in every row, so it places no sample apart`,
        where,
        'Name only the embedding columns that vary in {option:embedding}, or compute an embedding with {option:umap}.',
      );
    if (!(span <= MAX_SPAN))
      throw new LavaInputError(
        `embedding column spans more than ${MAX_SPAN} ${range}: squared distances would overflow`,
        where,
        'Divide the embedding columns by a power of ten: localities depend only on relative distances.',
      );
    if (span < MIN_SPAN)
      throw new LavaInputError(
        `embedding column spans less than ${MIN_SPAN} ${range}: squared distances would underflow to 0`,
        where,
        'Multiply the embedding columns by a power of ten: localities depend only on relative distances.',
      );
    if (span < MIN_RELATIVE_SPAN * Math.max(Math.abs(lo), Math.abs(hi)))
      throw new LavaInputError(
        `embedding column varies only beyond its 6th significant digit ${range}: the result, with 7 digits, would show one point`,
        where,
        'Subtract a constant (such as its mean) from the column.',
      );
  });
}

/** A coordinate in a message: 4 significant digits say which way it is off. */
const short = (v: number): number => Number(v.toPrecision(4));

/** Fewer distinct points than localities: some localities are certain to repeat. */
function checkDistinctPoints(file: string, Z: Float64Array, E: number, d: number, ell: number): void {
  const distinct = distinctRows(Z, E, d);
  if (distinct >= ell) return;
  throw new LavaInputError(
    `only ${distinct} distinct embedding points for ${ell} localities: localities would repeat`,
    { file, option: 'neighbors' },
    `Use fewer, larger localities (there are rows x {option:overlap} / {option:neighbors} of them): raise {option:neighbors} or lower {option:overlap}.`,
  );
}

/** How many different rows the E x d row-major matrix holds (sorted, then counted). */
function distinctRows(Z: Float64Array, E: number, d: number): number {
  const order = Int32Array.from({ length: E }, (_, i) => i);
  const cmp = (a: number, b: number): number => {
    for (let c = 0; c < d; c++) {
      const g = Z[a * d + c] - Z[b * d + c];
      if (g !== 0) return g;
    }
    return 0;
  };
  order.sort(cmp);
  let count = E > 0 ? 1 : 0;
  for (let i = 1; i < E; i++) if (cmp(order[i - 1], order[i]) !== 0) count++;
  return count;
}

/**
 * A module is a pattern over the 2P sign-split pairs, loaded by localities: k above min(localities, 2P) leaves
 * modules that can only be empty or repeat. Lowered with a note, as neighbours are; for "auto", the k it tries.
 */
function fitModules(F: number, ell: number, fitted: Fitted): Fitted {
  const halves = F * (F - 1);
  const most = Math.min(ell, halves);
  const why =
    most === ell
      ? `${ell} localities`
      : `${F} features give ${halves / 2} pair${halves === 2 ? '' : 's'}, each positive or negative`;
  const k = fitted.params.modules;
  if (k === 'auto') {
    const [lo, hi] = fitted.params.modulesRange;
    if (hi <= most) return fitted;
    return {
      params: { ...fitted.params, modulesRange: [Math.min(lo, most), most] },
      notes: [...fitted.notes, `modulesRange lowered from ${lo}..${hi} to ${Math.min(lo, most)}..${most} (${why})`],
    };
  }
  if (k <= most) return fitted;
  return {
    params: { ...fitted.params, modules: most },
    notes: [...fitted.notes, `modules lowered from ${k} to ${most} (${why})`],
  };
}
