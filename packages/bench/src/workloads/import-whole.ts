// importWhole.<store>: the import.<store> file (2% bad rows, 3% duplicates) imported and then projected
// into every read model (the projections' catch-up), timed as one: rows of the file per second, the
// issue's measure. The ceiling writes the very events that import wrote (captured from an import into
// memory, outside the clock) straight through appendToStreams, as many streams a write as the import's
// batches hold, then catches up the same way: what parsing, validating, deciding and checking add.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryEventStore, type EventStore, type RecordedEvent, type StreamAppend } from '@leadline/eventstore';
import { openPostgresEventStore, openPostgresReadModelStore } from '@leadline/postgres';
import type { ReadModelStore } from '@leadline/projections';
import { openSqliteEventStore, openSqliteReadModelStore } from '@leadline/sqlite';
import type { Leadline } from 'leadline';
import { Pool } from 'pg';
import { registerWorkload, type Trial, type Workload, type WorkloadSettings } from '../harness/registry.js';
import { acting, openLeadline, writePlan, type Plan } from './import.js';
import { benchSchema, postgresBenchUrl, postgresUnavailable } from './scratch-stores.js';

/** The import's default batch (500 rows) holds up to 1,500 streams: a lead and two contacts a row. */
const STREAMS_PER_WRITE = 1_500;

interface Stores {
  readonly events: EventStore;
  readonly readModels: ReadModelStore;
  close(): Promise<void>;
}

/** The events an import of the plan's file writes after the organisation is set up, captured once per size. */
const captured = new Map<number, RecordedEvent[]>();
async function importedEvents(rows: number): Promise<RecordedEvent[]> {
  let events = captured.get(rows);
  if (events === undefined) {
    const plan = writePlan(rows);
    const store = createMemoryEventStore();
    const leadline = await openLeadline(store);
    const after = await store.headPosition();
    await leadline.intake.importCsv({ path: plan.path }, { acting, duplicates: 'skip' });
    events = [];
    for await (const event of store.readAll({ after })) events.push(event);
    captured.set(rows, events);
    await leadline.close();
    await store.dispose();
    plan.dispose();
  }
  return events;
}

/** The captured events by stream, in order, as appendToStreams writes of STREAMS_PER_WRITE streams. */
function writesOf(events: readonly RecordedEvent[]): StreamAppend[][] {
  const streams = new Map<string, StreamAppend>();
  for (const { streamName, eventId, type, data, metadata } of events) {
    const part = streams.get(streamName) ?? { streamName, events: [] };
    streams.set(streamName, { streamName, events: [...part.events, { eventId, type, data, metadata }] });
  }
  const parts = [...streams.values()];
  const writes: StreamAppend[][] = [];
  for (let start = 0; start < parts.length; start += STREAMS_PER_WRITE)
    writes.push(parts.slice(start, start + STREAMS_PER_WRITE));
  return writes;
}

/** The two stores, closed read models first, then `cleanUp` (a file or schemas to remove). */
const storesOf = (
  events: EventStore,
  readModels: ReadModelStore,
  cleanUp: () => Promise<void> = () => Promise.resolve(),
): Stores => ({
  events,
  readModels,
  close: async () => {
    await readModels.dispose();
    await events.dispose();
    await cleanUp();
  },
});

async function catchUp(leadline: Leadline): Promise<void> {
  const projections = leadline.workers.projections;
  if (projections === null) throw new Error('importWhole: the Leadline has no read models');
  await projections.catchUp();
}

function importWholeWorkload(
  store: string,
  open: () => Promise<Stores>,
  repetitions: number,
  unavailable?: () => string | undefined,
): Workload {
  const trial = async (
    settings: WorkloadSettings,
    work: (leadline: Leadline, plan: Plan, stores: Stores) => Promise<number>,
  ): Promise<Trial> => {
    const plan = writePlan(settings.events);
    const stores = await open();
    const leadline = await openLeadline(stores.events, stores.readModels);
    return {
      run: () => work(leadline, plan, stores),
      close: async () => {
        await leadline.close();
        await stores.close();
        plan.dispose();
      },
    };
  };
  return {
    name: `importWhole.${store}`,
    store,
    subject: (settings) =>
      trial(settings, async (leadline, plan) => {
        const report = await leadline.intake.importCsv({ path: plan.path }, { acting, duplicates: 'skip' });
        if (report.rows !== settings.events) throw new Error(`importWhole.${store}: ${report.rows} rows imported`);
        await catchUp(leadline);
        return report.rows;
      }),
    ceiling: async (settings) => {
      const writes = writesOf(await importedEvents(settings.events));
      return trial(settings, async (leadline, _plan, stores) => {
        for (const parts of writes) await stores.events.appendToStreams(parts);
        await catchUp(leadline);
        return settings.events;
      });
    },
    repetitions,
    ...(unavailable === undefined ? {} : { unavailable }),
  };
}

registerWorkload(
  importWholeWorkload(
    'memory',
    () => Promise.resolve(storesOf(createMemoryEventStore(), openSqliteReadModelStore({ file: ':memory:' }))),
    2,
  ),
);

// Events and read models in one file, durability `normal`, as the embedded default is deployed.
registerWorkload(
  importWholeWorkload(
    'sqlite',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'leadline-bench-import-whole-'));
      const file = join(folder, 'leadline.db');
      return storesOf(openSqliteEventStore({ file, durability: 'normal' }), openSqliteReadModelStore({ file }), () => {
        rmSync(folder, { recursive: true, force: true });
        return Promise.resolve();
      });
    },
    2,
  ),
);

registerWorkload(
  importWholeWorkload(
    'postgres',
    async () => {
      const pool = new Pool({ connectionString: postgresBenchUrl() });
      const schema = benchSchema();
      const events = await openPostgresEventStore({ pool, schema });
      const readModels = await openPostgresReadModelStore({
        connectionString: postgresBenchUrl() ?? '',
        schema: `${schema}_rm`,
      });
      return storesOf(events, readModels, async () => {
        await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await pool.query(`DROP SCHEMA IF EXISTS "${schema}_rm" CASCADE`);
        await pool.end();
      });
    },
    1,
    postgresUnavailable,
  ),
);
