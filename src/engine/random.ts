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
