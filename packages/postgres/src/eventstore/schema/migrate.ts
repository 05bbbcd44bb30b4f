// Creates and migrates the event store schema: safe to run twice, and from several processes at once
// (they queue on an advisory lock; the first migrates, the others find nothing left to do).
import type { Pool, PoolClient } from 'pg';
import { StoreUnavailableError } from '@leadline/eventstore';
import { postgresEventStoreMigrations, type PostgresMigration } from './migrations.js';

/** The highest migration applied in `schema`, 0 when the schema has none. */
export async function postgresSchemaVersion(client: Pool | PoolClient, schema: string): Promise<number> {
  const table = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [
    `"${schema}".schema_migrations`,
  ]);
  if (table.rows[0]?.exists !== true) return 0;
  const applied = await client.query<{ version: number | null }>(
    `SELECT max(version) AS version FROM "${schema}".schema_migrations`,
  );
  return applied.rows[0]?.version ?? 0;
}

export async function migratePostgres(
  pool: Pool,
  schema: string,
  migrations: readonly PostgresMigration[] = postgresEventStoreMigrations,
  target: number = migrations.length,
): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    // Session-level and keyed by schema: migrations of other schemas do not wait on this one.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`leadline-event-store:${schema}`]);
    try {
      await applyPending(client, schema, migrations, target);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`leadline-event-store:${schema}`]);
    }
  } catch (error) {
    // A connection that failed mid-way may still hold the lock: destroy it rather than pool it.
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}

async function applyPending(
  client: PoolClient,
  schema: string,
  migrations: readonly PostgresMigration[],
  target: number,
): Promise<void> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await client.query(`
    CREATE TABLE IF NOT EXISTS "${schema}".schema_migrations (
      version    integer     PRIMARY KEY,
      name       text        NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  const current = await postgresSchemaVersion(client, schema);
  if (current > migrations.length) {
    throw new StoreUnavailableError(
      `The PostgreSQL schema "${schema}" has event store schema version ${current}, newer than the ${migrations.length} this version of @leadline/postgres knows; upgrade @leadline/postgres to use it.`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    await client.query('BEGIN');
    try {
      await client.query(migration.sql(schema));
      await client.query(`INSERT INTO "${schema}".schema_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }
}
