import { Pool } from 'pg';
import { afterAll, beforeAll } from '@jest/globals';
import { describeReadModelQueries, describeReadModelStoreConformance } from '@leadline/projections/testing';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { describeWithPostgres, postgresTestUrl, uniqueSchemaName } from '../testing/index.js';
import { openPostgresReadModelStore } from './postgres-read-model-store.js';

describeWithPostgres('PostgreSQL read-model store', () => {
  let pool: Pool;
  const schemas: string[] = [];
  beforeAll(() => {
    pool = new Pool({ connectionString: postgresTestUrl(), max: 4 });
  });
  afterAll(async () => {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });
  // Every store gets a schema of its own, dropped when the suite ends.
  const factory = async () => {
    const schema = uniqueSchemaName('leadline_rm');
    schemas.push(schema);
    return openPostgresReadModelStore({ pool, schema });
  };
  // Every model is compared with SQLite's: both engines hold identical rows for any history.
  describeReadModelStoreConformance('postgres', factory, {
    runs: 6,
    reference: async () => openSqliteReadModelStore({ file: ':memory:' }),
  });
  describeReadModelQueries(factory);
});
