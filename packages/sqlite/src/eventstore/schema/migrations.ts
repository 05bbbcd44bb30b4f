// The SQLite event store's schema, as an ordered list of migrations. Never edit a released migration:
// files written by an older version are brought up to date by running the ones they lack.

export interface SqliteMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const sqliteEventStoreMigrations: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'events',
    // position is the rowid: SQLite serialises writers, so positions are handed out in commit order
    // and a reader of `position > checkpoint` can never miss an event committed later.
    sql: `
      CREATE TABLE events (
        position    INTEGER PRIMARY KEY,
        stream_name TEXT    NOT NULL,
        revision    INTEGER NOT NULL,
        event_id    TEXT    NOT NULL,
        type        TEXT    NOT NULL,
        data        TEXT    NOT NULL,
        metadata    TEXT    NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX events_by_stream ON events (stream_name, revision);
      CREATE UNIQUE INDEX events_by_id ON events (event_id);
    `,
  },
  {
    version: 2,
    name: 'stream tombstones',
    // A deleted stream keeps its events in the global log (subscribers have seen them), but can no
    // longer be read or written: the tombstone says so.
    sql: `
      CREATE TABLE stream_tombstones (
        stream_name TEXT    PRIMARY KEY,
        revision    INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
  },
];

/** The schema version this code writes; a file with a newer one is refused rather than misread. */
export const SQLITE_EVENT_STORE_SCHEMA_VERSION = sqliteEventStoreMigrations.length;
