// Counter-based random numbers for parallel kernels: a number is a hash of (seed, counters), so it does not
// depend on which thread draws it or in what order, and a part can be re-run to the same bytes.

/** murmur3's 32-bit finaliser: a bijection that mixes every input bit into every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A well-mixed unsigned 32-bit hash of a seed and up to three counters. */
export function hash32(seed: number, a: number, b = 0, c = 0): number {
  let h = fmix32((seed ^ 0x9e3779b9) >>> 0);
  h = fmix32((h ^ Math.imul(a, 0xcc9e2d51)) >>> 0);
  h = fmix32((h ^ Math.imul(b + 0x1b873593, 0x85ebca6b)) >>> 0);
  return fmix32((h ^ Math.imul(c + 0x6b43a9b5, 0xc2b2ae35)) >>> 0);
}

/** A uniform integer in [0, n), n < 2^32, from the hash of (seed, a, b, c). */
export function hashInt(n: number, seed: number, a: number, b = 0, c = 0): number {
  return Math.floor((hash32(seed, a, b, c) / 4294967296) * n);
}

/** A uniform number in [0, 1) from the hash of (seed, a, b, c). */
export function hashUniform(seed: number, a: number, b = 0, c = 0): number {
  return hash32(seed, a, b, c) / 4294967296;
}
