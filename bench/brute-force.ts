/** Row-major unit vectors: row i is `data[i*dimension … (i+1)*dimension)`. */
export interface VectorMatrix {
  data: Float32Array;
  dimension: number;
  count: number;
}

export function row(m: VectorMatrix, i: number): Float32Array {
  return m.data.subarray(i * m.dimension, (i + 1) * m.dimension);
}

/**
 * Exact k nearest rows by dot product (cosine similarity, the rows being unit vectors), best first, ties to the
 * lower row. The reference HNSW recall is measured against, and the latency HNSW has to beat.
 */
export function exactKnn(m: VectorMatrix, query: ArrayLike<number>, k: number): number[] {
  const { data, dimension, count } = m;
  if (query.length !== dimension) throw new RangeError(`query has ${query.length} dimensions, rows have ${dimension}`);
  const want = Math.min(k, count);
  const best: number[] = [];
  const scores: number[] = [];
  for (let i = 0; i < count; i++) {
    let s = 0;
    const base = i * dimension;
    for (let j = 0; j < dimension; j++) s += data[base + j] * query[j];
    if (best.length === want && s <= scores[want - 1]) continue;
    // Insertion into a sorted list of at most k: for k = 10 cheaper than a heap.
    let at = best.length === want ? want - 1 : best.length;
    while (at > 0 && scores[at - 1] < s) {
      scores[at] = scores[at - 1];
      best[at] = best[at - 1];
      at--;
    }
    scores[at] = s;
    best[at] = i;
  }
  return best;
}
