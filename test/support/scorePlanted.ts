// Scores a LAVA result against a planted truth: a port of shared/bench/score_planted.py (best cosine of the signed pair pattern, ROC AUC of activity).
import type { PlantedTruth } from './planted';

/** The part of a result the score reads: a LavaResult fits, and so does the reference's JSON. */
export interface ScorableResult {
  modules: { pairs: { a: string; b: string; r: number }[]; activity: ArrayLike<number> }[];
}

export interface PlantedScore {
  /** Per planted module: best cosine over found modules, and the AUC of that module's activity (both rounded to 3 decimals, as the Python prints). */
  modules: { cos: number; auc: number; found: number }[];
  recovered: number;
  planted: number;
  verdict: string;
}

export const RECOVERED_COS = 0.7;
export const RECOVERED_AUC = 0.9;

/** Key of an unordered pair, the smaller name first (as Python's sorted tuple). */
function pairKey(a: string, b: string): string {
  return a <= b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** Cosine of two sparse vectors keyed by pair; absent pairs are 0. The 1e-12 matches the Python (an empty pattern scores 0). */
export function sparseCosine(x: Map<string, number>, y: Map<string, number>): number {
  let dot = 0;
  let nx = 0;
  let ny = 0;
  for (const [k, v] of x) {
    nx += v * v;
    const w = y.get(k);
    if (w !== undefined) dot += v * w;
  }
  for (const v of y.values()) ny += v * v;
  return dot / (Math.sqrt(nx) * Math.sqrt(ny) + 1e-12);
}

/** ROC AUC of `score` for telling `positive` from the rest (Mann-Whitney U over average ranks, so ties count half). NaN when one class is empty. */
export function rocAuc(score: ArrayLike<number>, positive: ArrayLike<boolean>): number {
  const n = score.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Array.prototype.sort is stable, like numpy's mergesort
  order.sort((a, b) => score[a] - score[b]);
  let rankSumPos = 0;
  let npos = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && score[order[j + 1]] === score[order[i]]) j++;
    const avg = (i + j + 2) / 2; // ranks are 1-based: positions i..j hold ranks i+1..j+1
    for (let t = i; t <= j; t++) {
      if (positive[order[t]]) {
        rankSumPos += avg;
        npos++;
      }
    }
    i = j + 1;
  }
  const nneg = n - npos;
  if (npos === 0 || nneg === 0) return NaN;
  return (rankSumPos - (npos * (npos + 1)) / 2) / (npos * nneg);
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/** For each planted module, the found module with the highest pattern cosine (first wins ties) and the AUC of its activity over the planted blobs. */
export function scorePlanted(result: ScorableResult, truth: PlantedTruth): PlantedScore {
  const blob = truth.blob;
  const found = result.modules.map((m) => {
    const v = new Map<string, number>();
    for (const p of m.pairs) v.set(pairKey(p.a, p.b), p.r);
    return { v, activity: m.activity };
  });
  const rows = truth.modules.map((t) => {
    const tv = new Map<string, number>();
    for (const [a, b, r] of t.pairs) tv.set(pairKey(a, b), r);
    let best = -1;
    let which = -1;
    found.forEach((f, idx) => {
      const c = sparseCosine(tv, f.v);
      if (c > best) {
        best = c;
        which = idx;
      }
    });
    let auc = 0;
    if (which >= 0 && found[which].activity.length === blob.length) {
      const active = new Set(t.blobs);
      auc = rocAuc(
        found[which].activity,
        blob.map((g) => active.has(g)),
      );
    }
    return { cos: round3(best), auc: round3(auc), found: which };
  });
  // thresholds on the rounded values, as the Python does
  const recovered = rows.filter((r) => r.cos >= RECOVERED_COS && r.auc >= RECOVERED_AUC).length;
  return {
    modules: rows,
    recovered,
    planted: rows.length,
    verdict: `recovered ${recovered}/${rows.length} planted modules`,
  };
}
