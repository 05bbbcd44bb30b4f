import { randomInt } from 'node:crypto';
import { Pool } from 'pg';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import {
  ExpectedRevision,
  type EventStore,
  type RecordedEvent,
  type Subscription,
  type SubscriptionMessage,
} from '@leadline/eventstore';
import { anEvent, collect, takeMessages } from '@leadline/eventstore/testing';
import { describeWithPostgres, usePostgresTestSchema } from '../testing/index.js';
import { openPostgresEventStore } from './open-postgres-event-store.js';

const WRITERS = 8;
const ROUNDS = 8;
const APPENDS_PER_WRITER_PER_ROUND = 10;

describeWithPostgres('PostgreSQL event store under concurrent writers', () => {
  const postgres = usePostgresTestSchema({ prefix: 'leadline_concurrency' });
  // Pools of the test's own: the helper ends its pool in its afterAll, which runs before this file's.
  const pools: Pool[] = [];
  const writers: EventStore[] = [];
  let reader: EventStore | undefined; // unset when beforeAll failed before opening it

  beforeAll(async () => {
    const readerPool = new Pool({ connectionString: postgres.url, max: 2 });
    pools.push(readerPool);
    reader = await openPostgresEventStore({ pool: readerPool, schema: postgres.schema, pollIntervalMs: 250 });
    for (let writer = 0; writer < WRITERS; writer++) {
      // One connection each: eight sessions whose transactions really overlap on the server.
      const pool = new Pool({ connectionString: postgres.url, max: 1 });
      pools.push(pool);
      writers.push(await openPostgresEventStore({ pool, schema: postgres.schema }));
    }
  });

  afterAll(async () => {
    await Promise.all(writers.map((store) => store.dispose()));
    await reader?.dispose();
    await Promise.all(pools.map((pool) => pool.end()));
  });

  /** One writer's share of a round: batches of 1-4 events to its own streams (exact revisions) and to shared ones. */
  async function writeRound(store: EventStore, writer: number, round: number): Promise<void> {
    for (let append = 0; append < APPENDS_PER_WRITER_PER_ROUND; append++) {
      const events = Array.from({ length: randomInt(1, 5) }, (_, index) =>
        anEvent('Written', { writer, round, append, index }),
      );
      if (append % 3 === 0) {
        await store.append(`shared-${append % 2}`, events, { expectedRevision: ExpectedRevision.Any });
      } else {
        const stream = `writer-${writer}-${append % 4}`;
        const current = await store.streamRevision(stream);
        await store.append(stream, events, { expectedRevision: current ?? ExpectedRevision.NoStream });
      }
    }
  }

  const eventsOf = (messages: readonly SubscriptionMessage[]): RecordedEvent[] =>
    messages.flatMap((message) => (message.kind === 'event' ? [message.event] : []));

  it(`delivers every event exactly once, in global order, with nothing skipped: ${WRITERS} writers, ${ROUNDS} rounds`, async () => {
    const live = reader!.subscribe();
    let late: Subscription | undefined;
    const delivered: RecordedEvent[] = [];
    const lateDelivered: SubscriptionMessage[] = [];
    try {
      expect(await takeMessages(live, 1)).toEqual([{ kind: 'caught-up', position: 0n }]);
      for (let round = 0; round < ROUNDS; round++) {
        // Halfway, a second subscriber starts: its catch-up meets the live feed while writers run.
        if (round === ROUNDS / 2) late = reader!.subscribe();
        const lateReading =
          late === undefined
            ? undefined
            : takeMessages(late, 40, 10_000).then((messages) => lateDelivered.push(...messages));
        await Promise.all(writers.map((store, writer) => writeRound(store, writer, round)));
        await lateReading;
        const head = await reader!.headPosition();
        while (delivered.length < Number(head))
          delivered.push(...eventsOf(await takeMessages(live, Number(head) - delivered.length, 10_000)));

        // Dense, increasing positions: the feed skipped nothing and repeated nothing.
        expect(delivered.map((event) => event.position)).toEqual(delivered.map((_, index) => BigInt(index + 1)));
        expect(new Set(delivered.map((event) => event.eventId)).size).toBe(delivered.length);
      }
      expect(delivered).toEqual(await collect(reader!.readAll()));
      expect(delivered).toHaveLength(await countWritten());

      const head = await reader!.headPosition();
      const lateEvents = eventsOf(lateDelivered);
      const remaining = Number(head) - lateEvents.length;
      lateDelivered.push(...(await takeMessages(late as Subscription, remaining + 1, 10_000)));
      expect(lateDelivered.filter((message) => message.kind === 'caught-up')).toHaveLength(1);
      expect(eventsOf(lateDelivered)).toEqual(delivered);
    } finally {
      await live.stop();
      await late?.stop();
    }
  }, 120_000);

  async function countWritten(): Promise<number> {
    const { rows } = await postgres.pool.query<{ count: string }>(
      `SELECT count(*) AS count FROM "${postgres.schema}".events`,
    );
    return Number(rows[0]?.count);
  }
});
