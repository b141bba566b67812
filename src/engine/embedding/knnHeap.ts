// Bounded max-heaps of (distance, index), one per row in flat typed arrays: the kNN searches keep each row's k
// best here. Keys are ordered by distance, then index, so ties resolve the same way in every search.

/** The rows' heaps: row i holds its k entries at [i*k, (i+1)*k); empty entries have distance +Inf, index -1. */
export interface KnnHeaps {
  k: number;
  idx: Int32Array;
  dist: Float64Array;
  /** 1 = entered since the row's candidates were last built (NN-descent's "new" flag); absent where unused. */
  isNew?: Uint8Array;
}

/** Whether (d, j) is before (e, l) in the heaps' order. */
function before(d: number, j: number, e: number, l: number): boolean {
  return d < e || (d === e && j < l);
}

/**
 * Offers (d, j) to the heap at [b, b + k); returns 1 if it entered (it was better than the worst and not
 * already there), else 0. The root [b] is the worst entry.
 */
export function heapPush(h: KnnHeaps, b: number, d: number, j: number): number {
  const { k, idx, dist, isNew } = h;
  if (!before(d, j, dist[b], idx[b])) return 0;
  for (let t = b; t < b + k; t++) if (idx[t] === j) return 0;
  let p = 0;
  while (true) {
    let c = 2 * p + 1;
    if (c >= k) break;
    if (c + 1 < k && before(dist[b + c], idx[b + c], dist[b + c + 1], idx[b + c + 1])) c++;
    if (before(dist[b + c], idx[b + c], d, j)) break;
    dist[b + p] = dist[b + c];
    idx[b + p] = idx[b + c];
    if (isNew) isNew[b + p] = isNew[b + c];
    p = c;
  }
  dist[b + p] = d;
  idx[b + p] = j;
  if (isNew) isNew[b + p] = 1;
  return 1;
}

/** Row i's entries in ascending (distance, index) order, written to outIdx/outDist at [o, o + k). */
export function sortedRow(
  h: KnnHeaps,
  i: number,
  outIdx: Int32Array,
  outDist: Float64Array,
  o: number,
  order: number[],
): void {
  const b = i * h.k;
  order.length = 0;
  for (let t = 0; t < h.k; t++) order.push(b + t);
  order.sort((u, v) => h.dist[u] - h.dist[v] || h.idx[u] - h.idx[v]);
  for (let t = 0; t < h.k; t++) {
    outIdx[o + t] = h.idx[order[t]];
    outDist[o + t] = h.dist[order[t]];
  }
}
