// Feature pairs in the row-major upper triangle of an F x F matrix: how patterns are indexed everywhere.

/** Number of pairs P = F(F-1)/2. */
export function pairCount(F: number): number {
  return (F * (F - 1)) / 2;
}

/** Index q of the pair (i, j) in the row-major upper triangle (either order; i !== j). */
export function pairIndex(i: number, j: number, F: number): number {
  if (i > j) [i, j] = [j, i];
  return i * F - (i * (i + 1)) / 2 + (j - i - 1);
}

/** The pair (i, j), i < j, at index q of the row-major upper triangle (inverse of pairIndex). */
export function pairOf(q: number, F: number): [number, number] {
  // Row i starts at s(i) = i*F - i(i+1)/2; solve s(i) <= q from the quadratic, then fix rounding.
  const b = 2 * F - 1;
  let i = Math.floor((b - Math.sqrt(b * b - 8 * q)) / 2);
  if (i < 0) i = 0;
  while (i > 0 && pairIndex(i, i + 1, F) > q) i--;
  while (i + 1 < F - 1 && pairIndex(i + 1, i + 2, F) <= q) i++;
  return [i, q - pairIndex(i, i + 1, F) + i + 1];
}
