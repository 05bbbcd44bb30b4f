// The SQL the PostgreSQL event store runs, as named (prepared once per connection) queries for one schema.
import { createHash } from 'node:crypto';
import { types as pgTypes, type CustomTypesConfig, type QueryArrayConfig } from 'pg';

/** bigint columns arrive as bigint (pg's default is a string); json is parsed by pg as usual. */
const bigintColumns: CustomTypesConfig = {
  getTypeParser: (id, format) =>
    id === pgTypes.builtins.INT8 ? BigInt : (pgTypes.getTypeParser(id, format) as (text: string) => unknown),
};

const eventColumns = 'position, stream_name, revision, event_id, type, data, metadata';

/** A stored event as every read query returns it (array row mode). */
export type EventRow = [
  position: bigint,
  streamName: string,
  revision: bigint,
  eventId: string,
  type: string,
  data: unknown,
  metadata: unknown,
];

export type StreamPageRow = [
  deleted: boolean,
  position: bigint,
  revision: bigint,
  eventId: string,
  type: string,
  data: unknown,
  metadata: unknown,
];

export interface PostgresQueries {
  append(
    values: [stream: string, expected: string, expectedRevision: bigint | null, checkIds: boolean, events: string],
  ): QueryArrayConfig;
  /** Rows: part index, then as append's; `appends` is a JSON array of { stream, expected, expectedRevision, checkIds, events }. */
  appendToStreams(values: [appends: string]): QueryArrayConfig;
  /** `append`, storing new contact keys in the same statement when the events are written. */
  appendWithKeys(
    values: [
      stream: string,
      expected: string,
      expectedRevision: bigint | null,
      checkIds: boolean,
      events: string,
      keyIds: readonly string[],
      contactIds: readonly string[],
      keys: readonly Buffer[],
    ],
  ): QueryArrayConfig;
  /** `appendToStreams`, storing new contact keys in the same statement when it appended. */
  appendToStreamsWithKeys(
    values: [appends: string, keyIds: readonly string[], contactIds: readonly string[], keys: readonly Buffer[]],
  ): QueryArrayConfig;
  deleteStream(values: [stream: string, expected: string, expectedRevision: bigint | null]): QueryArrayConfig;
  holdsKey(values: [keyId: string]): QueryArrayConfig;
  /** Where the given event ids are stored (revision, position, event id, stream); asked only when an append hit one. */
  storedEvents(values: [eventIds: readonly string[]]): QueryArrayConfig;
  /** Up to `limit` events of a stream, each row led by the stream's tombstone flag. */
  readStream(
    direction: 'forwards' | 'backwards',
    values: [stream: string, from: bigint, limit: number],
  ): QueryArrayConfig;
  readAll(
    values: [
      after: bigint,
      upTo: bigint,
      eventTypes: readonly string[] | null,
      streamPrefixes: readonly string[] | null,
      limit: number,
    ],
  ): QueryArrayConfig;
  streamRevision(values: [stream: string]): QueryArrayConfig;
  /** Per stream, in the order given: tombstoned, last revision. */
  streamRevisions(values: [streams: readonly string[]]): QueryArrayConfig;
  isTombstoned(values: [stream: string]): QueryArrayConfig;
  headPosition(): QueryArrayConfig;
}

export function postgresQueries(schema: string): PostgresQueries {
  const table = (name: string): string => `"${schema}".${name}`;
  // Statement names are per connection and at most 63 bytes: a digest of the schema keeps them apart.
  const prefix = `leadline_${createHash('sha1').update(schema).digest('hex').slice(0, 12)}`;
  const named =
    (name: string, text: string) =>
    (values: unknown[] = []): QueryArrayConfig => ({
      name: `${prefix}_${name}`,
      text,
      values,
      rowMode: 'array',
      types: bigintColumns,
    });
  // The tombstone flag is an InitPlan (computed once per execution), so a page is one plain index scan.
  const streamPage = (comparison: '>=' | '<=', order: 'ASC' | 'DESC') => `
    SELECT EXISTS (SELECT 1 FROM ${table('stream_tombstones')} WHERE stream_name = $1),
           position, revision, event_id, type, data, metadata
    FROM ${table('events')}
    WHERE stream_name = $1 AND revision ${comparison} $2 ORDER BY revision ${order} LIMIT $3`;
  const queries = {
    append: named(
      'append',
      `SELECT outcome, revision, position, event_id, stream_name FROM ${table('append_events')}($1, $2, $3, $4, $5)`,
    ),
    appendToStreams: named(
      'append-to-streams',
      `SELECT part, outcome, revision, position, event_id, stream_name FROM ${table('append_to_streams')}($1)`,
    ),
    // The function runs once (a CTE calling a volatile function is never inlined); the keys are stored
    // only when it appended, in the same statement and so the same transaction.
    appendWithKeys: named(
      'append-with-keys',
      `WITH appended AS (
         SELECT outcome, revision, position, event_id, stream_name FROM ${table('append_events')}($1, $2, $3, $4, $5)
       ), stored_keys AS (
         INSERT INTO ${table('personal_data_keys')} (key_id, contact_id, key)
         SELECT k.key_id, k.contact_id, k.key FROM unnest($6::uuid[], $7::text[], $8::bytea[]) AS k(key_id, contact_id, key)
         WHERE EXISTS (SELECT 1 FROM appended WHERE outcome = 'appended')
         ON CONFLICT (key_id) DO NOTHING
       )
       SELECT outcome, revision, position, event_id, stream_name FROM appended`,
    ),
    appendToStreamsWithKeys: named(
      'append-to-streams-with-keys',
      `WITH appended AS (
         SELECT part, outcome, revision, position, event_id, stream_name FROM ${table('append_to_streams')}($1)
       ), stored_keys AS (
         INSERT INTO ${table('personal_data_keys')} (key_id, contact_id, key)
         SELECT k.key_id, k.contact_id, k.key FROM unnest($2::uuid[], $3::text[], $4::bytea[]) AS k(key_id, contact_id, key)
         WHERE EXISTS (SELECT 1 FROM appended WHERE outcome = 'appended')
         ON CONFLICT (key_id) DO NOTHING
       )
       SELECT part, outcome, revision, position, event_id, stream_name FROM appended`,
    ),
    holdsKey: named('holds-key', `SELECT 1 FROM ${table('personal_data_keys')} WHERE key_id = $1::uuid`),
    deleteStream: named('delete-stream', `SELECT outcome, revision FROM ${table('delete_stream')}($1, $2, $3)`),
    forwards: named('read-stream-forwards', streamPage('>=', 'ASC')),
    backwards: named('read-stream-backwards', streamPage('<=', 'DESC')),
    readAll: named(
      'read-all',
      `SELECT ${eventColumns} FROM ${table('events')}
       WHERE position > $1 AND position <= $2
         AND ($3::text[] IS NULL OR type = ANY ($3::text[]))
         AND ($4::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($4::text[]) AS prefix WHERE starts_with(stream_name, prefix)))
       ORDER BY position LIMIT $5`,
    ),
    isTombstoned: named(
      'is-tombstoned',
      `SELECT EXISTS (SELECT 1 FROM ${table('stream_tombstones')} WHERE stream_name = $1)`,
    ),
    streamRevision: named(
      'stream-revision',
      `SELECT EXISTS (SELECT 1 FROM ${table('stream_tombstones')} WHERE stream_name = $1),
              (SELECT max(revision) FROM ${table('events')} WHERE stream_name = $1)`,
    ),
    streamRevisions: named(
      'stream-revisions',
      `SELECT EXISTS (SELECT 1 FROM ${table('stream_tombstones')} t WHERE t.stream_name = s.name),
              (SELECT max(revision) FROM ${table('events')} e WHERE e.stream_name = s.name)
       FROM unnest($1::text[]) WITH ORDINALITY AS s(name, ordinal) ORDER BY s.ordinal`,
    ),
    // Appends commit in position order, so every position up to the highest committed one is final.
    headPosition: named('head-position', `SELECT coalesce(max(position), 0)::bigint FROM ${table('events')}`),
  };
  return {
    append: (values) => queries.append(values),
    appendToStreams: (values) => queries.appendToStreams(values),
    appendWithKeys: (values) => queries.appendWithKeys(values),
    appendToStreamsWithKeys: (values) => queries.appendToStreamsWithKeys(values),
    holdsKey: (values) => queries.holdsKey(values),
    deleteStream: (values) => queries.deleteStream(values),
    readStream: (direction, values) => (direction === 'forwards' ? queries.forwards : queries.backwards)(values),
    readAll: (values) => queries.readAll(values),
    // Unnamed, so planned for its ids each time: a cached generic plan for `= ANY` may scan the table.
    storedEvents: (values) => ({
      text: `SELECT revision, position, event_id, stream_name FROM ${table('events')} WHERE event_id = ANY ($1::uuid[])`,
      values,
      rowMode: 'array',
      types: bigintColumns,
    }),
    streamRevision: (values) => queries.streamRevision(values),
    streamRevisions: (values) => queries.streamRevisions(values),
    isTombstoned: (values) => queries.isTombstoned(values),
    headPosition: () => queries.headPosition(),
  };
}
