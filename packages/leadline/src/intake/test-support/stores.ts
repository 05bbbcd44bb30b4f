// The stores intake is tested on: memory, SQLite (a file per store), PostgreSQL (a schema per store,
// skipped with one line without LEADLINE_TEST_POSTGRES_URL) and the EventStoreDB protocol stand-in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe } from '@jest/globals';
import { createMemoryEventStore, type EventStore } from '@leadline/eventstore';
import { eventStoreDbTestFactory } from '@leadline/eventstoredb/testing';
import { openPostgresEventStore } from '@leadline/postgres';
import { describeWithPostgres, uniqueSchemaName, usePostgresTestSchema } from '@leadline/postgres/testing';
import { openSqliteEventStore } from '@leadline/sqlite';

export type OpenStore = () => Promise<EventStore>;
export type StoreName = 'memory' | 'sqlite' | 'postgres' | 'eventstoredb';

/** Runs `suite` once per store, inside a describe named after it; stores opened are disposed after each test. */
export function describeOnStores(
  title: string,
  stores: readonly StoreName[],
  suite: (open: OpenStore, store: StoreName) => void,
): void {
  for (const store of stores) {
    const wrap = store === 'postgres' ? describeWithPostgres : describe;
    wrap(`${title} (${store})`, () => suite(opener(store), store));
  }
}

function opener(store: StoreName): OpenStore {
  const opened: { store: EventStore; cleanup: () => Promise<void> }[] = [];
  afterEach(async () => {
    for (const entry of opened.splice(0)) await entry.cleanup();
  });
  const track = (eventStore: EventStore, cleanup: () => Promise<void>): EventStore => {
    opened.push({ store: eventStore, cleanup });
    return eventStore;
  };
  switch (store) {
    case 'memory':
      return async () => {
        const memory = createMemoryEventStore();
        return track(memory, () => memory.dispose());
      };
    case 'sqlite':
      return async () => {
        const folder = mkdtempSync(join(tmpdir(), 'leadline-intake-'));
        const sqlite = openSqliteEventStore({ file: join(folder, 'events.db'), durability: 'normal' });
        return track(sqlite, async () => {
          await sqlite.dispose().catch(() => undefined);
          rmSync(folder, { recursive: true, force: true });
        });
      };
    case 'postgres': {
      const server = usePostgresTestSchema({ prefix: 'leadline_intake' });
      return async () => {
        const schema = uniqueSchemaName('leadline_intake');
        const postgres = await openPostgresEventStore({ pool: server.pool, schema });
        return track(postgres, async () => {
          await postgres.dispose().catch(() => undefined);
          await server.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        });
      };
    }
    case 'eventstoredb': {
      const factory = eventStoreDbTestFactory();
      return async () => {
        const esdb = await factory.create();
        return track(esdb, () => factory.dispose?.(esdb) ?? esdb.dispose());
      };
    }
  }
}
