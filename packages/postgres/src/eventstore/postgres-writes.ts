// Appends and deletes on PostgreSQL: one call of a server-side function each, so the checks and the
// write happen in one statement, one transaction and one round trip.
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import {
  checkExpectedRevision,
  classifyBatch,
  ExpectedRevision,
  StreamDeletedError,
  toJsonText,
  type AppendResult,
  type CheckedAppend,
  type EventToAppend,
  type StoredEventRef,
  type NewContactKey,
} from '@leadline/eventstore';
import type { PostgresQueries } from './postgres-queries.js';

type AppendRow = [
  outcome: 'deleted' | 'stored' | 'wrong_revision' | 'appended',
  revision: bigint | null,
  position: bigint | null,
  eventId: string | null,
  streamName: string | null,
];
type DeleteRow = [outcome: 'deleted' | 'wrong_revision' | 'tombstoned', revision: bigint | null];

export interface PostgresWrites {
  /** Appends; `keys` (new contacts' keys) are stored in the same statement when the events are written. */
  append(
    streamName: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    keys?: readonly NewContactKey[],
  ): Promise<AppendResult>;
  /** Appends every part or none; `keys` as for `append`. */
  appendToStreams(appends: readonly CheckedAppend[], keys?: readonly NewContactKey[]): Promise<AppendResult[]>;
  deleteStream(streamName: string, expected: ExpectedRevision): Promise<void>;
  /** Whether the schema's key table holds a key of this id. */
  holdsKey(keyId: string): Promise<boolean>;
}

type PartRow = [part: number, ...row: AppendRow];

/** What append_to_streams raised for the part that could not go ahead (its DETAIL). */
interface PartRefused {
  readonly part: number;
  readonly outcome: 'deleted' | 'wrong_revision' | 'id_conflict';
  readonly revision: bigint | null;
}

/** New keys as the three arrays the statements unnest: key ids, contact ids, key material. */
const keyColumns = (keys: readonly NewContactKey[]): [string[], string[], Buffer[]] => [
  keys.map((key) => key.keyId),
  keys.map((key) => key.contactId),
  keys.map((key) => Buffer.from(key.key)),
];

/** The expected revision as the SQL functions take it: a kind and, for `exact`, the revision. */
function expectedArguments(expected: ExpectedRevision): [string, bigint | null] {
  return typeof expected === 'bigint' ? ['exact', expected] : [expected, null];
}

export function postgresWrites(pool: Pool, queries: PostgresQueries): PostgresWrites {
  /** The original result when every event of the part is stored in its stream; undefined when none is. */
  async function storedRetry(part: CheckedAppend): Promise<AppendResult | undefined> {
    const ids = part.events.map((event) => event.eventId).filter((id) => id !== undefined);
    if (ids.length === 0) return undefined;
    const { rows } = await pool.query<StoredRow>(queries.storedEvents([ids]));
    return rows.length === 0 ? undefined : retryOf(part.streamName, part.events.length, rows);
  }

  /** Throws the port's error for the part append_to_streams refused. */
  async function refusedPart(appends: readonly CheckedAppend[], refused: PartRefused): Promise<never> {
    const part = appends[refused.part] as CheckedAppend;
    if (refused.outcome === 'deleted') throw new StreamDeletedError(part.streamName);
    if (refused.outcome === 'id_conflict') {
      await storedRetry(part);
      throw new Error(`append_to_streams and classifyBatch disagree on "${part.streamName}"`);
    }
    checkExpectedRevision(part.streamName, part.expectedRevision, refused.revision ?? ExpectedRevision.NoStream);
    throw new Error(`append_to_streams and checkExpectedRevision disagree on "${part.streamName}"`);
  }

  const writes: PostgresWrites = {
    async append(streamName, events, expected, keys = []) {
      const callerIds = events.some((event) => event.eventId !== undefined);
      const batch = serializeBatch(events);
      const appending = [streamName, ...expectedArguments(expected), callerIds, batch] as const;
      let rows: AppendRow[];
      try {
        ({ rows } = await pool.query<AppendRow>(
          keys.length === 0
            ? queries.append([...appending])
            : queries.appendWithKeys([...appending, ...keyColumns(keys)]),
        ));
      } catch (error) {
        if (!isStoredEventId(error)) throw error;
        // Nothing was written (the statement rolled back); the stored ids tell a retry from a conflict.
        const { rows: stored } = await pool.query<StoredRow>(
          queries.storedEvents([events.map((event) => event.eventId).filter((id) => id !== undefined)]),
        );
        return retryOf(streamName, events.length, stored);
      }
      const [outcome, revision, position] = rows[0] as AppendRow;
      switch (outcome) {
        case 'deleted':
          throw new StreamDeletedError(streamName);
        case 'stored':
          return retryOf(
            streamName,
            events.length,
            rows.map(([, ...stored]) => stored),
          );
        case 'wrong_revision':
          checkExpectedRevision(streamName, expected, revision ?? ExpectedRevision.NoStream);
          throw new Error(`append_events and checkExpectedRevision disagree on "${streamName}"`);
        case 'appended':
          return { nextExpectedRevision: revision as bigint, position: position as bigint };
      }
    },

    async holdsKey(keyId) {
      const { rows } = await pool.query(queries.holdsKey([keyId]));
      return rows.length > 0;
    },

    async appendToStreams(appends, keys = []) {
      const parts = appends.map((part) => ({
        stream: part.streamName,
        expected: expectedArguments(part.expectedRevision)[0],
        expectedRevision: expectedArguments(part.expectedRevision)[1]?.toString() ?? null,
        checkIds: part.events.some((event) => event.eventId !== undefined),
        events: serializeBatch(part.events),
      }));
      // The events are JSON text already: spliced in, not parsed and serialised again.
      const json = `[${parts.map(({ events, ...part }) => `${JSON.stringify(part).slice(0, -1)},"events":${events}}`).join(',')}]`;
      let rows: PartRow[];
      try {
        ({ rows } = await pool.query<PartRow>(
          keys.length === 0
            ? queries.appendToStreams([json])
            : queries.appendToStreamsWithKeys([json, ...keyColumns(keys)]),
        ));
      } catch (error) {
        const refused = partRefused(error);
        if (refused !== null) return refusedPart(appends, refused);
        if (!isStoredEventId(error)) throw error;
        // Rolled back whole: parts that are exact retries get their original results and the others
        // are appended again; with no retry among them, the conflict stands.
        const retries = await Promise.all(appends.map((part) => storedRetry(part)));
        const fresh = appends.filter((_, index) => retries[index] === undefined);
        if (fresh.length === appends.length) throw error;
        const appended = await writes.appendToStreams(fresh, keys);
        return retries.map((retry) => retry ?? (appended.shift() as AppendResult));
      }
      return appends.map((part, index) => {
        const own = rows.filter((row) => row[0] === index).map(([, ...row]) => row);
        const [outcome, revision, position] = own[0] as AppendRow;
        if (outcome === 'stored')
          return retryOf(
            part.streamName,
            part.events.length,
            own.map(([, ...stored]) => stored),
          );
        return { nextExpectedRevision: revision as bigint, position: position as bigint };
      });
    },

    async deleteStream(streamName, expected) {
      const { rows } = await pool.query<DeleteRow>(queries.deleteStream([streamName, ...expectedArguments(expected)]));
      const [outcome, revision] = rows[0] as DeleteRow;
      if (outcome === 'deleted') throw new StreamDeletedError(streamName);
      if (outcome === 'wrong_revision') {
        checkExpectedRevision(streamName, expected, revision ?? ExpectedRevision.NoStream);
        throw new Error(`delete_stream and checkExpectedRevision disagree on "${streamName}"`);
      }
    },
  };
  return writes;
}

/** The part append_to_streams refused (SQLSTATE LLA01), or null for any other error. */
function partRefused(error: unknown): PartRefused | null {
  const { code, detail } = error as { code?: unknown; detail?: unknown };
  if (code !== 'LLA01' || typeof detail !== 'string') return null;
  // The revision comes as text: a JSON number would lose precision past 2^53.
  const parsed = JSON.parse(detail) as { part: number; outcome: PartRefused['outcome']; revision: string | null };
  return {
    part: parsed.part,
    outcome: parsed.outcome,
    revision: parsed.revision === null ? null : BigInt(parsed.revision),
  };
}

type StoredRow = [revision: bigint | null, position: bigint | null, eventId: string | null, streamName: string | null];

/** The append failed on the unique index of event ids: some id of the batch is stored already. */
function isStoredEventId(error: unknown): boolean {
  return (
    (error as { code?: unknown }).code === '23505' &&
    (error as { constraint?: unknown }).constraint === 'events_event_id'
  );
}

/** The original result of a batch whose ids are stored, or EventIdConflictError (classifyBatch). */
function retryOf(streamName: string, batchSize: number, rows: readonly StoredRow[]): AppendResult {
  const stored = rows.map(([revision, position, eventId, storedStream]): StoredEventRef => ({
    eventId: eventId as string,
    streamName: storedStream as string,
    revision: revision as bigint,
    position: position as bigint,
  }));
  const kind = classifyBatch(streamName, batchSize, stored);
  // Only called when some id is stored, so the batch is a retry or classifyBatch threw.
  if (kind.kind === 'retry') return kind.result;
  throw new Error(`stored event ids reported for a new batch in "${streamName}"`);
}

/** The batch as one JSON document, every event with an id (generated when the caller gave none). */
function serializeBatch(events: readonly EventToAppend[]): string {
  const parts = events.map(
    (event, index) =>
      `{"eventId":"${event.eventId ?? randomUUID()}","type":${JSON.stringify(event.type)},"data":${toJsonText(event.data, `events[${index}].data`)},"metadata":${toJsonText(event.metadata, `events[${index}].metadata`)}}`,
  );
  return `[${parts.join(',')}]`;
}
