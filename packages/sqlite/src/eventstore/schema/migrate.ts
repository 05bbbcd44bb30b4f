// Creates the schema in a new file and migrates an old one, safely from several processes at once.
import type { Database } from 'better-sqlite3';
import { StoreUnavailableError } from '@leadline/eventstore';
import { sqliteEventStoreMigrations, type SqliteMigration } from './migrations.js';

const createMigrationsTable = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at TEXT    NOT NULL
  ) STRICT
`;

/** The highest migration applied to the file, 0 for a new file. */
export function schemaVersion(db: Database): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (exists === undefined) return 0;
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null };
  return row.version ?? 0;
}

/**
 * Applies the migrations the file lacks, up to `target` (all by default). BEGIN IMMEDIATE takes the
 * write lock first, so two processes opening the same new file do not both create it.
 */
export function migrate(
  db: Database,
  migrations: readonly SqliteMigration[] = sqliteEventStoreMigrations,
  target: number = migrations.length,
): void {
  const known = migrations.length;
  const run = db.transaction(() => {
    db.exec(createMigrationsTable);
    const current = schemaVersion(db);
    if (current > known) {
      throw new StoreUnavailableError(
        `The SQLite file ${db.name} has event store schema version ${current}, newer than the ${known} this version of @leadline/sqlite knows; upgrade @leadline/sqlite to open it.`,
      );
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of migrations) {
      if (migration.version <= current || migration.version > target) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
  });
  run.immediate();
}
