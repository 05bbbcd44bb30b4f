// The database as Kysely's SQLite dialect sees it, with prepared statements kept per SQL text: Kysely
// prepares every query it runs, and preparing costs more than running a page query on an index.
import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct statements kept; a query's SQL varies only with its filters, so few are ever made. */
const MAX_STATEMENTS = 500;

export function cachingDatabase(db: Database.Database): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      let statement = statements.get(sql);
      if (statement === undefined) {
        if (statements.size >= MAX_STATEMENTS) statements.clear();
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
