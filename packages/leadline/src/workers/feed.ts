// Follows the store's global feed from a position: catch-up, then live. When the subscription fails
// (a dropped connection) it subscribes again after the last event handled, so nothing is skipped.
import { START, type EventFilter, type EventStore, type RecordedEvent, type Subscription } from '@leadline/eventstore';
import { sleep, type Timers } from '../runtime/clock.js';

export interface FeedHandlers {
  event(event: RecordedEvent): Promise<void> | void;
  /** History exhausted at `position` (the store's head then); live events follow. */
  caughtUp?(position: bigint): Promise<void> | void;
  /** The subscription failed; the feed resubscribes after `resubscribeDelayMs`. */
  failed?(error: unknown): void;
}

export interface Feed {
  /** The last position handled (an event, or the head at a caught-up marker). */
  position(): bigint;
  stop(): Promise<void>;
}

export function followFeed(
  store: EventStore,
  options: {
    readonly after: bigint;
    readonly filter?: EventFilter;
    readonly timers: Timers;
    readonly resubscribeDelayMs?: number;
  },
  handlers: FeedHandlers,
): Feed {
  let position = options.after;
  let stopped = false;
  let subscription: Subscription | null = null;
  const aborter = new AbortController();

  const run = async (): Promise<void> => {
    while (!stopped) {
      try {
        subscription = store.subscribe({
          after: position,
          ...(options.filter === undefined ? {} : { filter: options.filter }),
        });
        for await (const message of subscription) {
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() may have run during the await
          if (stopped) break;
          if (message.kind === 'event') {
            await handlers.event(message.event);
            position = message.event.position;
          } else {
            if (message.position > position) position = message.position;
            await handlers.caughtUp?.(message.position);
          }
        }
        return;
      } catch (error) {
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() may have run during the await
        if (stopped) return;
        handlers.failed?.(error);
        await sleep(options.timers, options.resubscribeDelayMs ?? 1_000, aborter.signal);
      }
    }
  };
  const running = run();

  return {
    position: () => position,
    async stop() {
      stopped = true;
      aborter.abort();
      await subscription?.stop();
      await running;
    },
  };
}

/** Whether an event matching the filter lies after `after` and at or before `head` (a follower is behind). */
export async function hasEventsBetween(
  store: EventStore,
  after: bigint,
  head: bigint,
  filter: EventFilter,
): Promise<boolean> {
  if (after >= head) return false;
  for await (const event of store.readAll({ after, maxCount: 1, filter })) return event.position <= head;
  return false;
}

/** A feed of some event types followed from the start, which knows whether it is behind the store. */
export interface WorkerFeed {
  /** Resolves at the first caught-up marker: the whole history has been handled. */
  readonly ready: Promise<void>;
  /** Whether an event of its types lies after what it handled, up to `head`. */
  behind(head: bigint): Promise<boolean>;
  stop(): Promise<void>;
}

export interface WorkerFeedHandlers {
  /** Every event, history first: what the worker learns. An event it throws on is reported and skipped. */
  track(event: RecordedEvent): void;
  /** After each live event, and once when the history is handled (`wentLive`): what the worker does. */
  react(wentLive: boolean): void;
  failed(error: unknown): void;
}

/** How a worker (claim expiry, stage removal, the email outbox) learns its state: its events, then live. */
export function followWorkerFeed(
  store: EventStore,
  options: { readonly eventTypes: readonly string[]; readonly timers: Timers },
  handlers: WorkerFeedHandlers,
): WorkerFeed {
  let lastHandled = START;
  let live = false;
  const filter = { eventTypes: options.eventTypes };
  let markReady = (): void => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const feed = followFeed(
    store,
    { after: START, filter, timers: options.timers },
    {
      event(event) {
        try {
          handlers.track(event);
        } catch (error) {
          // A malformed event (written past the commands) teaches nothing; the worker goes on past it.
          handlers.failed(new Error(`skipped malformed event ${event.eventId} (${event.type})`, { cause: error }));
        }
        lastHandled = event.position;
        if (live) handlers.react(false);
      },
      caughtUp(position) {
        if (position > lastHandled) lastHandled = position;
        if (live) return;
        live = true;
        handlers.react(true);
        markReady();
      },
      failed: (error) => {
        handlers.failed(error);
      },
    },
  );
  return { ready, behind: (head) => hasEventsBetween(store, lastHandled, head, filter), stop: () => feed.stop() };
}

/**
 * Resolves once the feed is not behind the store's head and the worker is idle; `kick` runs on each
 * turn while it is not (to start work that fell due), and the loop yields to the event loop between.
 */
export async function settleWorker(
  store: EventStore,
  feed: WorkerFeed | null,
  worker: { idle(): boolean; working(): Promise<void> | null; kick?(): void },
): Promise<void> {
  for (;;) {
    const head = await store.headPosition();
    await worker.working();
    const behind = (await feed?.behind(head)) ?? false;
    if (!behind && worker.idle()) return;
    worker.kick?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
}
