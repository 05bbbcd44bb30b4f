// Plan tests: every hot query reaches its first page through an index, never by a sequential scan of a
// leads table. Sequential scans are switched off for the EXPLAIN, so one still chosen means no index
// can serve the query (on a small table the planner would scan it anyway, index or not).
import { Pool } from 'pg';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { ReadModelStore } from '@leadline/projections';
import {
  captureQueries,
  HOT_QUERIES,
  hotQueries,
  seedForPlans,
  type HotQueryContext,
} from '@leadline/projections/testing';
import { CompiledQuery, sql } from 'kysely';
import { describeWithPostgres, postgresTestUrl, uniqueSchemaName } from '../testing/index.js';
import { openPostgresReadModelStore } from './postgres-read-model-store.js';

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly Plans?: readonly PlanNode[];
}

const LEADS_TABLES = /leads|visits|steps/;

function sequentialScans(node: PlanNode): string[] {
  const own =
    node['Node Type'] === 'Seq Scan' && LEADS_TABLES.test(node['Relation Name'] ?? '')
      ? [node['Relation Name'] ?? '']
      : [];
  return [...own, ...(node.Plans ?? []).flatMap(sequentialScans)];
}

describeWithPostgres('PostgreSQL query plans', () => {
  const schema = uniqueSchemaName('leadline_plans');
  let pool: Pool;
  let store: ReadModelStore;
  let context: HotQueryContext;
  beforeAll(async () => {
    pool = new Pool({ connectionString: postgresTestUrl(), max: 2 });
    store = await openPostgresReadModelStore({ pool, schema });
    context = await seedForPlans(store);
    await pool.query(`ANALYZE`);
  }, 120_000);
  afterAll(async () => {
    await store.dispose();
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it.each(HOT_QUERIES)('%s reads its first page through indexes', async (name) => {
    const statements = await captureQueries(store, hotQueries(context)[name]);
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      const scans = await store.sql.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        const plan = await trx.executeQuery<{ 'QUERY PLAN': readonly { readonly Plan: PlanNode }[] }>(
          CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${statement.sql}`, [...statement.parameters]),
        );
        return (plan.rows[0]?.['QUERY PLAN'] ?? []).flatMap((entry) => sequentialScans(entry.Plan));
      });
      expect({ sql: statement.sql, scans }).toEqual({ sql: statement.sql, scans: [] });
    }
  });
});
