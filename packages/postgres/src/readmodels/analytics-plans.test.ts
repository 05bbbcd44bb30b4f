// Plan tests of the analytics queries: source analytics and the stage funnel read only the rows the
// projectors keep for them (day cells, funnel counters) through their keys, never the per-lead tables.
// Sequential scans are switched off for the EXPLAIN, so one still chosen means no index can serve it.
import { Pool } from 'pg';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { ReadModelStore } from '@leadline/projections';
import { captureQueries, hotQueries, seedForPlans, type HotQueryContext } from '@leadline/projections/testing';
import { CompiledQuery, sql } from 'kysely';
import { describeWithPostgres, postgresTestUrl, uniqueSchemaName } from '../testing/index.js';
import { openPostgresReadModelStore } from './postgres-read-model-store.js';

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly Plans?: readonly PlanNode[];
}

const ANALYTICS = ['source analytics', 'stage funnel'] as const;
/** Tables whose size grows with the leads or their visits. */
const PER_LEAD_TABLES = /\b(source_analytics_leads|stage_transitions_visits|stage_transitions_leads)\b/;

/** Every table the plan reads, and how. */
const reads = (node: PlanNode): string[] => [
  ...(node['Relation Name'] === undefined ? [] : [`${node['Node Type']} ${node['Relation Name']}`]),
  ...(node.Plans ?? []).flatMap(reads),
];

describeWithPostgres('PostgreSQL plans of the analytics queries', () => {
  const schema = uniqueSchemaName('leadline_analytics_plans');
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

  it.each(ANALYTICS)('%s reads its kept rows by key, no per-lead table', async (name) => {
    const statements = await captureQueries(store, hotQueries(context)[name]);
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect({ sql: statement.sql, perLead: PER_LEAD_TABLES.test(statement.sql) }).toEqual({
        sql: statement.sql,
        perLead: false,
      });
      const tables = await store.sql.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        const plan = await trx.executeQuery<{ 'QUERY PLAN': readonly { readonly Plan: PlanNode }[] }>(
          CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${statement.sql}`, [...statement.parameters]),
        );
        return (plan.rows[0]?.['QUERY PLAN'] ?? []).flatMap((entry) => reads(entry.Plan));
      });
      expect(tables.length).toBeGreaterThan(0);
      expect({ sql: statement.sql, scans: tables.filter((read) => read.startsWith('Seq Scan')) }).toEqual({
        sql: statement.sql,
        scans: [],
      });
    }
  });
});
