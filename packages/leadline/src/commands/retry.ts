// How often and how long a command waits before deciding again after losing a race on its stream.
import { InvalidOptionError } from './errors.js';
import type { RandomSource } from '../runtime/clock.js';

export interface RetryPolicy {
  /** Decisions in total, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 2, maxDelayMs: 250 };

export function validateRetryPolicy(policy: RetryPolicy): RetryPolicy {
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new InvalidOptionError(
      'retry.maxAttempts',
      'integer>=1',
      'retry.maxAttempts must be a whole number of at least 1.',
    );
  }
  if (!(policy.baseDelayMs >= 0) || !(policy.maxDelayMs >= policy.baseDelayMs)) {
    throw new InvalidOptionError(
      'retry.maxDelayMs',
      'max>=base>=0',
      'retry delays must satisfy 0 <= baseDelayMs <= maxDelayMs.',
    );
  }
  return policy;
}

/**
 * "Full jitter" exponential backoff: a random delay up to base * 2^failures, capped. Writers that
 * collided once spread out instead of colliding again in lock step.
 */
export function backoffDelay(policy: RetryPolicy, failures: number, random: RandomSource): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.floor(random.next() * ceiling);
}
