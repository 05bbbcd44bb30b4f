// The SQL of the SQLite event store, prepared once per open file; filtered reads are prepared per filter shape.
import type { Database, Statement } from 'better-sqlite3';
import type { EventFilter } from '@leadline/eventstore';

/** Columns of a stored event, in the order every read statement returns them (raw mode). */
export type EventRow = [
  position: bigint,
  streamName: string,
  revision: bigint,
  eventId: string,
  type: string,
  data: string,
  metadata: string,
];

const eventColumns = 'position, stream_name, revision, event_id, type, data, metadata';

// A column that does not depend on the row: SQLite computes it once per statement, and a stream page
// learns whether the stream is deleted without a query of its own.
const tombstoned = 'EXISTS (SELECT 1 FROM stream_tombstones WHERE stream_name = ?) AS tombstoned';

export interface SqliteStatements {
  /** [last revision or null, 1 when tombstoned]; pass the stream name twice. */
  readonly streamHead: Statement<[string, string]>;
  readonly insertEvent: Statement<[string, bigint, string, string, string, string]>;
  readonly insertTombstone: Statement<[string, bigint]>;
  readonly storedEvent: Statement<[string]>;
  readonly isTombstoned: Statement<[string]>;
  /** Rows of a stream page, each ending with the tombstone flag; pass the stream name twice. */
  readonly readForwards: Statement<[string, string, bigint, number]>;
  readonly readBackwards: Statement<[string, string, bigint, number]>;
  readonly headPosition: Statement<[]>;
  /** Events with after < position <= upTo matching the filter, oldest first, at most limit. */
  readAll(filter: EventFilter | undefined): Statement;
}

export function prepareStatements(db: Database): SqliteStatements {
  const filtered = new Map<string, Statement>();
  return {
    streamHead: db
      .prepare<[string, string]>(
        `SELECT (SELECT max(revision) FROM events WHERE stream_name = ?),
                EXISTS (SELECT 1 FROM stream_tombstones WHERE stream_name = ?)`,
      )
      .raw()
      .safeIntegers(),
    insertEvent: db
      .prepare<[string, bigint, string, string, string, string]>(
        'INSERT INTO events (stream_name, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .safeIntegers(),
    insertTombstone: db.prepare<[string, bigint]>(
      'INSERT INTO stream_tombstones (stream_name, revision) VALUES (?, ?)',
    ),
    storedEvent: db
      .prepare<[string]>('SELECT event_id, stream_name, revision, position FROM events WHERE event_id = ?')
      .raw()
      .safeIntegers(),
    isTombstoned: db.prepare<[string]>('SELECT 1 FROM stream_tombstones WHERE stream_name = ?').pluck(),
    readForwards: db
      .prepare<[string, string, bigint, number]>(
        `SELECT ${eventColumns}, ${tombstoned} FROM events WHERE stream_name = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      )
      .raw()
      .safeIntegers(),
    readBackwards: db
      .prepare<[string, string, bigint, number]>(
        `SELECT ${eventColumns}, ${tombstoned} FROM events WHERE stream_name = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      )
      .raw()
      .safeIntegers(),
    headPosition: db.prepare<[]>('SELECT coalesce(max(position), 0) FROM events').pluck().safeIntegers(),
    readAll(filter) {
      const types = filter?.eventTypes?.length ?? 0;
      const prefixes = filter?.streamPrefixes?.length ?? 0;
      const shape = `${types}:${prefixes}`;
      let statement = filtered.get(shape);
      if (statement === undefined) {
        statement = db.prepare(readAllSql(types, prefixes)).raw().safeIntegers();
        filtered.set(shape, statement);
      }
      return statement;
    },
  };
}

/** Parameters: after, upTo, then each event type, then each stream prefix, then limit. */
export function readAllSql(types: number, prefixes: number): string {
  const conditions = ['position > ?', 'position <= ?'];
  if (types > 0) conditions.push(`type IN (${Array.from({ length: types }, () => '?').join(', ')})`);
  // instr(...) = 1 is "starts with" without LIKE/GLOB, so `_`, `%` and `*` in a prefix need no escaping.
  if (prefixes > 0)
    conditions.push(`(${Array.from({ length: prefixes }, () => 'instr(stream_name, ?) = 1').join(' OR ')})`);
  return `SELECT ${eventColumns} FROM events WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT ?`;
}
