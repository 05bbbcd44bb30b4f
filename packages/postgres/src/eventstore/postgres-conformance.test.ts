import { Pool } from 'pg';
import { afterAll, beforeAll } from '@jest/globals';
import type { EventStore } from '@leadline/eventstore';
import { describeEventStoreConformance } from '@leadline/eventstore/testing';
import { describeWithPostgres, postgresTestUrl, uniqueSchemaName } from '../testing/index.js';
import { openPostgresEventStore } from './open-postgres-event-store.js';

describeWithPostgres('PostgreSQL event store conformance', () => {
  let pool: Pool;
  const schemas = new Map<EventStore, string>();
  beforeAll(() => {
    pool = new Pool({ connectionString: postgresTestUrl(), max: 6 });
  });
  afterAll(async () => {
    await pool.end();
  });

  describeEventStoreConformance('PostgreSQL event store', {
    async create(options) {
      const schema = uniqueSchemaName('leadline_conformance');
      const store = await openPostgresEventStore({ pool, schema, pollIntervalMs: 200, ...options });
      schemas.set(store, schema);
      return store;
    },
    async dispose(store) {
      await store.dispose();
      await pool.query(`DROP SCHEMA IF EXISTS "${schemas.get(store) ?? 'missing'}" CASCADE`);
      schemas.delete(store);
    },
    capabilities: { numRunsScale: 0.3 },
  });
});
