// Follows the store's global feed from a position: catch-up, then live. When the subscription fails
// (a dropped connection) it subscribes again after the last event handled, so nothing is skipped.
import type { EventFilter, EventStore, RecordedEvent, Subscription } from '@leadline/eventstore';
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
