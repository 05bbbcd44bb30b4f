// A catch-up subscription over any store that can read pages of its global log: history, `caught-up`
// once, then live events, each exactly once and in position order. A read that fails because the store
// is unreachable (StoreUnavailableError) is tried again from the last delivered position with bounded
// backoff, so a database restart costs a pause, not the subscription.
import type { Subscription, SubscriptionMessage } from '../port/event-store.js';
import type { RecordedEvent } from '../port/events.js';
import { EventStoreErrorCode, StoreUnavailableError } from '../port/errors.js';
import { resubscribeDelayMs, type ResubscribePolicy } from '../resubscribe/resubscribe-policy.js';
import type { ChangeSignal } from './change-signal.js';

export interface PagedFeed {
  /** The position up to which the log is final: no event can later appear at or below it. */
  head(): Promise<bigint>;
  /** Matching events with after < position <= upTo, oldest first, at most `limit`. */
  readPage(after: bigint, upTo: bigint, limit: number): Promise<readonly RecordedEvent[]>;
  readonly changes: ChangeSignal;
  /** Longest wait before looking again without a wake-up. */
  readonly pollMs: number;
  readonly pageSize: number;
  /** How failed reads are tried again. */
  readonly resubscribe: ResubscribePolicy;
}

export function createPagedSubscription(
  feed: PagedFeed,
  after: bigint,
  onStop: () => void = () => undefined,
): Subscription {
  const stopping = new AbortController();

  async function* deliver(): AsyncGenerator<SubscriptionMessage, void, undefined> {
    let cursor = after;
    let caughtUp = false;
    let failures = 0;
    try {
      while (!stopping.signal.aborted) {
        // Taken before reading: an append that lands while we read ends the next wait at once.
        const seen = feed.changes.current;
        let head: bigint;
        let page: readonly RecordedEvent[] = [];
        try {
          head = await feed.head();
          if (cursor < head) page = await feed.readPage(cursor, head, feed.pageSize);
          failures = 0;
        } catch (error) {
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- aborted by stop() during the read
          if (stopping.signal.aborted || !isUnavailable(error)) throw error;
          failures += 1;
          if (failures > feed.resubscribe.maxAttempts) {
            throw new StoreUnavailableError(
              `The subscription could not read the store: ${failures} reads in a row failed.`,
              { cause: error },
            );
          }
          await feed.changes.wait(
            feed.changes.current,
            resubscribeDelayMs(feed.resubscribe, failures),
            stopping.signal,
          );
          continue;
        }
        for (const event of page) {
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- aborted by stop() during a read or a yield
          if (stopping.signal.aborted) return;
          yield { kind: 'event', event };
        }
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- aborted by stop() during a read or a yield
        if (stopping.signal.aborted) return;
        if (cursor < head) {
          // A short page means nothing else matches up to head: skip the filtered-out rest in one step.
          cursor = page.length < feed.pageSize ? head : (page[page.length - 1] as RecordedEvent).position;
          continue;
        }
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

/** By code, not instanceof: the error may come from another copy of this package. */
function isUnavailable(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === EventStoreErrorCode.Unavailable;
}
