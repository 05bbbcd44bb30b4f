// Writes ClaimExpired for every lapsed claim. It learns open claims from the store's feed (so a restart
// catches up on every claim that lapsed while it was down), sleeps until the earliest known expiry with
// one timer, and leaves exactly-once to the decider: expiring an ended claim decides nothing, and a
// second worker racing on the same lead loses the append, reloads and then decides nothing.
import type { EventStore, RecordedEvent } from '@leadline/eventstore';
import { MAX_TIMER_DELAY_MS, type Clock, type TimerHandle, type Timers } from '../../runtime/clock.js';
import { followWorkerFeed, settleWorker, type WorkerFeed } from '../feed.js';
import { ExpirySchedule, type OpenClaim } from './expiry-schedule.js';

/** The lead events that open or end a claim. */
export const CLAIM_EVENT_TYPES = [
  'LeadClaimed',
  'ClaimReleased',
  'ClaimExpired',
  'LeadAssigned',
  'LeadDeleted',
  'LeadMerged',
] as const;

export interface ClaimExpiryWorkerOptions {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly timers: Timers;
  /** Sends ExpireClaim for one claim; resolves when decided (written, or nothing to write). */
  readonly expire: (claim: OpenClaim) => Promise<void>;
  /** Expiry commands in flight at once when many claims lapse together. Default 16. */
  readonly concurrency?: number;
  /** A failed expiry (store down) is tried again after this long. Default 5 s. */
  readonly retryDelayMs?: number;
  /** Told about every failed expiry and feed failure; the worker carries on. */
  readonly onError?: (error: unknown, claim: OpenClaim | null) => void;
}

export interface ClaimExpiryWorker {
  /** Subscribes and catches up; resolves once every claim in the history is known (and lapsed ones are being expired). */
  start(): Promise<void>;
  /** Resolves when the feed has handled everything in the store now and no expiry is in flight or overdue. */
  settled(): Promise<void>;
  /** The earliest expiry the worker is waiting for. */
  nextExpiry(): Date | null;
  /** How many open claims it watches. */
  watching(): number;
  stop(): Promise<void>;
}

export function createClaimExpiryWorker(options: ClaimExpiryWorkerOptions): ClaimExpiryWorker {
  const { store, clock, timers } = options;
  const concurrency = options.concurrency ?? 16;
  const schedule = new ExpirySchedule();
  let feed: WorkerFeed | null = null;
  let live = false;
  let stopped = false;
  let timer: { handle: TimerHandle; at: number } | null = null;
  let inFlight = 0;
  let draining: Promise<void> | null = null;

  const track = (event: RecordedEvent): void => {
    const data = event.data as { leadId: string; claimId?: string; expiresAt?: string; side?: string };
    switch (event.type) {
      case 'LeadClaimed':
        schedule.open({
          orgId: event.metadata.orgId,
          leadId: data.leadId,
          claimId: data.claimId ?? '',
          expiresAt: Date.parse(data.expiresAt ?? ''),
          claimedEventId: event.eventId,
          correlationId: event.metadata.correlationId,
        });
        break;
      case 'ClaimReleased':
      case 'ClaimExpired':
        schedule.close(data.leadId, data.claimId);
        break;
      case 'LeadMerged':
        if (data.side === 'absorbed') schedule.close(data.leadId);
        break;
      default:
        schedule.close(data.leadId);
    }
  };

  const arm = (): void => {
    if (stopped || !live) return;
    const next = schedule.nextExpiry();
    if (next === null) {
      disarm();
      return;
    }
    if (timer !== null && timer.at <= next) return;
    disarm();
    const delay = Math.min(MAX_TIMER_DELAY_MS, Math.max(0, next - clock.now().getTime()));
    timer = { at: next, handle: timers.setTimeout(onTimer, delay) };
  };

  const disarm = (): void => {
    if (timer !== null) timers.clearTimeout(timer.handle);
    timer = null;
  };

  const onTimer = (): void => {
    timer = null;
    void drain();
  };

  const expireOne = async (claim: OpenClaim): Promise<void> => {
    try {
      await options.expire(claim);
    } catch (error) {
      options.onError?.(error, claim);
      // Try again later, unless a newer claim on the lead has replaced this one meanwhile.
      if (!stopped) schedule.retry(claim, clock.now().getTime() + (options.retryDelayMs ?? 5_000));
    }
  };

  const drain = (): Promise<void> => {
    draining ??= (async () => {
      for (
        let lapsed = schedule.takeLapsed(clock.now().getTime());
        lapsed.length > 0 && !stopped;
        lapsed = schedule.takeLapsed(clock.now().getTime())
      ) {
        inFlight += lapsed.length;
        const queue = [...lapsed];
        const lane = async (): Promise<void> => {
          for (let claim = queue.shift(); claim !== undefined; claim = queue.shift()) {
            await expireOne(claim);
            inFlight -= 1;
          }
        };
        await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, lane));
      }
    })().finally(() => {
      draining = null;
      arm();
    });
    return draining;
  };

  return {
    start() {
      if (feed !== null) throw new Error('The claim expiry worker is already started.');
      feed = followWorkerFeed(
        store,
        { eventTypes: CLAIM_EVENT_TYPES, timers },
        {
          track,
          react(wentLive) {
            live = true;
            if (wentLive) void drain();
            else arm();
          },
          failed: (error) => options.onError?.(error, null),
        },
      );
      return feed.ready;
    },
    settled: () => {
      const overdue = (): boolean => (schedule.nextExpiry() ?? Infinity) <= clock.now().getTime();
      return settleWorker(store, feed, {
        idle: () => !overdue() && inFlight === 0 && draining === null,
        working: () => draining,
        kick: () => {
          if (overdue() && draining === null) void drain();
        },
      });
    },
    nextExpiry() {
      const next = schedule.nextExpiry();
      return next === null ? null : new Date(next);
    },
    watching: () => schedule.size,
    async stop() {
      stopped = true;
      disarm();
      await feed?.stop();
      await draining;
    },
  };
}
