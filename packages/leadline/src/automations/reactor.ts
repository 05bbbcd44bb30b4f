// One reactor: follows the feed after its checkpoint, hands each matching event to user code, retries a
// throwing handler with backoff, and parks the event after the last attempt so the reactor moves on.
import type { LeaseStore } from '@leadline/projections';
import type { EventOfType, LeadlineEventType } from '@leadline/domain';
import { START, type EventStore, type RecordedEvent } from '@leadline/eventstore';
import { sleep, type Clock, type RandomSource, type Timers } from '../runtime/clock.js';
import { backoffDelay, type RetryPolicy } from '../commands/retry.js';
import { followFeed, type Feed } from '../workers/feed.js';
import type { ReactorStateStore } from './reactor-state.js';

/** What a handler receives: the recorded event, its data typed by the catalogue. */
export type ReactorEvent<T extends LeadlineEventType = LeadlineEventType> = T extends LeadlineEventType
  ? RecordedEvent<T, EventOfType<T>['data']>
  : never;

export interface ReactorDelivery {
  readonly reactor: string;
  /** 1 on the first delivery; delivery is at-least-once, so deduplicate on `event.eventId`. */
  readonly attempt: number;
}

export type ReactorHandler<T extends LeadlineEventType> = (
  event: ReactorEvent<T>,
  delivery: ReactorDelivery,
) => Promise<void> | void;

export interface ReactorOptions {
  /** Stable: it names the checkpoint and the parked events. */
  readonly name: string;
  /** Deliveries of one event before it is parked. Default 5. */
  readonly maxAttempts?: number;
  /** Delay between attempts: jittered exponential backoff. Default 100 ms doubling up to 30 s. */
  readonly backoff?: { readonly baseDelayMs: number; readonly maxDelayMs: number };
  /** Where a reactor without a checkpoint begins: every stored event (default) or only events from now on. */
  readonly startAt?: 'beginning' | 'end';
}

export interface ReactorRuntime {
  readonly store: EventStore;
  readonly state: ReactorStateStore;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly random: RandomSource;
  readonly onError: (error: unknown, reactor: string, event: RecordedEvent | null) => void;
  /** With several processes: each reactor runs in the one holding its lease. */
  readonly lease?: ReactorLeases;
}

/** Where a reactor's lease is held, by whom, and how soon a dead owner's reactor moves elsewhere. */
export interface ReactorLeases {
  readonly leases: LeaseStore;
  readonly owner: string;
  readonly takeoverWithinMs: number;
}

export interface RunningReactor {
  /** Position of the last event the reactor finished with (handled or parked). */
  position(): bigint;
  /** False while another process holds this reactor's lease: it runs there, not here. */
  active?(): boolean;
  stop(): Promise<void>;
}

export interface ReactorDefinition {
  readonly eventTypes: readonly LeadlineEventType[];
  readonly handler: (event: RecordedEvent, delivery: ReactorDelivery) => Promise<void> | void;
  readonly options: ReactorOptions;
}

export const DEFAULT_REACTOR_BACKOFF = { baseDelayMs: 100, maxDelayMs: 30_000 } as const;

/** Delivers one event, retrying; resolves true when handled, false after the last failed attempt. */
export async function deliver(
  runtime: ReactorRuntime,
  definition: ReactorDefinition,
  event: RecordedEvent,
  stopping: AbortSignal,
): Promise<{ handled: boolean; attempts: number; error: unknown }> {
  const name = definition.options.name;
  const maxAttempts = definition.options.maxAttempts ?? 5;
  const policy: RetryPolicy = { maxAttempts, ...(definition.options.backoff ?? DEFAULT_REACTOR_BACKOFF) };
  let lastError: unknown = null;
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    try {
      await definition.handler(event, { reactor: name, attempt });
      return { handled: true, attempts: attempt, error: null };
    } catch (error) {
      lastError = error;
      runtime.onError(error, name, event);
      if (attempt === maxAttempts || stopping.aborted) return { handled: false, attempts: attempt, error };
      await sleep(runtime.timers, backoffDelay(policy, attempt, runtime.random), stopping);
    }
  }
  return { handled: false, attempts: maxAttempts, error: lastError };
}

export async function startReactor(runtime: ReactorRuntime, definition: ReactorDefinition): Promise<RunningReactor> {
  const name = definition.options.name;
  const stopping = new AbortController();
  const saved = await runtime.state.checkpoint(name);
  const after = saved ?? (definition.options.startAt === 'end' ? await runtime.store.headPosition() : START);
  let position = after;

  const feed: Feed = followFeed(
    runtime.store,
    { after, filter: { eventTypes: definition.eventTypes }, timers: runtime.timers },
    {
      async event(event) {
        const outcome = await deliver(runtime, definition, event, stopping.signal);
        // Stopped mid-retry: keep the checkpoint before the event so the next start delivers it again.
        if (!outcome.handled && stopping.signal.aborted) throw new ReactorStopped();
        if (outcome.handled) await runtime.state.saveCheckpoint(name, event.position);
        else
          await runtime.state.park({
            reactor: name,
            event,
            attempts: outcome.attempts,
            error: describeError(outcome.error),
            parkedAt: runtime.clock.now().toISOString(),
          });
        position = event.position;
      },
      failed: (error) => {
        if (!(error instanceof ReactorStopped)) runtime.onError(error, name, null);
      },
    },
  );

  return {
    position: () => position,
    async stop() {
      stopping.abort();
      await feed.stop();
    },
  };
}

class ReactorStopped extends Error {}

export const describeError = (error: unknown): { name: string; message: string } =>
  error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
