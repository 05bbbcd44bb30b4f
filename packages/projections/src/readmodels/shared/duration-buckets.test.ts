// The duration histogram: bucket bounds, storage, and the median's precision against the exact median.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  addDurations,
  BUCKET_RELATIVE_WIDTH,
  bucketMedian,
  durationBucket,
  FIRST_BUCKET_MS,
  formatDurationBuckets,
  mergeDurationBuckets,
  parseDurationBuckets,
} from './duration-buckets.js';
import { median } from './stats.js';

const HOUR = 3_600_000;
const durations = fc.array(fc.integer({ min: 0, max: 400 * 24 * HOUR }), { maxLength: 60 });

describe('duration buckets', () => {
  it('puts everything under a second in bucket 0 and gives each doubling 16 buckets', () => {
    expect(durationBucket(-5)).toBe(0);
    expect(durationBucket(999)).toBe(0);
    expect(durationBucket(FIRST_BUCKET_MS)).toBe(1);
    expect(durationBucket(2 * FIRST_BUCKET_MS)).toBe(17);
    expect(durationBucket(4 * FIRST_BUCKET_MS)).toBe(33);
    expect(BUCKET_RELATIVE_WIDTH).toBeCloseTo(0.0443, 4);
  });

  it('reads the median exactly when the middle bucket holds one distinct duration', () => {
    expect(bucketMedian(parseDurationBuckets(addDurations(null, [4 * HOUR, 12 * HOUR], 1)))).toBe(8 * HOUR);
    expect(bucketMedian(parseDurationBuckets(addDurations('', [2 * HOUR], 1)))).toBe(2 * HOUR);
    expect(bucketMedian(parseDurationBuckets(addDurations(null, [], 1)))).toBeNull();
  });

  it('stores each bucket as c<k> and s<k>, leaving empty buckets out', () => {
    const stored = addDurations(null, [1000, 1000, 1500], 1);
    expect(JSON.parse(stored)).toEqual({ c1: 2, s1: 2000, c10: 1, s10: 1500 });
    expect(addDurations(stored, [1000], -1)).toBe(JSON.stringify({ c1: 1, s1: 1000, c10: 1, s10: 1500 }));
  });

  it('is within one bucket width (or a second below a second) of the exact median', () => {
    fc.assert(
      fc.property(durations, (values) => {
        const estimate = bucketMedian(parseDurationBuckets(addDurations(null, values, 1)));
        const exact = median(values);
        if (exact === null) return estimate === null;
        // The tiny slack covers floating-point rounding at a bucket's boundary.
        const allowed = BUCKET_RELATIVE_WIDTH * exact * (1 + 1e-9) + FIRST_BUCKET_MS;
        return estimate !== null && Math.abs(estimate - exact) <= allowed;
      }),
    );
  });

  it('writes, one duration at a time, the same text as parsing the stored buckets and writing them again', () => {
    // The reference: the stored buckets read, the duration added, written back (what addDurations did).
    const roundTrip = (json: string, ms: number, sign: 1 | -1): string => {
      const buckets = parseDurationBuckets(json);
      const entry = buckets.get(durationBucket(ms)) ?? { count: 0, sumMs: 0 };
      buckets.set(durationBucket(ms), { count: entry.count + sign, sumMs: entry.sumMs + sign * ms });
      return formatDurationBuckets(buckets);
    };
    const steps = fc.array(
      fc.tuple(
        fc.oneof(fc.integer({ min: -HOUR, max: 400 * 24 * HOUR }), fc.constantFrom(0, 999, 1000, 1500)),
        fc.boolean(),
      ),
      { maxLength: 80 },
    );
    fc.assert(
      fc.property(steps, (changes) => {
        let stored = '{}';
        const added: number[] = [];
        for (const [ms, remove] of changes) {
          // Takes away a duration added before (as the projectors do), or adds one.
          const sign = remove && added.length > 0 ? -1 : 1;
          const value = sign === -1 ? (added.pop() ?? ms) : ms;
          if (sign === 1) added.push(value);
          const expected = roundTrip(stored, value, sign);
          stored = addDurations(stored, [value], sign);
          expect(stored).toBe(expected);
        }
      }),
    );
    // Taking away a duration never added leaves a negative bucket, written as the round trip writes it.
    expect(addDurations('{"c1":1,"s1":1000}', [1500], -1)).toBe(roundTrip('{"c1":1,"s1":1000}', 1500, -1));
    expect(addDurations(null, [1500], -1)).toBe(roundTrip('{}', 1500, -1));
  });

  it('gives the same histogram whether durations are added at once, split over rows, or added and taken away', () => {
    fc.assert(
      fc.property(durations, durations, (kept, removed) => {
        const once = addDurations(null, kept, 1);
        const churned = addDurations(addDurations(once, removed, 1), removed, -1);
        const half = Math.floor(kept.length / 2);
        const split = mergeDurationBuckets([
          addDurations(null, kept.slice(0, half), 1),
          addDurations(null, kept.slice(half), 1),
        ]);
        expect(churned).toBe(once);
        expect(bucketMedian(split)).toBe(bucketMedian(parseDurationBuckets(once)));
      }),
    );
  });
});
