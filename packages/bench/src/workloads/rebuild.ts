// rebuild.<store>: rebuild every read model from 100,000 events of realistic lead histories (decided
// by the domain's deciders) into a fresh read-model store; the ceiling is the same event store's own
// readAll over the same events, in the same run. `--events 1000000` for a million.
// rebuildBeside.<store>: the same, but the models are live and caught up before the clock starts, and
// the rebuild builds beside them (bulk load with primary keys only, indexes after, catch-up, switch).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import type { EventStore, RecordedEvent } from '@leadline/eventstore';
import { createMemoryEventStore } from '@leadline/eventstore';
import { openPostgresEventStore, openPostgresReadModelStore } from '@leadline/postgres';
import type { ReadModelStore } from '@leadline/projections';
import { ALL_PROJECTORS, createProjectionRunner, rebuild } from '@leadline/projections';
import { generateSeededHistory, seededSteps } from '@leadline/projections/histories';
import { openSqliteEventStore, openSqliteReadModelStore } from '@leadline/sqlite';
import { registerWorkload, type Trial, type Workload } from '../harness/registry.js';

const SEED = 2026;
/** Events per transaction while rebuilding. */
export const REBUILD_BATCH_SIZE = 10_000;
const histories = new Map<number, RecordedEvent[]>();

/** The history of `events` events, generated once per run (outside the clock). */
export function historyOf(events: number): RecordedEvent[] {
  let history = histories.get(events);
  if (history === undefined) {
    history = generateSeededHistory(events, seededSteps(SEED));
    histories.set(events, history);
  }
  return history;
}

/**
 * Fills a store in windows of the history: within a window each stream's events go in one append, the
 * streams in parallel. Per-stream order holds; the global order interleaves streams as a live system does.
 */
export async function fill(store: EventStore, history: readonly RecordedEvent[]): Promise<void> {
  const window = 500;
  for (let start = 0; start < history.length; start += window) {
    const streams = new Map<string, RecordedEvent[]>();
    for (const event of history.slice(start, start + window))
      streams.set(event.streamName, [...(streams.get(event.streamName) ?? []), event]);
    await Promise.all(
      [...streams].map(([streamName, events]) =>
        store.append(
          streamName,
          events.map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata })),
        ),
      ),
    );
  }
}

interface Side {
  readonly eventStore: EventStore;
  close(): Promise<void>;
}

interface RebuildParts {
  /** Opens the filled event store (filled once per run). */
  openEvents(events: number): Promise<Side>;
  /** A fresh, empty read-model store and how to throw it away. */
  openReadModels(): Promise<{ readonly store: ReadModelStore; close(): Promise<void> }>;
  readonly unavailable?: () => string | undefined;
  repetitions?: number;
}

function rebuildWorkload(storeName: string, parts: RebuildParts, beside = false): Workload {
  return {
    name: `${beside ? 'rebuildBeside' : 'rebuild'}.${storeName}`,
    store: storeName,
    async subject({ events }): Promise<Trial> {
      const side = await parts.openEvents(events);
      const readModels = await parts.openReadModels();
      const runner = createProjectionRunner({
        eventStore: side.eventStore,
        store: readModels.store,
        projectors: ALL_PROJECTORS,
        batchSize: REBUILD_BATCH_SIZE,
      });
      // Beside: the live models are built before the clock; the timed pass rebuilds them beside.
      if (beside) await runner.catchUp();
      const timed = beside
        ? () =>
            rebuild({
              eventStore: side.eventStore,
              store: readModels.store,
              projectors: ALL_PROJECTORS,
              batchSize: REBUILD_BATCH_SIZE,
            })
        : () => runner.catchUp();
      return {
        run: async () => (await timed()).events,
        close: async () => {
          await readModels.close();
          await side.close();
        },
      };
    },
    async ceiling({ events }): Promise<Trial> {
      const side = await parts.openEvents(events);
      return {
        async run() {
          let count = 0;
          for await (const event of side.eventStore.readAll()) if (event.position > 0n) count += 1;
          return count;
        },
        close: () => side.close(),
      };
    },
    ...(parts.unavailable === undefined ? {} : { unavailable: parts.unavailable }),
    ...(parts.repetitions === undefined ? {} : { repetitions: parts.repetitions }),
  };
}

/** Both workloads of one store: into a fresh store, and beside live models. */
function registerWorkloads(storeName: string, parts: RebuildParts): void {
  registerWorkload(rebuildWorkload(storeName, parts));
  registerWorkload(rebuildWorkload(storeName, parts, true));
}

const memoryStores = new Map<number, EventStore>();
registerWorkloads('memory', {
  async openEvents(events) {
    let store = memoryStores.get(events);
    if (store === undefined) {
      store = createMemoryEventStore();
      await fill(store, historyOf(events));
      memoryStores.set(events, store);
    }
    return { eventStore: store, close: () => Promise.resolve() };
  },
  // The in-memory mode's read models: SQLite :memory:.
  openReadModels: async () => {
    const store = openSqliteReadModelStore({ file: ':memory:' });
    return { store, close: () => store.dispose() };
  },
});

const folder = mkdtempSync(join(tmpdir(), 'leadline-bench-rebuild-'));
process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
const sqliteFilled = new Set<number>();
let sqliteReadModels = 0;
registerWorkloads('sqlite', {
  async openEvents(events) {
    const file = join(folder, `events-${events}.db`);
    if (!sqliteFilled.has(events)) {
      const filling = openSqliteEventStore({ file, durability: 'off' });
      await fill(filling, historyOf(events));
      await filling.dispose();
      sqliteFilled.add(events);
    }
    const eventStore = openSqliteEventStore({ file });
    return { eventStore, close: () => eventStore.dispose() };
  },
  openReadModels: async () => {
    const file = join(folder, `readmodels-${++sqliteReadModels}.db`);
    const store = openSqliteReadModelStore({ file });
    return {
      store,
      close: async () => {
        await store.dispose();
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      },
    };
  },
  repetitions: 2,
});

const postgresUrl = (): string | undefined =>
  process.env['LEADLINE_BENCH_POSTGRES_URL'] ?? process.env['LEADLINE_TEST_POSTGRES_URL'];
const postgresFilled = new Set<number>();
const eventSchema = (events: number): string => `lbr_events_${events}_${process.pid}`;
let postgresReadModels = 0;
async function dropSchema(schema: string): Promise<void> {
  const pool = new Pool({ connectionString: postgresUrl() });
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
}
registerWorkloads('postgres', {
  unavailable: () =>
    postgresUrl() === undefined
      ? 'set LEADLINE_BENCH_POSTGRES_URL (or LEADLINE_TEST_POSTGRES_URL) to run it'
      : undefined,
  async openEvents(events) {
    const connectionString = postgresUrl() ?? '';
    if (!postgresFilled.has(events)) {
      const filling = await openPostgresEventStore({ connectionString, schema: eventSchema(events) });
      await fill(filling, historyOf(events));
      await filling.dispose();
      postgresFilled.add(events);
      process.once('beforeExit', () => void dropSchema(eventSchema(events)));
    }
    const eventStore = await openPostgresEventStore({ connectionString, schema: eventSchema(events) });
    return { eventStore, close: () => eventStore.dispose() };
  },
  openReadModels: async () => {
    const schema = `lbr_readmodels_${process.pid}_${++postgresReadModels}`;
    const store = await openPostgresReadModelStore({ connectionString: postgresUrl() ?? '', schema });
    return {
      store,
      close: async () => {
        await store.dispose();
        await dropSchema(schema);
      },
    };
  },
  repetitions: 2,
});
