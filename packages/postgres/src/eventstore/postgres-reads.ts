// Reads from PostgreSQL in pages (keyset pagination on revision or position): an iterator holds one
// page, never a whole stream or store, and no connection is held between pages.
import type { Pool } from 'pg';
import {
  StreamDeletedError,
  type CheckedReadStreamOptions,
  type EventFilter,
  type EventMetadata,
  type RecordedEvent,
  type UpcasterChain,
} from '@leadline/eventstore';
import type { EventRow, PostgresQueries, StreamPageRow } from './postgres-queries.js';

export const POSTGRES_PAGE_SIZE = 1_000;

const LAST_POSSIBLE = 9_223_372_036_854_775_807n;

export interface PostgresReads {
  readStream(streamName: string, options: CheckedReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(after: bigint, maxCount: number, filter: EventFilter | undefined): AsyncIterable<RecordedEvent>;
  /** Matching events with after < position <= upTo, oldest first, at most `limit`. */
  readAllPage(after: bigint, upTo: bigint, limit: number, filter: EventFilter | undefined): Promise<RecordedEvent[]>;
  headPosition(): Promise<bigint>;
  streamRevision(streamName: string): Promise<bigint | null>;
  streamRevisions(streamNames: readonly string[]): Promise<(bigint | null)[]>;
}

export function postgresReads(pool: Pool, queries: PostgresQueries, upcasters: UpcasterChain): PostgresReads {
  const toEvent = (
    streamName: string,
    position: bigint,
    revision: bigint,
    eventId: string,
    type: string,
    data: unknown,
    metadata: unknown,
  ): RecordedEvent =>
    upcasters.apply({ eventId, type, data, metadata: metadata as EventMetadata, streamName, revision, position });

  async function readAllPage(
    after: bigint,
    upTo: bigint,
    limit: number,
    filter: EventFilter | undefined,
  ): Promise<RecordedEvent[]> {
    const { rows } = await pool.query<EventRow>(
      queries.readAll([after, upTo, filter?.eventTypes ?? null, filter?.streamPrefixes ?? null, limit]),
    );
    return rows.map(([position, streamName, revision, eventId, type, data, metadata]) =>
      toEvent(streamName, position, revision, eventId, type, data, metadata),
    );
  }

  return {
    async *readStream(streamName, { direction, fromRevision, maxCount }) {
      const forwards = direction === 'forwards';
      let next = fromRevision ?? (forwards ? 0n : LAST_POSSIBLE);
      let remaining = maxCount;
      let first = true;
      while (first || remaining > 0) {
        const limit = Math.min(POSTGRES_PAGE_SIZE, remaining);
        const { rows } = await pool.query<StreamPageRow>(queries.readStream(direction, [streamName, next, limit]));
        if (first) {
          first = false;
          // An empty page says nothing about the tombstone: ask on its own, once.
          const deleted =
            rows[0]?.[0] ?? (await pool.query<[boolean]>(queries.isTombstoned([streamName]))).rows[0]?.[0];
          if (deleted === true) throw new StreamDeletedError(streamName);
        }
        let count = 0;
        for (const [, position, revision, eventId, type, data, metadata] of rows) {
          count += 1;
          next = forwards ? revision + 1n : revision - 1n;
          yield toEvent(streamName, position, revision, eventId, type, data, metadata);
        }
        if (count < limit || next < 0n) return;
        remaining -= count;
      }
    },

    async *readAll(after, maxCount, filter) {
      let cursor = after;
      let remaining = maxCount;
      while (remaining > 0) {
        const limit = Math.min(POSTGRES_PAGE_SIZE, remaining);
        const page = await readAllPage(cursor, LAST_POSSIBLE, limit, filter);
        yield* page;
        if (page.length < limit) return;
        remaining -= page.length;
        cursor = (page[page.length - 1] as RecordedEvent).position;
      }
    },

    readAllPage,

    async headPosition() {
      const { rows } = await pool.query<[bigint]>(queries.headPosition());
      return (rows[0] as [bigint])[0];
    },

    async streamRevision(streamName) {
      const { rows } = await pool.query<[boolean, bigint | null]>(queries.streamRevision([streamName]));
      const [deleted, revision] = rows[0] as [boolean, bigint | null];
      if (deleted) throw new StreamDeletedError(streamName);
      return revision;
    },

    async streamRevisions(streamNames) {
      const { rows } = await pool.query<[boolean, bigint | null]>(queries.streamRevisions([streamNames]));
      return rows.map(([deleted, revision], index) => {
        if (deleted) throw new StreamDeletedError(streamNames[index] as string);
        return revision;
      });
    },
  };
}
