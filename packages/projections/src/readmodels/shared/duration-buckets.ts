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
  // Most of the rest (a stay that ended, a lead converted) add one: edited in the stored text.
  const [only] = durations;
  if (durations.length === 1 && only !== undefined) {
    const edited = editedBuckets(json === null || json === undefined || json === '' ? '{}' : json, only, sign);
    if (edited !== undefined) return edited;
  }
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
 * The stored buckets with one duration added, edited in the text: the string `formatDurationBuckets`
 * would write after parsing them, without the parse, the sort and the JSON (a funnel row's histogram
 * holds a hundred buckets or more, and every stay that ends adds one duration to it: the round trip was
 * more than half of a stage-transitions rebuild). Undefined when the text is not in the form written
 * here (each c<k> followed by its s<k>, buckets in order), or the duration not finite: round trip then.
 */
function editedBuckets(json: string, ms: number, sign: 1 | -1): string | undefined {
  if (!Number.isFinite(ms) || !json.startsWith('{') || !json.endsWith('}')) return undefined;
  const bucket = durationBucket(ms);
  const countKey = `"c${bucket}":`;
  const sumKey = `"s${bucket}":`;
  const at = json.indexOf(countKey);
  if (at < 0) {
    // A new bucket: in front of the first bucket with a higher number, or last.
    const before = nextBucketAt(json, bucket);
    if (before === undefined) return undefined;
    const entry = `${countKey}${sign},${sumKey}${sign * ms}`;
    if (before === json.length - 1) return `${json.slice(0, before)}${json.length > 2 ? ',' : ''}${entry}}`;
    return `${json.slice(0, before)}${entry},${json.slice(before)}`;
  }
  const countStart = at + countKey.length;
  const countEnd = json.indexOf(',', countStart);
  if (countEnd < 0 || !json.startsWith(sumKey, countEnd + 1)) return undefined;
  const sumStart = countEnd + 1 + sumKey.length;
  const comma = json.indexOf(',', sumStart);
  const sumEnd = comma < 0 ? json.length - 1 : comma;
  const count = Number(json.slice(countStart, countEnd)) + sign;
  const sum = Number(json.slice(sumStart, sumEnd)) + sign * ms;
  if (!Number.isFinite(count) || !Number.isFinite(sum)) return undefined;
  if (count !== 0) return `${json.slice(0, countStart)}${count},${sumKey}${sum}${json.slice(sumEnd)}`;
  // An emptied bucket is left out, with the comma that joined it to its neighbours.
  if (comma >= 0) return `${json.slice(0, at)}${json.slice(comma + 1)}`;
  return at === 1 ? '{}' : `${json.slice(0, at - 1)}}`;
}

/**
 * Where the first stored bucket numbered above `bucket` starts (the closing brace's index when none
 * is); undefined when a key is not in the stored form or the buckets are out of order.
 */
function nextBucketAt(json: string, bucket: number): number | undefined {
  let previous = -1;
  for (let at = json.indexOf('"c'); at >= 0; at = json.indexOf('"c', at + 2)) {
    const end = json.indexOf('"', at + 2);
    const found = Number(json.slice(at + 2, end));
    if (!Number.isSafeInteger(found) || found <= previous) return undefined;
    if (found > bucket) return at;
    previous = found;
  }
  return json.length - 1;
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
