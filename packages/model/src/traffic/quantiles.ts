// Latency quantiles from Envoy's histogram buckets (cumulative counts per upper bound, in ms).

export interface Bucket {
  upperBound: number;
  /** Samples at or below upperBound. */
  cumulativeCount: number;
}

/** Per-bucket counts added up across flushes (same bounds), as cumulative buckets again. */
export function addBuckets(a: readonly Bucket[], b: readonly Bucket[]): Bucket[] {
  const byBound = new Map<number, number>();
  for (const x of [...a, ...b]) byBound.set(x.upperBound, (byBound.get(x.upperBound) ?? 0) + x.cumulativeCount);
  return [...byBound.entries()].sort((x, y) => x[0] - y[0]).map(([upperBound, cumulativeCount]) => ({ upperBound, cumulativeCount }));
}

/** What a flush added: current minus previous cumulative counts (a restart's smaller count starts over). */
export function bucketDelta(current: readonly Bucket[], previous: readonly Bucket[] | undefined): Bucket[] {
  const prev = new Map((previous ?? []).map((b) => [b.upperBound, b.cumulativeCount]));
  const total = current.at(-1)?.cumulativeCount ?? 0;
  const prevTotal = previous?.at(-1)?.cumulativeCount ?? 0;
  const restarted = total < prevTotal;
  return current.map((b) => ({ upperBound: b.upperBound, cumulativeCount: restarted ? b.cumulativeCount : b.cumulativeCount - (prev.get(b.upperBound) ?? 0) }));
}

/**
 * The q-quantile (0..1) by linear interpolation inside the bucket that holds it, as Prometheus'
 * histogram_quantile does; undefined without samples. A quantile in the open top bucket is its lower bound.
 */
export function quantile(buckets: readonly Bucket[], q: number): number | undefined {
  const sorted = [...buckets].sort((a, b) => a.upperBound - b.upperBound);
  const total = sorted.at(-1)?.cumulativeCount ?? 0;
  if (total <= 0) return undefined;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const b of sorted) {
    if (b.cumulativeCount >= rank) {
      if (!Number.isFinite(b.upperBound)) return lowerBound;
      const inBucket = b.cumulativeCount - lowerCount;
      const fraction = inBucket === 0 ? 0 : (rank - lowerCount) / inBucket;
      return lowerBound + (b.upperBound - lowerBound) * fraction;
    }
    lowerBound = b.upperBound;
    lowerCount = b.cumulativeCount;
  }
  return lowerBound;
}
