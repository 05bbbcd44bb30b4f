// How a subscription keeps going when the store behind it becomes unreachable for a while: the same
// bounded exponential backoff for every adapter (a dropped gRPC stream, a lost database connection).
import { describe, invalid } from '../validation/invalid-argument.js';

export interface ResubscribePolicy {
  /** First wait after a failed read or a dropped connection. Default 100 ms. */
  readonly initialDelayMs: number;
  /** Waits double up to this bound. Default 5,000 ms. */
  readonly maxDelayMs: number;
  /** Consecutive failed attempts before the subscription fails with StoreUnavailableError. Default 20. */
  readonly maxAttempts: number;
}

export const DEFAULT_RESUBSCRIBE_POLICY: ResubscribePolicy = {
  initialDelayMs: 100,
  maxDelayMs: 5_000,
  maxAttempts: 20,
};

/** The wait before attempt `failures + 1`, after `failures` (from 1) consecutive failures. */
export function resubscribeDelayMs(policy: ResubscribePolicy, failures: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (failures - 1));
}

/** The default policy with the caller's overrides, each a whole number from 0 (else InvalidArgumentError). */
export function resubscribePolicy(overrides: Partial<ResubscribePolicy> | undefined): ResubscribePolicy {
  const policy = { ...DEFAULT_RESUBSCRIBE_POLICY, ...overrides };
  for (const field of ['initialDelayMs', 'maxDelayMs', 'maxAttempts'] as const) {
    const value = policy[field];
    if (!Number.isSafeInteger(value) || value < 0)
      throw invalid(
        `resubscribe.${field}`,
        'whole number from 0',
        `must be a whole number from 0, got ${describe(value)}`,
      );
  }
  return policy;
}
