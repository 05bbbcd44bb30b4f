// Plan tests of the analytics queries: source analytics and the stage funnel read only the rows the
// projectors keep for them (day cells, funnel counters) through their keys, never the per-lead tables.
// No ANALYZE here: with the seed's two organisations SQLite rightly scans the few kept rows (plans.test.ts
// allows that); without statistics it plans as for many organisations, where the key must answer.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ReadModelStore } from '@leadline/projections';
import { captureQueries, hotQueries, seedForPlans, type HotQueryContext } from '@leadline/projections/testing';
import { CompiledQuery } from 'kysely';
import { openSqliteReadModelStore } from './sqlite-read-model-store.js';

const ANALYTICS = ['source analytics', 'stage funnel'] as const;
/** Tables whose size grows with the leads or their visits. */
const PER_LEAD_TABLES = /\b(source_analytics_leads|stage_transitions_visits|stage_transitions_leads)\b/;

describe('SQLite plans of the analytics queries', () => {
  let store: ReadModelStore;
  let context: HotQueryContext;
  beforeAll(async () => {
    store = openSqliteReadModelStore({ file: ':memory:' });
    context = await seedForPlans(store);
  }, 60_000);
  afterAll(() => store.dispose());

  it.each(ANALYTICS)('%s reads its kept rows by key, no per-lead table', async (name) => {
    const statements = await captureQueries(store, hotQueries(context)[name]);
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect({ sql: statement.sql, perLead: PER_LEAD_TABLES.test(statement.sql) }).toEqual({
        sql: statement.sql,
        perLead: false,
      });
      const plan = await store.sql.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`EXPLAIN QUERY PLAN ${statement.sql}`, [...statement.parameters]),
      );
      const reads = plan.rows.map((row) => row.detail).filter((detail) => /^(SCAN|SEARCH) /.test(detail));
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.filter((read) => read.startsWith('SCAN '))).toEqual([]);
    }
  });
});
