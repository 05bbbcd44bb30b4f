// Durations kept as a histogram of fixed log-scale buckets, so a kept fact row can answer a median
// without the durations themselves. A bucket keeps its count and the sum of its durations; the median
// is read as the mean of the bucket holding the middle duration (the two middle ones for an even
// count), which is within the bucket's width of the exact median and exact when that bucket holds one
// distinct duration.

/** Buckets per doubling of the duration: each bucket spans a factor of 2^(1/16), ~4.4%. */
export const BUCKETS_PER_DOUBLING = 16;
/** Bucket 0 holds every duration under this (a second); bucket k ≥ 1 starts at it × 2^((k-1)/16). */
export const FIRST_BUCKET_MS = 1000;
/** The median's largest relative error above FIRST_BUCKET_MS: one bucket's width. */
export const BUCKET_RELATIVE_WIDTH = 2 ** (1 / BUCKETS_PER_DOUBLING) - 1;

/** 'c': a stored key that holds a bucket's count (s: its sum). */
const COUNT_PREFIX = 'c'.charCodeAt(0);

/** Bucket number → count of durations and their sum in ms. JSON keys `c<k>` and `s<k>` when stored. */
export type DurationBuckets = ReadonlyMap<number, { readonly count: number; readonly sumMs: number }>;

/** The bucket a duration falls in: 0 under a second (negative durations included), then 16 per doubling. */
export function durationBucket(ms: number): number {
  if (!(ms >= FIRST_BUCKET_MS)) return 0;
  return Math.floor(BUCKETS_PER_DOUBLING * Math.log2(ms / FIRST_BUCKET_MS)) + 1;
}

/** Reads buckets stored as JSON ({"c17": 2, "s17": 86400000, ...}); empty for null or ''. */
export function parseDurationBuckets(json: string | null | undefined): Map<number, { count: number; sumMs: number }> {
  const buckets = new Map<number, { count: number; sumMs: number }>();
  if (json === null || json === undefined || json === '') return buckets;
  const stored = JSON.parse(json) as Record<string, number>;
  for (const [key, value] of Object.entries(stored)) {
    const bucket = Number(key.slice(1));
    const entry = buckets.get(bucket) ?? { count: 0, sumMs: 0 };
    if (key.startsWith('c')) entry.count += value;
    else entry.sumMs += value;
    buckets.set(bucket, entry);
  }
  return buckets;
}

/** The buckets as stored: keys in bucket order, empty buckets left out. */
export function formatDurationBuckets(buckets: DurationBuckets): string {
  const stored: Record<string, number> = {};
  for (const bucket of [...buckets.keys()].sort((a, b) => a - b)) {
    const entry = buckets.get(bucket);
    if (entry === undefined || entry.count === 0) continue;
    stored[`c${bucket}`] = entry.count;
    stored[`s${bucket}`] = entry.sumMs;
  }
  return JSON.stringify(stored);
}

/** Stored buckets with `sign` (1 or -1) of each duration added. */
export function addDurations(json: string | null | undefined, durations: readonly number[], sign: 1 | -1): string {
  // Most writes (an entry into a stage, a lead not converted) add no duration: no JSON round trip.
  if (durations.length === 0) return json === null || json === undefined || json === '' ? '{}' : json;
  const buckets = parseDurationBuckets(json);
  for (const ms of durations) {
    const bucket = durationBucket(ms);
    const entry = buckets.get(bucket) ?? { count: 0, sumMs: 0 };
    entry.count += sign;
    entry.sumMs += sign * ms;
    buckets.set(bucket, entry);
  }
  return formatDurationBuckets(buckets);
}

/**
 * Merges several rows' stored buckets into one histogram. Hot in source analytics (a row per day and
 * source read), so it adds into two arrays by bucket number instead of building a map per row.
 */
export function mergeDurationBuckets(stored: Iterable<string | null>): DurationBuckets {
  const counts: number[] = [];
  const sums: number[] = [];
  for (const json of stored) {
    if (json === null || json === '' || json === '{}') continue;
    const parsed = JSON.parse(json) as Record<string, number>;
    for (const key in parsed) {
      const bucket = Number.parseInt(key.slice(1), 10);
      const into = key.charCodeAt(0) === COUNT_PREFIX ? counts : sums;
      into[bucket] = (into[bucket] ?? 0) + (parsed[key] ?? 0);
    }
  }
  const merged = new Map<number, { count: number; sumMs: number }>();
  counts.forEach((count, bucket) => {
    if (count !== 0) merged.set(bucket, { count, sumMs: sums[bucket] ?? 0 });
  });
  return merged;
}

/**
 * The median read from buckets: the mean of the bucket holding the middle duration, or the mean of the
 * two such estimates for an even count (as `median` takes the two middle values). Null when empty.
 */
export function bucketMedian(buckets: DurationBuckets): number | null {
  const ordered = [...buckets.entries()].filter(([, entry]) => entry.count > 0).sort(([a], [b]) => a - b);
  const total = ordered.reduce((sum, [, entry]) => sum + entry.count, 0);
  if (total === 0) return null;
  const at = (rank: number): number => {
    let seen = 0;
    for (const [, entry] of ordered) {
      seen += entry.count;
      if (seen >= rank) return entry.sumMs / entry.count;
    }
    throw new RangeError(`rank ${rank} is past the ${total} durations`);
  };
  const lower = Math.floor((total + 1) / 2);
  const upper = Math.floor(total / 2) + 1;
  return lower === upper ? at(lower) : (at(lower) + at(upper)) / 2;
}
