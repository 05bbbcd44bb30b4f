// Plan tests: every hot query reaches its first page through an index, never by scanning a leads table
// (EXPLAIN QUERY PLAN over the statements each query sends).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ReadModelStore } from '@leadline/projections';
import {
  captureQueries,
  HOT_QUERIES,
  hotQueries,
  seedForPlans,
  type HotQueryContext,
} from '@leadline/projections/testing';
import { CompiledQuery } from 'kysely';
import { openSqliteReadModelStore } from './sqlite-read-model-store.js';

/**
 * A plan step that reads a whole read-model table (an index search reads "SEARCH ... USING INDEX"); the
 * rows a query already selected (a window's subquery, a CTE, a board stage's page) may be scanned.
 */
const FULL_SCAN = /^SCAN (?!CONSTANT ROW|\(subquery-\d+\)|ranked\b|page\b)/;

describe('SQLite query plans', () => {
  let store: ReadModelStore;
  let context: HotQueryContext;
  beforeAll(async () => {
    store = openSqliteReadModelStore({ file: ':memory:' });
    context = await seedForPlans(store);
    await store.sql.db.executeQuery(CompiledQuery.raw('ANALYZE'));
  }, 60_000);
  afterAll(() => store.dispose());

  it.each(HOT_QUERIES)('%s reads its first page through indexes', async (name) => {
    const run = hotQueries(context)[name];
    const statements = await captureQueries(store, run);
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      const plan = await store.sql.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`EXPLAIN QUERY PLAN ${statement.sql}`, [...statement.parameters]),
      );
      const scans = plan.rows.map((row) => row.detail).filter((detail) => FULL_SCAN.test(detail));
      expect({ sql: statement.sql, scans }).toEqual({ sql: statement.sql, scans: [] });
    }
  });
});
