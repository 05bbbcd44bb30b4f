// The typed queries' connection to PostgreSQL: Kysely over the store's pool, its search_path-free names
// resolved in the store's schema, and results read the way SQLite returns them (bigint as a number,
// timestamptz as canonical ISO 8601 text) so queries read the same rows on both engines.
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import pg from 'pg';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import { Kysely, PostgresDialect } from 'kysely';
import type { NoTables } from '@leadline/projections';

const { builtins } = pg.types;

/** PostgreSQL's text form of a timestamptz (`2026-01-05 09:00:00.123+00`, `…+05:30`) as canonical ISO 8601. */
export const isoFromTimestamptz = (text: string): string =>
  new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();

/** Per-query type parsers: the pool's defaults stay as they are for the event store and for users. */
const readTypes = new pg.TypeOverrides();
readTypes.setTypeParser(builtins.INT8, (value: string) => Number(value));
readTypes.setTypeParser(builtins.TIMESTAMPTZ, isoFromTimestamptz);

/** A pooled connection as Kysely sees it: each query carries the read types. */
class ReadClient implements PostgresPoolClient {
  constructor(private readonly client: PoolClient) {}

  /** Queries are reads, so the result is reported as a SELECT's. */
  query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sql: string | PostgresCursor<R>,
    parameters: readonly unknown[] = [],
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    // Streaming is not offered: every read-model query returns one page.
    if (typeof sql !== 'string') throw new Error('Read-model queries do not stream.');
    return this.client
      .query<R & QueryResultRow>({ text: sql, values: [...parameters], types: readTypes })
      .then((result) => ({ command: 'SELECT', rowCount: result.rowCount ?? 0, rows: result.rows }));
  }

  release(): void {
    this.client.release();
  }
}

/** The pool as Kysely sees it; ending it is the store's business. */
function queryPool(pool: Pool): PostgresPool {
  return {
    options: pool.options,
    connect: async () => new ReadClient(await pool.connect()),
    end: async () => undefined,
  };
}

export function readModelKysely(pool: Pool, schema: string): Kysely<NoTables> {
  return new Kysely<NoTables>({ dialect: new PostgresDialect({ pool: queryPool(pool) }) }).withSchema(schema);
}
