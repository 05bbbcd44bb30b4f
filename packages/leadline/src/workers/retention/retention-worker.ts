// The scheduled retention job: every organisation's stored policy applied on an interval. Each process
// runs the worker; a lease in the read-model database (`job:retention`) lets one of them do the work,
// renewed at each round, given up at stop and taken over by another process once it lapses. Erasure is
// idempotent, so a round overlapping a takeover erases nothing twice. The worker learns which
// organisations have a policy from RetentionPolicySet events; each round reads the policy it applies.
import type { EventStore, RecordedEvent } from '@leadline/eventstore';
import type { LeaseGrant, LeaseStore } from '@leadline/projections';
import type { TimerHandle, Timers } from '../../runtime/clock.js';
import { createFeedWorker } from '../feed-worker.js';

export const RETENTION_EVENT_TYPES = ['RetentionPolicySet'] as const;

/** The lease of the job in the read-model database: one holder runs the rounds. */
export const RETENTION_LEASE = 'job:retention';

/** One hour between rounds unless configured. */
export const DEFAULT_RETENTION_INTERVAL_MS = 60 * 60 * 1000;

export interface RetentionWorkerOptions {
  readonly store: EventStore;
  readonly timers: Timers;
  readonly leases: LeaseStore;
  /** This process in the lease table. */
  readonly owner: string;
  /** Time between rounds (on `timers`). */
  readonly intervalMs: number;
  /** How long the lease holds without a renewal, in real time (the database's clock): twice the interval unless given. */
  readonly leaseTtlMs?: number;
  /** Applies the organisation's stored policy (nothing when it has none). */
  readonly apply: (orgId: string) => Promise<void>;
  readonly onError?: (error: unknown, orgId: string | null) => void;
}

export interface RetentionWorker {
  /** Learns the policies, then runs a round at once (when this process holds the lease) and every interval. */
  start(): Promise<void>;
  /** Resolves when the feed is handled and no round is running. */
  settled(): Promise<void>;
  /** Runs a round now (the next one follows an interval later). */
  runNow(): Promise<void>;
  /** Whether this process held the lease at its last round. */
  holdsLease(): boolean;
  stop(): Promise<void>;
}

export function createRetentionWorker(options: RetentionWorkerOptions): RetentionWorker {
  const { timers, leases, owner, intervalMs } = options;
  const ttlMs = options.leaseTtlMs ?? 2 * intervalMs;
  /** Organisations whose last RetentionPolicySet set months (not null). */
  const withPolicy = new Set<string>();
  let grant: LeaseGrant | null = null;
  let timer: TimerHandle | null = null;

  const track = (event: RecordedEvent): void => {
    const data = event.data as { orgId?: string; policy?: { lostLeadsAfterMonths?: number | null } };
    const orgId = data.orgId ?? event.metadata.orgId;
    if (typeof data.policy?.lostLeadsAfterMonths === 'number') withPolicy.add(orgId);
    else withPolicy.delete(orgId);
    // The first policy of a live worker starts the schedule: without one, no timer runs at all.
    if (timer === null && worker.live() && worker.working() === null) arm();
  };

  /** Takes or renews the lease (acquiring again as its owner keeps the token); null when another holds it. */
  const hold = async (): Promise<boolean> => {
    grant = await leases.acquire(RETENTION_LEASE, owner, ttlMs);
    return grant !== null;
  };

  const work = async (stopped: () => boolean): Promise<void> => {
    if (withPolicy.size === 0) return;
    try {
      if (!(await hold())) return;
    } catch (error) {
      options.onError?.(error, null);
      return;
    }
    for (const orgId of [...withPolicy].sort()) {
      // Renewed before each organisation: a long round keeps the lease, and a lost one ends the round.
      if (stopped() || !(await hold().catch(() => false))) return;
      try {
        await options.apply(orgId);
      } catch (error) {
        options.onError?.(error, orgId);
      }
    }
  };

  const arm = (): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (withPolicy.size === 0) return;
    timer = timers.setTimeout(() => {
      timer = null;
      void worker.round();
    }, intervalMs);
  };

  const worker = createFeedWorker({
    store: options.store,
    timers,
    eventTypes: RETENTION_EVENT_TYPES,
    track,
    work,
    // A round when the history is handled; a new policy waits for the next interval.
    wantsRound: (wentLive) => wentLive,
    afterRound: arm,
    onStop() {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
    failed: (error) => options.onError?.(error, null),
  });

  return {
    start: () => worker.start(),
    settled: () => worker.settled({ idle: () => true }),
    runNow: () => worker.round(),
    holdsLease: () => grant !== null,
    async stop() {
      await worker.stop();
      const held = grant;
      grant = null;
      // Given up at once, so another process takes the job at its next round instead of after the lease lapses.
      if (held !== null) await leases.release(held).catch((error: unknown) => options.onError?.(error, null));
    },
  };
}
