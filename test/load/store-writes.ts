/**
 * The store's write latency during a load run, read from the bot's /metrics: the `unbot_store_write_seconds`
 * histogram summed over write kinds. A histogram keeps buckets, not samples, so the p99 is the upper bound of
 * the bucket holding the 99th percentile (nearest rank).
 */
export interface StoreWrites {
  writes: number;
  failed: number;
  /** Upper bound of the bucket holding the p99, in ms; null without writes. */
  p99_ms_at_most: number | null;
  mean_ms: number | null;
}

export function storeWrites(metrics: string): StoreWrites {
  const buckets = new Map<number, number>();
  let sum = 0;
  let failed = 0;
  for (const line of metrics.split('\n')) {
    const bucket = /^unbot_store_write_seconds_bucket\{.*le="([^"]+)".*\} (\S+)$/.exec(line);
    if (bucket) {
      const le = bucket[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(bucket[1]);
      buckets.set(le, (buckets.get(le) ?? 0) + Number(bucket[2]));
    }
    const s = /^unbot_store_write_seconds_sum\{.*\} (\S+)$/.exec(line);
    if (s) sum += Number(s[1]);
    const f = /^unbot_store_writes_total\{.*result="failed".*\} (\S+)$/.exec(line);
    if (f) failed += Number(f[1]);
  }
  const ordered = [...buckets.entries()].sort((a, b) => a[0] - b[0]);
  const writes = ordered.at(-1)?.[1] ?? 0;
  if (writes === 0) return { writes, failed, p99_ms_at_most: null, mean_ms: null };
  const rank = Math.ceil(0.99 * writes);
  const [le] = ordered.find(([, cumulative]) => cumulative >= rank)!;
  return { writes, failed, p99_ms_at_most: le * 1000, mean_ms: (sum / writes) * 1000 };
}

export function formatStoreWrites(w: StoreWrites): string {
  if (w.p99_ms_at_most === null) return 'store writes: none';
  return `store writes: ${w.writes} (${w.failed} failed), mean ${w.mean_ms!.toFixed(3)} ms, p99 ≤ ${w.p99_ms_at_most} ms (histogram bucket)`;
}
