// Small statistics for the bench: medians, the best-cosine module agreement, the scaling exponent.
import { pairWeight, sparseCosine, type ScorablePair } from '../fixtures/scorePlanted';

export function median(xs: number[]): number {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const h = v.length >> 1;
  return v.length % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
}

/** Least-squares slope of log(y) on log(x): the b of y ~ x^b. */
export function fitExponent(x: number[], y: number[]): number {
  const pts = x
    .map((xi, i) => [Math.log(xi), Math.log(y[i])])
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
  if (pts.length < 2) return NaN;
  const mx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  let sxy = 0;
  let sxx = 0;
  for (const [a, b] of pts) {
    sxy += (a - mx) * (b - my);
    sxx += (a - mx) ** 2;
  }
  return sxy / sxx;
}

interface PairModule {
  pairs: ScorablePair[];
  activity?: ArrayLike<number>;
}

export interface Agreement {
  /** The target measure: plain mean over reference modules of the best cosine. */
  mean: number;
  min: number;
  /** The same mean weighted by each reference module's mass (summed activity x pattern norm), so weak leftover modules count less. */
  weighted: number;
  perModule: number[];
  skipped: number;
}

function pattern(m: PairModule, top: number): Map<string, number> {
  // the strongest `top` non-zero pairs, keyed without order (the reference lists at most 200)
  const pairs = m.pairs
    .filter((p) => pairWeight(p) !== 0)
    .sort((p, q) => Math.abs(pairWeight(q)) - Math.abs(pairWeight(p)))
    .slice(0, top);
  const v = new Map<string, number>();
  for (const p of pairs) v.set(p.a <= p.b ? `${p.a}\u0000${p.b}` : `${p.b}\u0000${p.a}`, pairWeight(p));
  return v;
}

function mass(m: PairModule, v: Map<string, number>): number {
  let act = 0;
  const a = m.activity ?? [];
  for (let i = 0; i < a.length; i++) act += a[i];
  let n2 = 0;
  for (const x of v.values()) n2 += x * x;
  return act * Math.sqrt(n2);
}

/** For each reference module with any pairs: the best cosine of its signed pair pattern among ours. */
export function moduleAgreement(reference: PairModule[], ours: PairModule[], top = 200): Agreement {
  const mine = ours.map((m) => pattern(m, top));
  const perModule: number[] = [];
  let skipped = 0;
  let wSum = 0;
  let wCos = 0;
  for (const r of reference) {
    const v = pattern(r, top);
    if (v.size === 0) {
      skipped++;
      continue;
    }
    const best = mine.reduce((b, m) => Math.max(b, sparseCosine(v, m)), mine.length ? -1 : 0);
    perModule.push(best);
    const w = mass(r, v);
    wSum += w;
    wCos += w * best;
  }
  const mean = perModule.length ? perModule.reduce((s, c) => s + c, 0) / perModule.length : NaN;
  return {
    mean,
    min: perModule.length ? Math.min(...perModule) : NaN,
    weighted: wSum > 0 ? wCos / wSum : NaN,
    perModule,
    skipped,
  };
}
