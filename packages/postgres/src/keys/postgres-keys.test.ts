import { Pool } from 'pg';
import { afterAll, beforeAll } from '@jest/globals';
import { describeKeyedSealing } from '@leadline/eventstore/testing';
import { openPostgresEventStore } from '../eventstore/open-postgres-event-store.js';
import { describeWithPostgres, postgresTestUrl, uniqueSchemaName } from '../testing/index.js';
import { openPostgresKeyStore } from './postgres-key-store.js';

describeWithPostgres('PostgreSQL contact keys', () => {
  let pool: Pool;
  beforeAll(() => {
    pool = new Pool({ connectionString: postgresTestUrl(), max: 4 });
  });
  afterAll(() => pool.end());

  describeKeyedSealing('PostgreSQL (events and keys in one schema)', {
    keyedAppend: true,
    async open() {
      const schema = uniqueSchemaName('leadline_keys');
      const events = await openPostgresEventStore({ pool, schema });
      const keys = await openPostgresKeyStore({ pool, schema });
      return {
        events,
        keys,
        async dispose() {
          await events.dispose();
          await keys.close();
          await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        },
      };
    },
  });
});
