/**
 * Mean recall@k: for each query, the share of the true k nearest found among the first k returned. Queries with
 * fewer than k true neighbours (a tiny index) count against the neighbours that exist.
 */
export function recallAtK(found: readonly (readonly number[])[], truth: readonly (readonly number[])[], k: number): number {
  if (found.length !== truth.length) throw new RangeError(`${found.length} result lists for ${truth.length} queries`);
  if (truth.length === 0) throw new RangeError('no queries');
  let sum = 0;
  truth.forEach((t, q) => {
    const want = t.slice(0, k);
    if (want.length === 0) throw new RangeError(`query ${q} has no true neighbours`);
    const got = new Set(found[q].slice(0, k));
    sum += want.filter((label) => got.has(label)).length / want.length;
  });
  return sum / truth.length;
}
