// The one seeded PRNG of the engine: every random step draws from a stream made here, so a seed fixes the result.
import prand from 'pure-rand';

/** A uniform [0, 1) generator (53 random bits) from a seed; `stream` separates independent uses of one seed. */
export function seededUniform(seed: number, stream = 0): () => number {
  const rng = prand.xoroshiro128plus((seed ^ Math.imul(stream + 1, 0x9e3779b1)) | 0);
  return () => {
    const hi = prand.unsafeUniformIntDistribution(0, (1 << 26) - 1, rng);
    const lo = prand.unsafeUniformIntDistribution(0, (1 << 27) - 1, rng);
    return (hi * 134217728 + lo) / 9007199254740992;
  };
}

/**
 * `take` distinct indices of [0, n) drawn uniformly with `random` (a partial Fisher-Yates shuffle: the first
 * `take` positions of a shuffled identity), in ascending order.
 */
export function sampleDistinct(n: number, take: number, random: () => number): Int32Array {
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  return perm.slice(0, take).sort();
}
