// A subscription over the memory store's global log: history from a position, `caught-up` once, then live.
import type { Subscription, SubscriptionMessage } from '../port/event-store.js';
import type { RecordedEvent } from '../port/events.js';
import type { EventPredicate } from '../filter/event-filter.js';

/** What a subscription needs from the store: the log, and a way to sleep until it grows. */
export interface MemoryFeed {
  readonly log: readonly RecordedEvent[];
  /** Resolves on the next append or when the store is disposed. */
  nextChange(): Promise<void>;
  readonly disposed: boolean;
  present(event: RecordedEvent): RecordedEvent;
}

export function createMemorySubscription(feed: MemoryFeed, after: bigint, matches: EventPredicate): Subscription {
  let stopped = false;
  let wake: (() => void) | undefined;

  async function* deliver(): AsyncGenerator<SubscriptionMessage, void, undefined> {
    // Positions are 1-based and dense in the memory log: position p sits at index p - 1.
    let next = Number(after);
    let caughtUp = false;
    while (!stopped && !feed.disposed) {
      const log = feed.log;
      while (next < log.length) {
        const event = log[next++] as RecordedEvent;
        if (matches(event)) yield { kind: 'event', event: feed.present(event) };
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() may have run while suspended at the yield
        if (stopped) return;
      }
      if (!caughtUp) {
        caughtUp = true;
        yield { kind: 'caught-up', position: BigInt(Math.max(log.length, Number(after))) };
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        void feed.nextChange().then(resolve);
      });
      wake = undefined;
    }
  }

  const messages = deliver();
  return {
    [Symbol.asyncIterator]: () => messages,
    stop(): Promise<void> {
      stopped = true;
      wake?.();
      return Promise.resolve();
    },
  };
}
