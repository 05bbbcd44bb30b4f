// Appends and deletes on SQLite: one IMMEDIATE transaction each, so the expected-revision check and the
// write are atomic across every process that opens the file.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  checkExpectedRevision,
  classifyBatch,
  ExpectedRevision,
  NO_STREAM_REVISION,
  START,
  StreamDeletedError,
  type ActualRevision,
  type AppendResult,
  type CheckedAppend,
  type EventToAppend,
  toJsonText,
  type StoredEventRef,
  type NewContactKey,
} from '@leadline/eventstore';
import { createKeyTable, INSERT_KEY } from '../keys/key-table.js';
import { isSqliteError } from './sqlite-error.js';
import type { SqliteStatements } from './sqlite-statements.js';

interface PreparedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** An event id of the batch hit the unique index: the batch is a retry or a conflict. */
class StoredEventId extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}

/** One stream's part of an append, its events serialised. */
interface PreparedAppend {
  readonly streamName: string;
  readonly events: readonly PreparedEvent[];
  /** Whether the caller gave event ids (only then can the batch be a retry). */
  readonly callerIds: boolean;
  readonly expected: ExpectedRevision;
}

export interface SqliteWrites {
  /** Appends; `keys` (new contacts' keys) are stored in the same transaction when events are written. */
  append(
    streamName: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    keys?: readonly NewContactKey[],
  ): AppendResult;
  /** Appends every part or none; `keys` as for `append`. */
  appendToStreams(appends: readonly CheckedAppend[], keys?: readonly NewContactKey[]): AppendResult[];
  deleteStream(streamName: string, expected: ExpectedRevision): void;
  /** Whether the file's key table holds a key of this id. */
  holdsKey(keyId: string): boolean;
}

export function sqliteWrites(db: Database.Database, statements: SqliteStatements): SqliteWrites {
  // The key table is made, and its statements prepared, by the first append that stores keys.
  let keyStatements:
    | { readonly insert: Database.Statement<[string, string, Buffer]>; readonly held: Database.Statement<[string]> }
    | undefined;
  const keyTable = () => {
    if (keyStatements === undefined) {
      createKeyTable(db);
      keyStatements = {
        insert: db.prepare<[string, string, Buffer]>(INSERT_KEY),
        held: db.prepare<[string]>('SELECT 1 FROM personal_data_keys WHERE key_id = ?'),
      };
    }
    return keyStatements;
  };
  /** Events inserted so far: a transaction that inserted none (a retry, an empty batch) stores no key. */
  let inserted = 0;
  /** Runs `write` and, when it inserted events, stores the keys in the same transaction. */
  const withKeys = <Result>(keys: readonly NewContactKey[], write: () => Result): Result => {
    const before = inserted;
    const result = write();
    if (inserted > before && keys.length > 0) {
      const { insert } = keyTable();
      for (const key of keys) insert.run(key.keyId, key.contactId, Buffer.from(key.key));
    }
    return result;
  };

  function head(streamName: string): ActualRevision {
    const [revision, deleted] = statements.streamHead.get(streamName, streamName) as [bigint | null, bigint];
    if (deleted !== 0n) throw new StreamDeletedError(streamName);
    return revision ?? ExpectedRevision.NoStream;
  }

  function storedRefs(events: readonly PreparedEvent[]): StoredEventRef[] {
    const stored: StoredEventRef[] = [];
    for (const { eventId } of events) {
      const row = statements.storedEvent.get(eventId) as [string, string, bigint, bigint] | undefined;
      if (row !== undefined) stored.push({ eventId: row[0], streamName: row[1], revision: row[2], position: row[3] });
    }
    return stored;
  }

  /** A retry of a stored batch gets its original result; a partial or foreign overlap throws. */
  function retryResult(streamName: string, events: readonly PreparedEvent[]): AppendResult | undefined {
    const batch = classifyBatch(streamName, events.length, storedRefs(events));
    return batch.kind === 'retry' ? batch.result : undefined;
  }

  // Event ids are looked up only when something fails (the revision check, or the unique index on
  // event_id): the same answers as looking first, without a query per event on every append.
  function appendInTransaction(
    streamName: string,
    events: readonly PreparedEvent[],
    callerIds: boolean,
    expected: ExpectedRevision,
  ): AppendResult {
    const actual = head(streamName);
    try {
      checkExpectedRevision(streamName, expected, actual);
    } catch (error) {
      const retry = callerIds ? retryResult(streamName, events) : undefined;
      if (retry !== undefined) return retry;
      throw error;
    }
    let revision = actual === ExpectedRevision.NoStream ? NO_STREAM_REVISION : actual;
    if (events.length === 0) return emptyAppendResult(streamName, revision);
    let position = START;
    for (const event of events) {
      revision += 1n;
      try {
        position = statements.insertEvent.run(
          streamName,
          revision,
          event.eventId,
          event.type,
          event.data,
          event.metadata,
        ).lastInsertRowid as bigint;
        inserted += 1;
      } catch (error) {
        if (callerIds && isSqliteError(error) && error.code === 'SQLITE_CONSTRAINT_UNIQUE')
          throw new StoredEventId(error);
        throw error;
      }
    }
    return { nextExpectedRevision: revision, position };
  }
  const appendTransaction = db.transaction(
    (
      streamName: string,
      events: readonly PreparedEvent[],
      callerIds: boolean,
      expected: ExpectedRevision,
      keys: readonly NewContactKey[],
    ): AppendResult => withKeys(keys, () => appendInTransaction(streamName, events, callerIds, expected)),
  );

  function emptyAppendResult(streamName: string, revision: bigint): AppendResult {
    if (revision === NO_STREAM_REVISION) return { nextExpectedRevision: revision, position: START };
    const [last] = statements.readBackwards.all(streamName, streamName, revision, 1) as [[bigint, ...unknown[]]];
    return { nextExpectedRevision: revision, position: last[0] };
  }

  const deleteTransaction = db.transaction((streamName: string, expected: ExpectedRevision): void => {
    const actual = head(streamName);
    checkExpectedRevision(streamName, expected, actual);
    statements.insertTombstone.run(streamName, actual === ExpectedRevision.NoStream ? NO_STREAM_REVISION : actual);
  });

  // Every part in the one IMMEDIATE transaction, none as a savepoint of its own (a savepoint per part
  // cost more than its inserts): any part failing rolls back all.
  const appendToStreamsTransaction = db.transaction(
    (parts: readonly PreparedAppend[], keys: readonly NewContactKey[]): AppendResult[] =>
      withKeys(keys, () =>
        parts.map((part) => appendInTransaction(part.streamName, part.events, part.callerIds, part.expected)),
      ),
  );

  /**
   * A stored event id rolled everything back: parts that are exact retries get their original results
   * and the others are appended again; with no retry among them, the conflict stands.
   */
  function appendParts(parts: readonly PreparedAppend[], keys: readonly NewContactKey[]): AppendResult[] {
    try {
      return appendToStreamsTransaction.immediate(parts, keys);
    } catch (error) {
      if (!(error instanceof StoredEventId)) throw error;
      const retries = parts.map((part) => (part.callerIds ? retryResult(part.streamName, part.events) : undefined));
      const fresh = parts.filter((_, index) => retries[index] === undefined);
      if (fresh.length === parts.length) throw error.cause;
      const appended = appendParts(fresh, keys);
      return retries.map((retry) => retry ?? (appended.shift() as AppendResult));
    }
  }

  return {
    append(streamName, events, expected, keys = []) {
      const prepared = prepareAppend({ streamName, events, expectedRevision: expected });
      if (keys.length > 0) keyTable();
      try {
        return appendTransaction.immediate(streamName, prepared.events, prepared.callerIds, expected, keys);
      } catch (error) {
        if (!(error instanceof StoredEventId)) throw error;
        // Rolled back by now, so only what other appends stored is compared; stored events never change.
        const retry = retryResult(streamName, prepared.events);
        if (retry !== undefined) return retry;
        throw error.cause;
      }
    },
    appendToStreams(appends, keys = []) {
      if (keys.length > 0) keyTable();
      return appendParts(appends.map(prepareAppend), keys);
    },
    deleteStream(streamName, expected) {
      deleteTransaction.immediate(streamName, expected);
    },
    holdsKey: (keyId) => keyTable().held.get(keyId) !== undefined,
  };
}

function prepareAppend({ streamName, events, expectedRevision }: CheckedAppend): PreparedAppend {
  let callerIds = false;
  const prepared = events.map((event, index): PreparedEvent => {
    if (event.eventId !== undefined) callerIds = true;
    return {
      eventId: event.eventId ?? randomUUID(),
      type: event.type,
      data: toJsonText(event.data, `events[${index}].data`),
      metadata: toJsonText(event.metadata, `events[${index}].metadata`),
    };
  });
  return { streamName, events: prepared, callerIds, expected: expectedRevision };
}
