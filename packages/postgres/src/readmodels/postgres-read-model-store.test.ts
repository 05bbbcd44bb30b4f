import { Pool } from 'pg';
import { afterAll, beforeAll } from '@jest/globals';
import { describeReadModelStoreConformance } from '@leadline/projections/testing';
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
  describeReadModelStoreConformance(
    'postgres',
    async () => {
      const schema = uniqueSchemaName('leadline_rm');
      schemas.push(schema);
      return openPostgresReadModelStore({ pool, schema });
    },
    { runs: 6 },
  );
});
