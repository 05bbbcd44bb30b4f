// Search answers alike on PostgreSQL (pg_trgm) and SQLite (FTS5 trigram): the same generated history in
// both, then the same searches — substrings cut from the leads' own fields, short prefixes, phone-like
// text, wildcards — page by page, compared item by item and cursor by cursor.
import { Pool } from 'pg';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { ReadModelStore } from '@leadline/projections';
import { readModelDb, searchLeads } from '@leadline/projections';
import type { HotQueryContext } from '@leadline/projections/testing';
import { seedForPlans } from '@leadline/projections/testing';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { describeWithPostgres, postgresTestUrl, uniqueSchemaName } from '../testing/index.js';
import { openPostgresReadModelStore } from './postgres-read-model-store.js';

describeWithPostgres('search on PostgreSQL and SQLite', () => {
  const schema = uniqueSchemaName('leadline_search');
  let pool: Pool;
  let postgres: ReadModelStore;
  let sqlite: ReadModelStore;
  let context: HotQueryContext;
  let terms: string[];
  beforeAll(async () => {
    pool = new Pool({ connectionString: postgresTestUrl(), max: 2 });
    postgres = await openPostgresReadModelStore({ pool, schema });
    sqlite = openSqliteReadModelStore({ file: ':memory:' });
    context = await seedForPlans(postgres);
    await seedForPlans(sqlite);
    const leads = await readModelDb(sqlite)
      .selectFrom('search_leads')
      .select(['name', 'company', 'email', 'phone'])
      .where('org_id', '=', context.orgId)
      .orderBy('lead_id')
      .limit(15)
      .execute();
    // Pieces of what people would type: the middle of a name, the start of an email, a company in
    // capitals, phone digits with punctuation.
    const cut = leads.flatMap((lead) => [
      lead.name.slice(2, 6),
      (lead.email ?? '').slice(0, 5),
      (lead.company ?? '').toUpperCase().slice(1, 5),
      (lead.phone ?? '').slice(-6, -2).replace(/(\d\d)(\d+)/, '$1-$2'),
    ]);
    terms = [...new Set([...cut, 'son', 'a', 'Z', 'é', '%', 'e_', '@', '+1 ('])].filter((term) => term.trim() !== '');
  }, 120_000);
  afterAll(async () => {
    await postgres.dispose();
    await sqlite.dispose();
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it('gives identical pages for every search, for a manager and for a rep', async () => {
    expect(terms.length).toBeGreaterThan(20);
    let found = 0;
    for (const viewer of [context.manager, context.rep]) {
      for (const text of terms) {
        let after: string | undefined;
        for (let page = 0; page < 3; page += 1) {
          const query = { orgId: context.orgId, viewer, now: context.now, text, limit: 7, ...(after ? { after } : {}) };
          const [onPostgres, onSqlite] = await Promise.all([searchLeads(postgres, query), searchLeads(sqlite, query)]);
          expect({ text, page, answer: onPostgres }).toEqual({ text, page, answer: onSqlite });
          found += onSqlite.items.length;
          if (onSqlite.nextCursor === null) break;
          after = onSqlite.nextCursor;
        }
      }
    }
    // The searches must find something, or the comparison proves nothing.
    expect(found).toBeGreaterThan(50);
  });
});
