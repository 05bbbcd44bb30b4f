// Every SQL sample of docs/read-models.md runs against read models kept in PostgreSQL, and returns rows.
import { join } from 'node:path';
import { beforeAll, expect, it } from '@jest/globals';
import { createMemoryEventStore } from '@leadline/eventstore';
import { ALL_PROJECTORS, createProjectionRunner } from '@leadline/projections';
import { appendHistory, generateSeededHistory, seededSteps, sqlSamples } from '@leadline/projections/testing';
import { describeWithPostgres, usePostgresTestSchema } from '../testing/index.js';
import { openPostgresReadModelStore } from './postgres-read-model-store.js';

const page = join(__dirname, '..', '..', '..', '..', 'docs', 'read-models.md');

describeWithPostgres('the SQL samples of docs/read-models.md on PostgreSQL', () => {
  const postgres = usePostgresTestSchema({ prefix: 'leadline_docs_sql' });
  beforeAll(async () => {
    const eventStore = createMemoryEventStore();
    await appendHistory(eventStore, generateSeededHistory(3000, seededSteps(5)));
    const store = await openPostgresReadModelStore({ pool: postgres.pool, schema: postgres.schema });
    await createProjectionRunner({ eventStore, store, projectors: ALL_PROJECTORS }).catchUp();
    await store.dispose();
  }, 120_000);

  const samples = sqlSamples(page, 'postgres');
  it('has samples', () => expect(samples.length).toBeGreaterThan(5));
  it.each(samples.map((sample): [number, string] => [sample.line, sample.code]))(
    'line %i runs and returns rows',
    async (_line, sql) => {
      const client = await postgres.pool.connect();
      try {
        // As an analyst would: the store's schema on the search path, then the sample as written.
        await client.query(`SET search_path TO "${postgres.schema}"`);
        expect((await client.query(sql)).rows.length).toBeGreaterThan(0);
      } finally {
        await client.query('RESET search_path');
        client.release();
      }
    },
  );
});
