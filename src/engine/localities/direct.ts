// DIRECT: DIviding RECTangles (Jones, Perttunen, Stuckman 1993), with Gablonsky & Kelley's locally biased
// selection (DIRECT-L, 2001) as an option; Step 1 uses DIRECT-L, like the reference's scipy call.
// Hand-written because ml-direct takes a synchronous objective (no yielding, so no cancellation between
// evaluations), budgets iterations rather than evaluations, and has no DIRECT-L variant.

export interface DirectResult {
  x: number[];
  f: number;
  evaluations: number;
}

/**
 * Minimise f over the box [lower, upper] with at most `budget` evaluations (f is awaited, so it may yield).
 * Rectangles live in the unit cube; a side of level L has length 3^-L.
 * Original DIRECT measures a rectangle by its half-diagonal and divides every rectangle on the lower-right
 * convex hull of (size, f); DIRECT-L measures by the longest side and divides one rectangle per size.
 */
export function direct(
  f: (...x: number[]) => Promise<number>,
  lower: number[],
  upper: number[],
  budget: number,
  opts: { locallyBiased?: boolean; epsilon?: number } = {},
): Promise<DirectResult> {
  const oneByOne = async (points: number[][]) => {
    const out: number[] = [];
    for (const x of points) out.push(await f(...x));
    return out;
  };
  return directBatched(oneByOne, lower, upper, budget, opts);
}

/** One iteration's samples: each chosen rectangle and the dimensions it is divided along. */
interface Trial {
  c: number;
  plus: number[];
  minus: number[];
  fp: number;
  fm: number;
}

/**
 * DIRECT with the samples of each iteration evaluated as one batch: `f(points)` returns their values in order,
 * so it may compute them at once (on threads). The iteration divides the same rectangles in the same order as
 * evaluating them one by one would, so the search is the same whichever way f computes them.
 */
export async function directBatched(
  f: (points: number[][]) => Promise<number[]>,
  lower: number[],
  upper: number[],
  budget: number,
  opts: { locallyBiased?: boolean; epsilon?: number } = {},
): Promise<DirectResult> {
  const N = lower.length;
  const eps = opts.epsilon ?? 1e-4;
  const local = opts.locallyBiased ?? false;
  const centers: number[][] = [];
  const levels: number[][] = [];
  const values: number[] = [];
  let evaluations = 0;
  let bestX: number[] = [];
  let bestF = Infinity;

  const evaluate = async (us: number[][]): Promise<number[]> => {
    const xs = us.map((u) => u.map((t, c) => lower[c] + t * (upper[c] - lower[c])));
    const vs = await f(xs);
    xs.forEach((x, i) => {
      evaluations++;
      if (vs[i] < bestF) {
        bestF = vs[i];
        bestX = x;
      }
    });
    return vs;
  };
  const size = (lv: number[]): number => {
    if (local) return Math.pow(3, -Math.min(...lv));
    let s = 0;
    for (const l of lv) s += Math.pow(3, -2 * l);
    return Math.sqrt(s) / 2;
  };

  const c0 = new Array<number>(N).fill(0.5);
  centers.push(c0);
  levels.push(new Array<number>(N).fill(0));
  values.push(...(await evaluate([c0])));

  while (evaluations < budget) {
    const chosen = potentiallyOptimal(values, levels.map(size), eps, local);
    const plan = planIteration(chosen, centers, levels, budget - evaluations);
    const vs = await evaluate(plan.flatMap((p) => p.trials.flatMap((t) => [t.plus, t.minus])));
    let v = 0;
    for (const { j, trials } of plan) {
      for (const t of trials) {
        t.fp = vs[v++];
        t.fm = vs[v++];
      }
      divide(levels[j], trials, centers, levels, values);
    }
    // The budget may not allow even one pair of samples; stop rather than spin.
    if (evaluations + 2 > budget) break;
  }
  return { x: bestX, f: bestF, evaluations };
}

/** The samples of one iteration within `left` evaluations: a pair per dimension of least level of each chosen rectangle. */
function planIteration(
  chosen: number[],
  centers: number[][],
  levels: number[][],
  left: number,
): { j: number; trials: Trial[] }[] {
  const plan: { j: number; trials: Trial[] }[] = [];
  let used = 0;
  for (const j of chosen) {
    if (used >= left) break;
    const lv = levels[j];
    const minL = Math.min(...lv);
    const delta = Math.pow(3, -(minL + 1));
    const trials: Trial[] = [];
    for (let c = 0; c < lv.length; c++) {
      if (lv[c] !== minL) continue;
      if (used + 2 > left) break;
      const plus = centers[j].slice();
      const minus = centers[j].slice();
      plus[c] += delta;
      minus[c] -= delta;
      trials.push({ c, plus, minus, fp: NaN, fm: NaN });
      used += 2;
    }
    plan.push({ j, trials });
  }
  return plan;
}

/** Divides a rectangle (its levels `lv`) by its trials: first along the dimension with the best sample, so it lands in the largest child. */
function divide(
  lv: number[],
  trial: Trial[],
  centers: number[][],
  levels: number[][],
  values: number[],
): void {
  trial.sort((a, b) => Math.min(a.fp, a.fm) - Math.min(b.fp, b.fm) || a.c - b.c);
  for (const t of trial) {
    lv[t.c] += 1;
    for (const [u, v] of [
      [t.plus, t.fp],
      [t.minus, t.fm],
    ] as const) {
      centers.push(u);
      levels.push(lv.slice());
      values.push(v);
    }
  }
}

/**
 * Rectangles j for which some K > 0 makes f_j - K s_j the lowest over all rectangles and at least
 * eps·|f_min| below f_min: the lower-right convex hull of (size, best f per size), from the size of the
 * best rectangle upwards.
 */
function potentiallyOptimal(values: number[], sizes: number[], eps: number, onePerSize: boolean): number[] {
  // Best rectangle per distinct size (lowest f, then lowest index).
  const bySize = new Map<number, number>();
  for (let j = 0; j < values.length; j++) {
    const s = sizes[j];
    const cur = bySize.get(s);
    if (cur === undefined || values[j] < values[cur]) bySize.set(s, j);
  }
  const groups = [...bySize.entries()].sort((a, b) => a[0] - b[0]);
  let fmin = Infinity;
  let start = 0;
  for (let g = 0; g < groups.length; g++) {
    const v = values[groups[g][1]];
    if (v < fmin) {
      fmin = v;
      start = g;
    }
  }
  const hull: number[] = [];
  for (let g = start; g < groups.length; g++) {
    const [s, j] = groups[g];
    const v = values[j];
    while (hull.length >= 2) {
      const [s1, j1] = groups[hull[hull.length - 2]];
      const [s2, j2] = groups[hull[hull.length - 1]];
      // Drop the middle point when it lies strictly above the segment from its left to the new point.
      const cross = (s2 - s1) * (v - values[j1]) - (values[j2] - values[j1]) * (s - s1);
      if (cross < 0) hull.pop();
      else break;
    }
    hull.push(g);
  }
  const out: number[] = [];
  for (let h = 0; h < hull.length; h++) {
    const [s, j] = groups[hull[h]];
    if (h + 1 < hull.length) {
      // The largest admissible K is the slope to the next hull point; it must beat f_min by eps|f_min|.
      const [s2, j2] = groups[hull[h + 1]];
      const K = (values[j2] - values[j]) / (s2 - s);
      if (values[j] - K * s > fmin - eps * Math.abs(fmin)) continue;
    }
    if (onePerSize) out.push(j);
    else for (let r = 0; r < values.length; r++) if (sizes[r] === s && values[r] === values[j]) out.push(r);
  }
  return out;
}
