// Every SQL sample of docs/read-models.md runs against read models kept in PostgreSQL, and returns rows.
import { join } from 'node:path';
import { beforeAll, expect, it } from '@jest/globals';
import { createMemoryEventStore } from '@leadline/eventstore';
import { ALL_PROJECTORS, createProjectionRunner, leadsView } from '@leadline/projections';
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

  it('has the leads view with the documented columns, one row per live lead, and comments on it', async () => {
    const count = async (sql: string): Promise<number> =>
      Number((await postgres.pool.query<{ n: string }>(sql)).rows[0]?.n);
    const leads = `"${postgres.schema}".leads`;
    const empty = await postgres.pool.query(`SELECT * FROM ${leads} LIMIT 0`);
    expect(empty.fields.map((field) => field.name)).toEqual(Object.keys(leadsView.columns));
    const live = await count(
      `SELECT count(*) AS n FROM "${postgres.schema}".pipeline_board_leads WHERE state = 'active'`,
    );
    expect(await count(`SELECT count(*) AS n FROM ${leads}`)).toBe(live);
    expect(await count(`SELECT count(*) AS n FROM "${postgres.schema}".pipeline_board_leads`)).toBeGreaterThan(live);
    const comments = await postgres.pool.query<{ view: string | null; column: string | null }>(
      `SELECT obj_description('${leads}'::regclass) AS view, col_description('${leads}'::regclass, 1) AS column`,
    );
    expect(comments.rows[0]).toEqual({ view: leadsView.description, column: leadsView.columns['org_id'] });
  });
});
