// append.postgres, load.postgres, readAll.postgres: the PostgreSQL event store against raw pg on one
// connection, on the same table shape, each pass in a schema of its own (dropped after). Needs
// LEADLINE_BENCH_POSTGRES_URL or LEADLINE_TEST_POSTGRES_URL.
import { Client, types, type CustomTypesConfig } from 'pg';
import { registerWorkload, type Trial } from '../harness/registry.js';
import { appendWorkload } from './append.js';
import { streamEvents, type CommandPlan } from './command-plan.js';
import { loadWorkload } from './load.js';
import { readAllWorkload } from './read-all.js';
import { countInOrder, foldEachStream } from './raw-reads.js';
import {
  benchSchema,
  openScratchPostgresStore,
  postgresBenchUrl as postgresUrl,
  postgresUnavailable as unavailable,
} from './scratch-stores.js';
import type { OpenedStore } from './through-the-port.js';

const STORE = 'postgres';

const openStore = (): Promise<OpenedStore> => openScratchPostgresStore(4);

/** Raw pg: one connection, a table with the same columns and constraints, positions from an identity column. */
async function openRaw(): Promise<{ client: Client; schema: string; close: () => Promise<void> }> {
  const client = new Client({ connectionString: postgresUrl() });
  await client.connect();
  const schema = benchSchema();
  await client.query(`
    CREATE SCHEMA "${schema}";
    CREATE TABLE "${schema}".events (
      position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_name text NOT NULL, revision bigint NOT NULL,
      event_id uuid NOT NULL UNIQUE, type text NOT NULL, data json NOT NULL, metadata json NOT NULL,
      UNIQUE (stream_name, revision)
    )`);
  return {
    client,
    schema,
    close: async () => {
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      await client.end();
    },
  };
}

const int8: CustomTypesConfig = {
  getTypeParser: (id, format) =>
    id === types.builtins.INT8 ? BigInt : (types.getTypeParser(id, format) as (text: string) => unknown),
};

type RawRow = [
  position: bigint,
  streamName: string,
  revision: bigint,
  eventId: string,
  type: string,
  data: unknown,
  metadata: unknown,
];
const asEvent = (row: RawRow) => ({
  position: row[0],
  streamName: row[1],
  revision: row[2],
  eventId: row[3],
  type: row[4],
  data: row[5],
  metadata: row[6],
});

async function filledRawTrial(
  plan: CommandPlan,
  read: (client: Client, schema: string) => Promise<number>,
): Promise<Trial> {
  const raw = await openRaw();
  await raw.client.query(
    `INSERT INTO "${raw.schema}".events (stream_name, revision, event_id, type, data, metadata)
     SELECT e.stream_name, e.revision, e.event_id, e.type, e.data, e.metadata
     FROM json_to_recordset($1::json) AS e(stream_name text, revision bigint, event_id uuid, type text, data json, metadata json)`,
    [
      JSON.stringify(
        plan.streams.flatMap((streamName, lead) =>
          streamEvents(plan, lead).map((event, revision) => ({
            stream_name: streamName,
            revision,
            event_id: event.eventId,
            type: event.type,
            data: event.data,
            metadata: event.metadata,
          })),
        ),
      ),
    ],
  );
  // Statistics now, as autovacuum would give them in time: without them the planner may scan the table.
  await raw.client.query(`ANALYZE "${raw.schema}".events`);
  return { run: () => read(raw.client, raw.schema), close: raw.close };
}

registerWorkload(
  appendWorkload(STORE, {
    open: openStore,
    unavailable,
    repetitions: 2,
    async ceiling(plan) {
      const raw = await openRaw();
      // One statement per command, so one round trip: the revision check and the insert together.
      const append = `
        WITH head AS (SELECT max(revision) AS revision FROM "${raw.schema}".events WHERE stream_name = $1)
        INSERT INTO "${raw.schema}".events (stream_name, revision, event_id, type, data, metadata)
        SELECT $1, coalesce(head.revision, -1) + 1, $3, $4, $5, $6 FROM head WHERE head.revision IS NOT DISTINCT FROM $2
        RETURNING position`;
      return {
        async run() {
          for (const { streamName, event, expectedRevision } of plan.commands) {
            const expected = expectedRevision === 'no_stream' ? null : expectedRevision;
            const values = [
              streamName,
              expected,
              event.eventId,
              event.type,
              JSON.stringify(event.data),
              JSON.stringify(event.metadata),
            ];
            const { rowCount } = await raw.client.query({ name: 'raw-append', text: append, values });
            if (rowCount !== 1) throw new Error(`${streamName} is not at ${String(expected)}`);
          }
          return plan.commands.length;
        },
        close: raw.close,
      };
    },
  }),
);

registerWorkload(
  loadWorkload(STORE, {
    open: openStore,
    unavailable,
    repetitions: 2,
    ceiling: (plan) =>
      filledRawTrial(plan, async (client, schema) => {
        const text = `SELECT position, stream_name, revision, event_id, type, data, metadata FROM "${schema}".events WHERE stream_name = $1 ORDER BY revision`;
        async function* stream(streamName: string) {
          const { rows } = await client.query<RawRow>({
            name: 'raw-load',
            text,
            values: [streamName],
            rowMode: 'array',
            types: int8,
          });
          for (const row of rows) yield asEvent(row);
        }
        return foldEachStream(plan.streams, stream);
      }),
  }),
);

registerWorkload(
  readAllWorkload(STORE, {
    open: openStore,
    unavailable,
    repetitions: 2,
    ceiling: (plan) =>
      filledRawTrial(plan, async (client, schema) => {
        // One query for the whole log: the simplest raw read (it holds every row at once).
        async function* everything() {
          const text = `SELECT position, stream_name, revision, event_id, type, data, metadata FROM "${schema}".events ORDER BY position`;
          const { rows } = await client.query<RawRow>({ text, rowMode: 'array', types: int8 });
          for (const row of rows) yield asEvent(row);
        }
        return countInOrder(everything());
      }),
  }),
);
