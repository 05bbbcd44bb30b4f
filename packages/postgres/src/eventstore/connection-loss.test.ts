// The server goes away under a live subscription: connections terminated while idle or in the middle
// of a read. The subscription pauses and goes on, every event once and in order, or fails with
// StoreUnavailableError when the outage outlasts its policy.
import { expect, it } from '@jest/globals';
import {
  StoreUnavailableError,
  type EventStore,
  type RecordedEvent,
  type Subscription,
  type SubscriptionMessage,
} from '@leadline/eventstore';
import { anEvent, takeMessages } from '@leadline/eventstore/testing';
import { describeWithPostgres, usePostgresTestSchema } from '../testing/index.js';
import { openPostgresEventStore } from './open-postgres-event-store.js';

describeWithPostgres('PostgreSQL event store when the server drops connections or fails reads', () => {
  const postgres = usePostgresTestSchema({ prefix: 'leadline_loss' });
  const applicationName = `leadline_loss_${process.pid}`;
  const quick = { initialDelayMs: 10, maxDelayMs: 50, maxAttempts: 50 };

  /** A store on a pool of its own, opened from a connection string that names its connections. */
  function openNamedStore(resubscribe = quick): Promise<EventStore> {
    const url = new URL(postgres.url);
    url.searchParams.set('application_name', applicationName);
    return openPostgresEventStore({
      connectionString: url.toString(),
      schema: postgres.schema,
      pollIntervalMs: 50,
      resubscribe,
    });
  }

  const writer = () => openPostgresEventStore({ pool: postgres.pool, schema: postgres.schema });
  const types = (messages: readonly SubscriptionMessage[]) =>
    messages.map((message) => (message.kind === 'event' ? message.event.type : message.kind));
  const events = (messages: readonly SubscriptionMessage[]) =>
    messages.flatMap((message) => (message.kind === 'event' ? [message.event] : []));

  async function withStores(
    test: (store: EventStore, other: EventStore, subscription: Subscription) => Promise<void>,
    resubscribe = quick,
  ): Promise<void> {
    const store = await openNamedStore(resubscribe);
    const other = await writer();
    const subscription = store.subscribe({ after: await other.headPosition() });
    try {
      expect(types(await takeMessages(subscription, 1))).toEqual(['caught-up']);
      await test(store, other, subscription);
    } finally {
      await subscription.stop();
      await store.dispose();
      await other.dispose();
    }
  }

  const inOrderOnce = (received: readonly RecordedEvent[]) => {
    const positions = received.map((event) => event.position);
    expect([...new Set(positions)].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
  };

  it('goes on after the server terminates every connection of its store, which itself keeps appending', () =>
    withStores(async (store, other, subscription) => {
      await other.append('lead-1', [anEvent('A')]);
      const received = events(await takeMessages(subscription, 1));
      const { rows } = await postgres.pool.query<{ terminated: boolean }>(
        'SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE application_name = $1',
        [applicationName],
      );
      expect(rows.length).toBeGreaterThan(0);
      await other.append('lead-1', [anEvent('B'), anEvent('C')]);
      received.push(...events(await takeMessages(subscription, 2, 10_000)));
      // The store's own pool lost its connections too (an unhandled pool error would end the process).
      await store.append('lead-2', [anEvent('D')]);
      received.push(...events(await takeMessages(subscription, 1, 10_000)));
      expect(received.map((event) => event.type)).toEqual(['A', 'B', 'C', 'D']);
      inOrderOnce(received);
    }));

  /**
   * Holds an exclusive lock on the events table until the store's next read waits on it, terminates
   * the connection of that waiting read (the read fails in flight), and releases the lock after
   * `times` such failures.
   */
  async function failReadsInFlight(times: number): Promise<void> {
    const locker = await postgres.pool.connect();
    const terminated = new Set<number>();
    try {
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE "${postgres.schema}".events IN ACCESS EXCLUSIVE MODE`);
      while (terminated.size < times) {
        // A terminated backend may still be listed for a moment: only a new waiting read counts.
        const waiting = (await waitingReads()).filter((pid) => !terminated.has(pid));
        if (waiting.length === 0) continue;
        await postgres.pool.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [waiting]);
        for (const pid of waiting) terminated.add(pid);
      }
    } finally {
      await locker.query('COMMIT');
      locker.release();
    }
  }

  async function waitingReads(): Promise<number[]> {
    for (let attempt = 0; attempt < 500; attempt++) {
      const { rows } = await postgres.pool.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
        [applicationName],
      );
      if (rows.length > 0) return rows.map((row) => row.pid);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('No read of the store came to wait on the lock');
  }

  it('tries a read again when its connection is lost in flight, then delivers what came meanwhile', () =>
    withStores(async (_store, other, subscription) => {
      await other.append('lead-3', [anEvent('E')]);
      const received = events(await takeMessages(subscription, 1));
      // A consumer waits for the next message, so the subscription keeps reading.
      const next = takeMessages(subscription, 1, 10_000);
      await failReadsInFlight(3);
      await other.append('lead-3', [anEvent('F')]);
      received.push(...events(await next));
      expect(received.map((event) => event.type)).toEqual(['E', 'F']);
      inOrderOnce(received);
    }));

  it('fails with StoreUnavailableError when more reads in a row fail than its policy allows', () =>
    withStores(
      async (_store, _other, subscription) => {
        const next = subscription[Symbol.asyncIterator]().next();
        await failReadsInFlight(3);
        await expect(next).rejects.toBeInstanceOf(StoreUnavailableError);
      },
      { initialDelayMs: 5, maxDelayMs: 10, maxAttempts: 2 },
    ));
});
