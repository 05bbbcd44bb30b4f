// append.sqlite, load.sqlite, readAll.sqlite: the SQLite event store against raw better-sqlite3
// statements on the same schema shape, in WAL mode, both at durability `normal` (synchronous NORMAL).
// At `full` every commit waits for an fsync and both sides measure the disk, not our layers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteEventStore } from '@leadline/sqlite';
import { registerWorkload, type Trial } from '../harness/registry.js';
import { appendWorkload } from './append.js';
import { streamEvents, type Command, type CommandPlan } from './command-plan.js';
import { loadWorkload } from './load.js';
import { readAllWorkload } from './read-all.js';
import { countInOrder, foldEachStream } from './raw-reads.js';
import type { OpenedStore } from './through-the-port.js';

const STORE = 'sqlite';
const BENCH_DURABILITY = 'normal';

function scratchFolder(): { file: string; remove(): void } {
  const folder = mkdtempSync(join(tmpdir(), 'leadline-bench-sqlite-'));
  return { file: join(folder, 'events.db'), remove: () => rmSync(folder, { recursive: true, force: true }) };
}

async function openStore(): Promise<OpenedStore> {
  const scratch = scratchFolder();
  const store = openSqliteEventStore({ file: scratch.file, durability: BENCH_DURABILITY });
  return {
    store,
    close: async () => {
      await store.dispose();
      scratch.remove();
    },
  };
}

/** The raw engine: one table with the same columns and indexes, WAL, synchronous NORMAL. */
function openRaw(): { db: Database.Database; close(): void } {
  const scratch = scratchFolder();
  const db = new Database(scratch.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE events (
      position INTEGER PRIMARY KEY, stream_name TEXT NOT NULL, revision INTEGER NOT NULL,
      event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX events_by_stream ON events (stream_name, revision);
    CREATE UNIQUE INDEX events_by_id ON events (event_id);`);
  return {
    db,
    close: () => {
      db.close();
      scratch.remove();
    },
  };
}

/** Rows as arrays (`.raw()`): no object per row with column names, the fastest way out of better-sqlite3. */
type RawRow = [
  position: number,
  streamName: string,
  revision: number,
  eventId: string,
  type: string,
  data: string,
  metadata: string,
];

// A literal, not a spread: V8 builds `{ ...row, more }` on a slow path, and a ceiling must be the fast code.
const parsed = (row: RawRow) => ({
  position: row[0],
  streamName: row[1],
  revision: BigInt(row[2]),
  eventId: row[3],
  type: row[4],
  data: JSON.parse(row[5]) as unknown,
  metadata: JSON.parse(row[6]) as unknown,
});

function rawAppender(db: Database.Database): (command: Command) => Promise<void> {
  const head = db.prepare<[string]>('SELECT max(revision) FROM events WHERE stream_name = ?').pluck();
  const insert = db.prepare(
    'INSERT INTO events (stream_name, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const append = db.transaction(({ streamName, event, expectedRevision }: Command) => {
    const actual = head.get(streamName) as number | null;
    const expected = expectedRevision === 'no_stream' ? null : Number(expectedRevision);
    if (actual !== expected) throw new Error(`${streamName} is at ${String(actual)}`);
    insert.run(
      streamName,
      (actual ?? -1) + 1,
      event.eventId,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
    );
  });
  // The port is asynchronous, so the simplest code doing its job is too: an awaited async function.
  return async (command) => {
    append.immediate(command);
  };
}

/** A raw engine holding the plan's events (a transaction per stream, untimed), and a timed read over it. */
function filledRawTrial(plan: CommandPlan, read: (db: Database.Database) => Promise<number>): Promise<Trial> {
  const raw = openRaw();
  const insert = raw.db.prepare(
    'INSERT INTO events (stream_name, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const fill = raw.db.transaction((streamName: string, lead: number) => {
    streamEvents(plan, lead).forEach((event, revision) =>
      insert.run(
        streamName,
        revision,
        event.eventId,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
      ),
    );
  });
  plan.streams.forEach((streamName, lead) => fill(streamName, lead));
  return Promise.resolve({ run: () => read(raw.db), close: async () => raw.close() });
}

registerWorkload(
  appendWorkload(STORE, {
    open: openStore,
    ceiling: (plan) => {
      const raw = openRaw();
      const append = rawAppender(raw.db);
      return Promise.resolve({
        async run() {
          for (const command of plan.commands) await append(command);
          return plan.commands.length;
        },
        close: async () => raw.close(),
      });
    },
  }),
);

registerWorkload(
  loadWorkload(STORE, {
    open: openStore,
    ceiling: (plan) =>
      filledRawTrial(plan, async (db) => {
        const read = db.prepare<[string]>('SELECT * FROM events WHERE stream_name = ? ORDER BY revision').raw();
        async function* stream(streamName: string) {
          for (const row of read.all(streamName) as RawRow[]) yield parsed(row);
        }
        return foldEachStream(plan.streams, stream);
      }),
  }),
);

registerWorkload(
  readAllWorkload(STORE, {
    open: openStore,
    ceiling: (plan) =>
      filledRawTrial(plan, async (db) => {
        // One statement over the whole log, row by row: the simplest streaming read.
        const read = db.prepare('SELECT * FROM events ORDER BY position').raw();
        async function* everything() {
          for (const row of read.iterate() as IterableIterator<RawRow>) yield parsed(row);
        }
        return countInOrder(everything());
      }),
  }),
);
