// Rate limiting of a web form: a token bucket per client address. A bucket holds up to `burst`
// submissions and refills at `perMinute`; a submission takes one token or is refused with the time
// until the next one. Buckets are kept for the most recent `maxClients` addresses (an LRU), so a flood
// from many addresses costs bounded memory. Time comes from the runtime's injected clock, which is why
// the arithmetic is ours rather than a limiter library's (those read the system time).
import { LRUCache } from 'lru-cache';
import { InvalidOptionError } from '../../commands/errors.js';

export interface RateLimit {
  /** Submissions one address may send at once (the bucket's size). */
  readonly burst: number;
  /** Tokens added back per minute, up to `burst`. */
  readonly perMinute: number;
  /** Addresses whose buckets are remembered; the least recently seen beyond it start afresh. */
  readonly maxClients?: number;
}

/** Twenty at once, then one every 3 s per address (or per form, without addresses). */
export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 20, perMinute: 20, maxClients: 10_000 };

interface Bucket {
  tokens: number;
  /** Milliseconds: when `tokens` was last brought up to date. */
  at: number;
}

export type Admission = { readonly admitted: true } | { readonly admitted: false; readonly retryAfterMs: number };

export interface TokenBuckets {
  /** Takes a token for this client at `now` (ms), or says how long until one is there. */
  take(client: string, now: number): Admission;
}

export function createTokenBuckets(limit: RateLimit): TokenBuckets {
  checkRateLimit(limit);
  const perMs = limit.perMinute / 60_000;
  const buckets = new LRUCache<string, Bucket>({ max: limit.maxClients ?? DEFAULT_RATE_LIMIT.maxClients ?? 10_000 });
  return {
    take(client, now) {
      const bucket = buckets.get(client) ?? { tokens: limit.burst, at: now };
      // A clock that steps back refills nothing (and takes nothing back).
      const elapsed = Math.max(0, now - bucket.at);
      bucket.tokens = Math.min(limit.burst, bucket.tokens + elapsed * perMs);
      bucket.at = Math.max(bucket.at, now);
      buckets.set(client, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { admitted: true };
      }
      return { admitted: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / perMs) };
    },
  };
}

function checkRateLimit(limit: RateLimit): void {
  const positive = (value: number | undefined, field: string, integer: boolean): void => {
    if (value === undefined) return;
    if (!(Number.isFinite(value) && value > 0 && (!integer || Number.isSafeInteger(value))))
      throw new InvalidOptionError(
        `rateLimit.${field}`,
        integer ? 'positive-integer' : 'positive',
        `rateLimit.${field} must be a positive ${integer ? 'whole number' : 'number'}, not ${String(value)}.`,
      );
  };
  positive(limit.burst, 'burst', true);
  positive(limit.perMinute, 'perMinute', false);
  positive(limit.maxClients, 'maxClients', true);
}
