// Appends and deletes on SQLite: one IMMEDIATE transaction each, so the expected-revision check and the
// write are atomic across every process that opens the file.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import {
  checkExpectedRevision,
  classifyBatch,
  ExpectedRevision,
  NO_STREAM_REVISION,
  START,
  StreamDeletedError,
  type ActualRevision,
  type AppendResult,
  type EventToAppend,
  toJsonText,
  type StoredEventRef,
} from '@leadline/eventstore';
import type { SqliteStatements } from './sqlite-statements';

interface PreparedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

export interface SqliteWrites {
  append(streamName: string, events: readonly EventToAppend[], expected: ExpectedRevision): AppendResult;
  deleteStream(streamName: string, expected: ExpectedRevision): void;
}

export function sqliteWrites(db: Database, statements: SqliteStatements): SqliteWrites {
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

  const appendTransaction = db.transaction(
    (streamName: string, events: readonly PreparedEvent[], callerIds: boolean, expected: ExpectedRevision): AppendResult => {
      const actual = head(streamName);
      // Ids given by the caller may make this a retry of a stored batch: looked up first, as every store does.
      if (callerIds) {
        const batch = classifyBatch(streamName, events.length, storedRefs(events));
        if (batch.kind === 'retry') return batch.result;
      }
      checkExpectedRevision(streamName, expected, actual);
      let revision = actual === ExpectedRevision.NoStream ? NO_STREAM_REVISION : actual;
      if (events.length === 0) return emptyAppendResult(streamName, revision);
      let position = START;
      for (const event of events) {
        revision += 1n;
        position = statements.insertEvent.run(streamName, revision, event.eventId, event.type, event.data, event.metadata)
          .lastInsertRowid as bigint;
      }
      return { nextExpectedRevision: revision, position };
    },
  );

  function emptyAppendResult(streamName: string, revision: bigint): AppendResult {
    if (revision === NO_STREAM_REVISION) return { nextExpectedRevision: revision, position: START };
    const [last] = statements.readBackwards.all(streamName, revision, 1) as [[bigint, ...unknown[]]];
    return { nextExpectedRevision: revision, position: last[0] };
  }

  const deleteTransaction = db.transaction((streamName: string, expected: ExpectedRevision): void => {
    const actual = head(streamName);
    checkExpectedRevision(streamName, expected, actual);
    statements.insertTombstone.run(streamName, actual === ExpectedRevision.NoStream ? NO_STREAM_REVISION : actual);
  });

  return {
    append(streamName, events, expected) {
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
      return appendTransaction.immediate(streamName, prepared, callerIds, expected);
    },
    deleteStream(streamName, expected) {
      deleteTransaction.immediate(streamName, expected);
    },
  };
}
