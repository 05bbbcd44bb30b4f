import { describe, expect, it } from '@jest/globals';
import type { SubscriptionMessage } from '../port/event-store.js';
import { StoreUnavailableError } from '../port/errors.js';
import type { RecordedEvent } from '../port/events.js';
import { START } from '../port/events.js';
import { testMetadata, takeMessages } from '../testing/helpers.js';
import { ChangeSignal } from './change-signal.js';
import { createPagedSubscription, type PagedFeed } from './paged-subscription.js';

const fast = { initialDelayMs: 1, maxDelayMs: 4, maxAttempts: 3 };

function recorded(position: number): RecordedEvent {
  return {
    eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type: 'NoteLogged',
    data: { position },
    metadata: testMetadata,
    streamName: `lead-${position}`,
    revision: 0n,
    position: BigInt(position),
  };
}

/** A feed over an in-memory log whose reads fail while `failing` says so (and count their calls). */
function flakyFeed(events: number, failing: (read: number) => Error | undefined, pageSize = 2) {
  const log = Array.from({ length: events }, (_, index) => recorded(index + 1));
  let reads = 0;
  const fail = (): void => {
    const error = failing(++reads);
    if (error !== undefined) throw error;
  };
  const feed: PagedFeed = {
    head: () => Promise.resolve().then(() => (fail(), BigInt(log.length))),
    readPage: (after, upTo, limit) =>
      Promise.resolve().then(
        () => (fail(), log.filter((event) => event.position > after && event.position <= upTo).slice(0, limit)),
      ),
    changes: new ChangeSignal(),
    pollMs: 5,
    pageSize,
    resubscribe: fast,
  };
  return { feed, log, reads: () => reads };
}

const positions = (messages: readonly SubscriptionMessage[]) =>
  messages.map((message) => (message.kind === 'event' ? Number(message.event.position) : message.kind));

describe('paged subscription when the store is unreachable for a while', () => {
  it('tries failed reads again from the last delivered event: every event once, in order', async () => {
    // Reads 2, 3 and 5 fail: in the middle of the history, twice in a row, and again after a success.
    const unreachable = new Set([2, 3, 5]);
    const { feed } = flakyFeed(5, (read) =>
      unreachable.has(read) ? new StoreUnavailableError('connection lost') : undefined,
    );
    const subscription = createPagedSubscription(feed, START);
    try {
      expect(positions(await takeMessages(subscription, 6))).toEqual([1, 2, 3, 4, 5, 'caught-up']);
    } finally {
      await subscription.stop();
    }
  });

  it('fails with StoreUnavailableError once more reads in a row fail than the policy allows', async () => {
    const { feed, reads } = flakyFeed(3, () => new StoreUnavailableError('server down'));
    const subscription = createPagedSubscription(feed, START);
    const iterator = subscription[Symbol.asyncIterator]();
    const failure = await iterator.next().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect((failure as Error).message).toContain('4 reads in a row failed');
    expect(reads()).toBe(fast.maxAttempts + 1);
  });

  it('does not retry an error that is not about reaching the store', async () => {
    const bug = new TypeError('a row could not be decoded');
    const { feed, reads } = flakyFeed(3, () => bug);
    const iterator = createPagedSubscription(feed, START)[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toBe(bug);
    expect(reads()).toBe(1);
  });

  it('stops at once while it waits to try again', async () => {
    const { feed } = flakyFeed(3, () => new StoreUnavailableError('server down'));
    const patient = { ...feed, resubscribe: { initialDelayMs: 60_000, maxDelayMs: 60_000, maxAttempts: 5 } };
    const subscription = createPagedSubscription(patient, START);
    const iterator = subscription[Symbol.asyncIterator]();
    const next = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    await subscription.stop();
    await expect(next).resolves.toEqual({ done: true, value: undefined });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
