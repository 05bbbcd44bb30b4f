import { Pool } from 'pg';
import { expect, it } from '@jest/globals';
import { InvalidArgumentError, StoreUnavailableError } from '@leadline/eventstore';
import { anEvent, collect, rejectionOf } from '@leadline/eventstore/testing';
import { describeWithPostgres, uniqueSchemaName, usePostgresTestSchema } from '../../testing/index.js';
import { openPostgresEventStore } from '../open-postgres-event-store.js';
import { migratePostgres, postgresSchemaVersion } from './migrate.js';
import { POSTGRES_EVENT_STORE_SCHEMA_VERSION, postgresEventStoreMigrations } from './migrations.js';

describeWithPostgres('PostgreSQL event store migrations', () => {
  const postgres = usePostgresTestSchema({ prefix: 'leadline_migrations' });

  async function applied(schema: string): Promise<number[]> {
    const { rows } = await postgres.pool.query<{ version: number }>(
      `SELECT version FROM "${schema}".schema_migrations ORDER BY version`,
    );
    return rows.map((row) => row.version);
  }

  async function inFreshSchema(test: (schema: string) => Promise<void>): Promise<void> {
    const schema = uniqueSchemaName('leadline_migrations');
    try {
      await test(schema);
    } finally {
      await postgres.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  }

  it('creates the schema and every migration once, even when four connections migrate at the same moment', () =>
    inFreshSchema(async (schema) => {
      const pools = [1, 2, 3, 4].map(() => new Pool({ connectionString: postgres.url, max: 1 }));
      try {
        await Promise.all(pools.map((pool) => migratePostgres(pool, schema)));
        await migratePostgres(postgres.pool, schema);
      } finally {
        await Promise.all(pools.map((pool) => pool.end()));
      }
      expect(await applied(schema)).toEqual(postgresEventStoreMigrations.map((migration) => migration.version));
      expect(await postgresSchemaVersion(postgres.pool, schema)).toBe(POSTGRES_EVENT_STORE_SCHEMA_VERSION);
    }));

  it('migrates a schema left at version 1, keeping its events, and the store then works', () =>
    inFreshSchema(async (schema) => {
      await migratePostgres(postgres.pool, schema, postgresEventStoreMigrations, 1);
      expect(await applied(schema)).toEqual([1]);
      await postgres.pool.query(
        `INSERT INTO "${schema}".events (position, stream_name, revision, event_id, type, data, metadata)
         VALUES (1, 'lead-1', 0, '0d8f3c3e-4b52-4c1e-8d7e-0b9b2b0a1c01', 'LeadCreated', '{"name":"Ada"}', $1)`,
        [JSON.stringify(anEvent('LeadCreated').metadata)],
      );

      const store = await openPostgresEventStore({ pool: postgres.pool, schema });
      try {
        expect(
          (await collect(store.readStream('lead-1'))).map(({ type, data, revision, position }) => ({
            type,
            data,
            revision,
            position,
          })),
        ).toEqual([{ type: 'LeadCreated', data: { name: 'Ada' }, revision: 0n, position: 1n }]);
        expect(await store.append('lead-1', [anEvent('NoteLogged')], { expectedRevision: 0n })).toEqual({
          nextExpectedRevision: 1n,
          position: 2n,
        });
      } finally {
        await store.dispose();
      }
      expect(await applied(schema)).toEqual(postgresEventStoreMigrations.map((migration) => migration.version));
    }));

  it('refuses a schema written by a newer version instead of misreading it', async () => {
    await migratePostgres(postgres.pool, postgres.schema);
    await postgres.pool.query(
      `INSERT INTO "${postgres.schema}".schema_migrations (version, name) VALUES (99, 'from the future')`,
    );
    const error = await rejectionOf(() => openPostgresEventStore({ pool: postgres.pool, schema: postgres.schema }));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(String(error)).toMatch(/schema version 99/);
  });
});

describeWithPostgres('openPostgresEventStore arguments and failures', () => {
  it.each([
    ['neither pool nor connectionString', {}, 'connectionString'],
    ['both pool and connectionString', { pool: new Pool(), connectionString: 'postgres://x@y/z' }, 'connectionString'],
    [
      'a schema name that is not a plain identifier',
      { connectionString: 'postgres://x@y/z', schema: 'Leads; DROP' },
      'schema',
    ],
    ['a poll interval of 0', { connectionString: 'postgres://x@y/z', pollIntervalMs: 0 }, 'pollIntervalMs'],
  ])('rejects %s with InvalidArgumentError naming the field', async (_label, options, field) => {
    const error = await rejectionOf(() => openPostgresEventStore(options));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ field });
  });

  it('fails with StoreUnavailableError when the server cannot be reached', async () => {
    const error = await rejectionOf(() =>
      openPostgresEventStore({ connectionString: 'postgres://postgres@127.0.0.1:1/nowhere' }),
    );
    expect(error).toBeInstanceOf(StoreUnavailableError);
  });
});
