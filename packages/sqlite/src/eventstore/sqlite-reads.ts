// Reads from SQLite, page by page: an iterator holds one page of rows, never the whole stream or store.
import type { CheckedReadStreamOptions, EventFilter, RecordedEvent, UpcasterChain } from '@leadline/eventstore';
import { StreamDeletedError } from '@leadline/eventstore';
import type { EventRow, SqliteStatements } from './sqlite-statements.js';

/** Rows per statement execution: large enough that per-page work vanishes, small enough to hold. */
export const SQLITE_PAGE_SIZE = 1_000;

const LAST_POSSIBLE = 9_223_372_036_854_775_807n;

type TombstonedEventRow = [...EventRow, tombstoned: bigint];

export interface SqliteReads {
  readStream(streamName: string, options: CheckedReadStreamOptions): Iterable<RecordedEvent>;
  /** Matching events with after < position <= upTo, oldest first. */
  readAll(
    after: bigint,
    upTo: bigint | undefined,
    maxCount: number,
    filter: EventFilter | undefined,
  ): Iterable<RecordedEvent>;
  headPosition(): bigint;
  /** The stream's last revision, null when it has none; throws when tombstoned. */
  streamRevision(streamName: string): bigint | null;
}

export function sqliteReads(statements: SqliteStatements, upcasters: UpcasterChain): SqliteReads {
  const toEvent = (row: EventRow | TombstonedEventRow): RecordedEvent =>
    upcasters.apply({
      eventId: row[3],
      type: row[4],
      data: JSON.parse(row[5]) as unknown,
      metadata: JSON.parse(row[6]) as RecordedEvent['metadata'],
      streamName: row[1],
      revision: row[2],
      position: row[0],
    });

  return {
    *readStream(streamName, { direction, fromRevision, maxCount }) {
      const forwards = direction === 'forwards';
      const statement = forwards ? statements.readForwards : statements.readBackwards;
      let next = fromRevision ?? (forwards ? 0n : LAST_POSSIBLE);
      let remaining = maxCount;
      let first = true;
      while (remaining > 0 || first) {
        const limit = Math.min(SQLITE_PAGE_SIZE, remaining);
        const rows = statement.all(streamName, streamName, next, limit) as TombstonedEventRow[];
        if (first) {
          first = false;
          const deleted =
            rows.length === 0 ? statements.isTombstoned.get(streamName) !== undefined : rows[0]?.[7] === 1n;
          if (deleted) throw new StreamDeletedError(streamName);
        }
        for (const row of rows) yield toEvent(row);
        const last = rows[rows.length - 1];
        if (rows.length < limit || last === undefined || (!forwards && last[2] === 0n)) return;
        remaining -= rows.length;
        next = forwards ? last[2] + 1n : last[2] - 1n;
      }
    },

    *readAll(after, upTo, maxCount, filter) {
      const statement = statements.readAll(filter);
      const filterValues = [...(filter?.eventTypes ?? []), ...(filter?.streamPrefixes ?? [])];
      let cursor = after;
      let remaining = maxCount;
      while (remaining > 0) {
        const limit = Math.min(SQLITE_PAGE_SIZE, remaining);
        const rows = statement.all(cursor, upTo ?? LAST_POSSIBLE, ...filterValues, limit) as EventRow[];
        for (const row of rows) yield toEvent(row);
        const last = rows[rows.length - 1];
        if (rows.length < limit || last === undefined) return;
        remaining -= rows.length;
        cursor = last[0];
      }
    },

    headPosition: () => statements.headPosition.get() as bigint,

    streamRevision(streamName) {
      const [revision, deleted] = statements.streamHead.get(streamName, streamName) as [bigint | null, bigint];
      if (deleted !== 0n) throw new StreamDeletedError(streamName);
      return revision;
    },
  };
}
