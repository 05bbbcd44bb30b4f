// Plan tests: every hot query reaches its first page through an index, never by scanning a leads table
// (EXPLAIN QUERY PLAN over the statements each query sends).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { searchLeadsRanking, type ReadModelStore } from '@leadline/projections';
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
 * rows a query already selected (a window's subquery, a CTE, a board stage's page, a search's first
 * candidates by name, its counted matches or the leads of a created range it counts) may be scanned, and so may an FTS5 table whose index takes a
 * constraint ("VIRTUAL TABLE INDEX 0:M1": MATCH through the trigram index; L for LIKE). The analytics' kept rows (days × sources, stages) may be scanned where the seed's two
 * organisations make that cheaper: analytics-plans.test.ts checks their keys answer them.
 */
const FULL_SCAN =
  /^SCAN (?!CONSTANT ROW|\(subquery-\d+\)|ranked\b|page\b|first_by_name\b|matches\b|in_range\b|\S+_fts VIRTUAL TABLE INDEX \d+:\S*[LM]|(source_analytics_periods|stage_transitions_funnel)_v\d+$)/;
/** The FTS5 substring index answering a MATCH or a LIKE, as EXPLAIN QUERY PLAN names it. */
const SUBSTRING_INDEX = /^SCAN \S+_fts VIRTUAL TABLE INDEX \d+:\S*[LM]/;

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

  it('search by text finds its substring through the FTS5 trigram index', async () => {
    const statement = (await captureQueries(store, hotQueries(context)['search by text'])).at(-1);
    if (statement === undefined) throw new Error('search by text sent no statement');
    const plan = await store.sql.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`EXPLAIN QUERY PLAN ${statement.sql}`, [...statement.parameters]),
    );
    expect(plan.rows.map((row) => row.detail).filter((detail) => SUBSTRING_INDEX.test(detail))).toHaveLength(1);
  });

  it.each([
    'search by source',
    'search by owner',
    'search by stage',
    "search by a client's leads",
    'search by rating',
  ] as const)('%s reads its page along its filter index in name order, sorting nothing', async (name) => {
    const statement = (await captureQueries(store, hotQueries(context)[name])).at(-1);
    if (statement === undefined) throw new Error(`${name} sent no statement`);
    const plan = await store.sql.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`EXPLAIN QUERY PLAN ${statement.sql}`, [...statement.parameters]),
    );
    const details = plan.rows.map((row) => row.detail);
    expect(details).toContainEqual(expect.stringMatching(/^SEARCH search_leads\S* USING INDEX /));
    expect(details.filter((detail) => detail.includes('TEMP B-TREE'))).toEqual([]);
  });

  it("a rep's pipeline board corrects its kept totals by ranges of the rep's claims and of the pool's lapsed ones", async () => {
    const statements = await captureQueries(store, hotQueries(context)["a rep's pipeline board"]);
    const aggregates = statements.filter((statement) =>
      /1 as "leads", .* from "pipeline_board_leads"/.test(statement.sql),
    );
    const searched: string[] = [];
    for (const statement of aggregates) {
      const plan = await store.sql.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`EXPLAIN QUERY PLAN ${statement.sql}`, [...statement.parameters]),
      );
      searched.push(...plan.rows.map((row) => row.detail).filter((detail) => detail.startsWith('SEARCH')));
    }
    const range = (index: string, columns: string) =>
      expect.stringMatching(
        new RegExp(
          `^SEARCH pipeline_board_leads\\S* USING COVERING INDEX \\S*${index}\\S* \\((?:org_id=\\?|ANY\\(org_id\\)) AND workflow_id=\\? AND state=\\? AND ${columns}\\)$`,
        ),
      );
    expect(searched).toEqual([
      range('my_claims', 'claimed_by=\\? AND claim_expires_at>\\?'),
      range('claims_by_expiry', 'claim_expires_at<\\?'),
    ]);
  });

  it('a wide created range alone is read along the name index, sorting nothing', async () => {
    const { orgId, manager, now } = context;
    const week = { orgId, viewer: manager, now, createdFrom: new Date(now.getTime() - 7 * 86_400_000) };
    const pageOf = async (threshold: number) => {
      const statements = await captureQueries(store, (reader) => searchLeadsRanking(reader, week, 500, threshold));
      const page = statements.at(-1);
      if (page === undefined) throw new Error('the search sent no statement');
      const plan = await store.sql.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`EXPLAIN QUERY PLAN ${page.sql}`, [...page.parameters]),
      );
      return { sql: page.sql, details: plan.rows.map((row) => row.detail) };
    };
    // Every range is wide at a threshold of 0: the created index is kept out (`+created_at`).
    const walked = await pageOf(0);
    expect(walked.sql).toContain('+created_at');
    expect(walked.details).toContainEqual(
      expect.stringMatching(/^SEARCH search_leads\S* USING (COVERING )?INDEX \S*_name_v\d+ /),
    );
    expect(walked.details).not.toContainEqual(expect.stringMatching(/USE TEMP B-TREE FOR ORDER BY/));
    // None is at the seed's size: the planner may use the created index (at 1M leads it does).
    expect((await pageOf(1_000_000)).sql).not.toContain('+created_at');
  });
});
