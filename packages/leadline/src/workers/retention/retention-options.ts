// createLeadline({ retention }) : how often the retention worker runs and how long its lease holds.
import { InvalidOptionError } from '../../commands/errors.js';
import { MAX_TIMER_DELAY_MS } from '../../runtime/clock.js';
import type { OrgId } from '@leadline/domain';
import type { LeaseStore } from '@leadline/projections';
import { MIN_TAKEOVER_WITHIN_MS } from '../leases/lease-options.js';
import type { RetentionSettings } from '../leadline-workers.js';
import { DEFAULT_RETENTION_INTERVAL_MS } from './retention-worker.js';

export interface RetentionOptions {
  /** Time between the worker's rounds, in ms (default one hour; at least one second). */
  readonly intervalMs?: number;
  /**
   * How long the job's lease holds without a renewal, in real ms (default twice the interval): another
   * process takes the job over at its first round after the holder stopped renewing for this long.
   */
  readonly leaseTtlMs?: number;
}

export const MIN_RETENTION_INTERVAL_MS = 1_000;

export function validateRetentionOptions(options: RetentionOptions): RetentionOptions {
  const { intervalMs, leaseTtlMs } = options;
  if (
    intervalMs !== undefined &&
    (!Number.isSafeInteger(intervalMs) || intervalMs < MIN_RETENTION_INTERVAL_MS || intervalMs > MAX_TIMER_DELAY_MS)
  )
    throw new InvalidOptionError(
      'retention.intervalMs',
      `range:${MIN_RETENTION_INTERVAL_MS}-${MAX_TIMER_DELAY_MS}`,
      `retention.intervalMs is a whole number of milliseconds from ${MIN_RETENTION_INTERVAL_MS} to ${MAX_TIMER_DELAY_MS} (about 24 days), not ${intervalMs}.`,
    );
  if (leaseTtlMs !== undefined && (!Number.isSafeInteger(leaseTtlMs) || leaseTtlMs < MIN_TAKEOVER_WITHIN_MS))
    throw new InvalidOptionError(
      'retention.leaseTtlMs',
      `at-least-${MIN_TAKEOVER_WITHIN_MS}`,
      `retention.leaseTtlMs is a whole number of milliseconds, at least ${MIN_TAKEOVER_WITHIN_MS}, not ${leaseTtlMs}.`,
    );
  return options;
}

/** The worker's settings: the options' interval and lease lifetime (defaults filled), the lease table, `apply`. */
export function retentionSettings(
  leases: LeaseStore,
  owner: string,
  options: RetentionOptions,
  apply: (orgId: OrgId) => Promise<unknown>,
): RetentionSettings {
  return {
    leases,
    owner,
    intervalMs: options.intervalMs ?? DEFAULT_RETENTION_INTERVAL_MS,
    ...(options.leaseTtlMs === undefined ? {} : { leaseTtlMs: options.leaseTtlMs }),
    apply: async (orgId) => {
      await apply(orgId);
    },
  };
}
