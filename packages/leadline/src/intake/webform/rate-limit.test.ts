import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createTokenBuckets } from './rate-limit.js';

describe('token buckets per client', () => {
  it('admits a burst, then one per refill interval, and says when to come back', () => {
    const buckets = createTokenBuckets({ burst: 3, perMinute: 6 });
    expect([0, 0, 0, 0].map((at) => buckets.take('a', at).admitted)).toEqual([true, true, true, false]);
    expect(buckets.take('a', 0)).toEqual({ admitted: false, retryAfterMs: 10_000 });
    expect(buckets.take('b', 0).admitted).toBe(true);
    expect(buckets.take('a', 9_999).admitted).toBe(false);
    expect(buckets.take('a', 10_000).admitted).toBe(true);
    expect(buckets.take('a', 10_000).admitted).toBe(false);
  });

  it('never admits more than burst plus what the elapsed time refills, whatever the timing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 120 }),
        fc.array(fc.integer({ min: 0, max: 30_000 }), { minLength: 1, maxLength: 200 }),
        (burst, perMinute, gaps) => {
          const buckets = createTokenBuckets({ burst, perMinute });
          let now = 0;
          let admitted = 0;
          for (const gap of gaps) {
            now += gap;
            if (buckets.take('client', now).admitted) admitted += 1;
          }
          expect(admitted).toBeLessThanOrEqual(burst + Math.floor((now * perMinute) / 60_000));
        },
      ),
    );
  });

  it('forgets the least recently seen clients beyond maxClients', () => {
    const buckets = createTokenBuckets({ burst: 1, perMinute: 1, maxClients: 2 });
    expect(buckets.take('a', 0).admitted).toBe(true);
    expect(buckets.take('b', 0).admitted).toBe(true);
    expect(buckets.take('c', 0).admitted).toBe(true);
    // a was forgotten: it starts with a full bucket again.
    expect(buckets.take('a', 0).admitted).toBe(true);
    expect(buckets.take('c', 0).admitted).toBe(false);
  });

  it('refuses a limit that is not positive, naming the field', () => {
    expect(() => createTokenBuckets({ burst: 0, perMinute: 1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', field: 'rateLimit.burst' }),
    );
    expect(() => createTokenBuckets({ burst: 1, perMinute: Number.NaN })).toThrow(
      expect.objectContaining({ field: 'rateLimit.perMinute' }),
    );
  });
});
