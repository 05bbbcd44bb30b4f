import { Pool } from 'pg';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { EventStore } from '@leadline/eventstore';
import { anEvent, takeMessages } from '@leadline/eventstore/testing';
import { describeWithPostgres, usePostgresTestSchema } from '../testing/index.js';
import { openPostgresEventStore } from './open-postgres-event-store.js';

describeWithPostgres('PostgreSQL event store live wake-ups', () => {
  const postgres = usePostgresTestSchema({ prefix: 'leadline_notify' });
  const pools: Pool[] = [];
  // Unset when beforeAll failed; afterAll then closes what it did open.
  let subscriberStore: EventStore | undefined;
  let writerStore: EventStore | undefined;

  beforeAll(async () => {
    // Two stores on separate pools stand for two processes: only NOTIFY carries news between them.
    pools.push(
      new Pool({ connectionString: postgres.url, max: 2 }),
      new Pool({ connectionString: postgres.url, max: 1 }),
    );
    subscriberStore = await openPostgresEventStore({
      pool: pools[0],
      schema: postgres.schema,
      pollIntervalMs: 60_000,
    });
    writerStore = await openPostgresEventStore({ pool: pools[1], schema: postgres.schema });
  });

  afterAll(async () => {
    await subscriberStore?.dispose();
    await writerStore?.dispose();
    await Promise.all(pools.map((pool) => pool.end()));
  });

  it("wakes a subscriber at once for another store's appends, long before its fallback poll", async () => {
    const subscription = subscriberStore!.subscribe();
    try {
      expect(await takeMessages(subscription, 1)).toEqual([{ kind: 'caught-up', position: 0n }]);
      const listeners = await postgres.pool.query(
        `SELECT count(*)::int AS count FROM "${postgres.schema}".notification_listeners`,
      );
      expect(listeners.rows[0]).toEqual({ count: 1 });
      for (const type of ['A', 'B', 'C']) {
        await writerStore!.append('lead-1', [anEvent(type)]);
        const [message] = await takeMessages(subscription, 1, 5_000);
        expect(message?.kind === 'event' ? message.event.type : message).toBe(type);
      }
    } finally {
      await subscription.stop();
    }
  });

  it('unregisters its listening connection when the store is disposed', async () => {
    const store = await openPostgresEventStore({ pool: postgres.pool, schema: postgres.schema });
    const subscription = store.subscribe();
    await takeMessages(subscription, 4);
    const count = async () =>
      (
        await postgres.pool.query<{ count: number }>(
          `SELECT count(*)::int AS count FROM "${postgres.schema}".notification_listeners`,
        )
      ).rows[0]?.count;
    expect(await count()).toBe(2);
    await store.dispose();
    expect(await count()).toBe(1);
  });
});
