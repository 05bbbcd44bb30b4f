// A catch-up subscription over any store that can read pages of its global log: history, `caught-up`
// once, then live events, each exactly once and in position order.
import type { Subscription, SubscriptionMessage } from '../port/event-store';
import type { RecordedEvent } from '../port/events';
import type { ChangeSignal } from './change-signal';

export interface PagedFeed {
  /** The position up to which the log is final: no event can later appear at or below it. */
  head(): Promise<bigint>;
  /** Matching events with after < position <= upTo, oldest first, at most `limit`. */
  readPage(after: bigint, upTo: bigint, limit: number): Promise<readonly RecordedEvent[]>;
  readonly changes: ChangeSignal;
  /** Longest wait before looking again without a wake-up. */
  readonly pollMs: number;
  readonly pageSize: number;
}

export function createPagedSubscription(feed: PagedFeed, after: bigint, onStop: () => void = () => undefined): Subscription {
  const stopping = new AbortController();

  async function* deliver(): AsyncGenerator<SubscriptionMessage, void, undefined> {
    let cursor = after;
    let caughtUp = false;
    try {
      while (!stopping.signal.aborted) {
        // Taken before reading: an append that lands while we read ends the next wait at once.
        const seen = feed.changes.current;
        const head = await feed.head();
        while (cursor < head) {
          const page = await feed.readPage(cursor, head, feed.pageSize);
          for (const event of page) {
            if (stopping.signal.aborted) return;
            yield { kind: 'event', event };
          }
          // A short page means nothing else matches up to head: skip the filtered-out rest in one step.
          cursor = page.length < feed.pageSize ? head : (page[page.length - 1] as RecordedEvent).position;
        }
        if (stopping.signal.aborted) return;
        if (!caughtUp) {
          caughtUp = true;
          yield { kind: 'caught-up', position: head };
          continue;
        }
        await feed.changes.wait(seen, feed.pollMs, stopping.signal);
      }
    } catch (error) {
      // A read cut short by stop() or by disposing the store ends the subscription, not in an error.
      if (!stopping.signal.aborted) throw error;
    } finally {
      stopping.abort();
      onStop();
    }
  }

  const messages = deliver();
  return {
    [Symbol.asyncIterator]: () => messages,
    async stop(): Promise<void> {
      if (stopping.signal.aborted) return;
      stopping.abort();
      // Ends a consumer parked on next(): the generator wakes from its wait and returns.
      await messages.return(undefined);
    },
  };
}
