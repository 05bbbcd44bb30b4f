// Plan tests: every hot query reaches its first page through an index, never by a sequential scan of a
// leads table. Sequential scans are switched off for the EXPLAIN, so one still chosen means no index
// can serve the query (on a small table the planner would scan it anyway, index or not).
import { Pool } from 'pg';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { pipelineBoardProjector, searchProjector, searchTable, type ReadModelStore } from '@leadline/projections';
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
  readonly 'Index Name'?: string;
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

/** The leads tables a plain Sort node reads (an Incremental Sort of pages already taken is fine). */
function sortsOfLeads(node: PlanNode): string[] {
  const below = (node.Plans ?? []).flatMap(scannedTables);
  const own = node['Node Type'] === 'Sort' ? below.filter((table) => LEADS_TABLES.test(table)) : [];
  return [...own, ...(node.Plans ?? []).flatMap(sortsOfLeads)];
}

const scannedTables = (node: PlanNode): string[] => [
  ...(node['Relation Name'] === undefined ? [] : [node['Relation Name']]),
  ...(node.Plans ?? []).flatMap(scannedTables),
];

/** Carries what a transaction found out of it while rolling it back. */
class Rollback extends Error {
  constructor(readonly indexes: string[]) {
    super('rolled back');
  }
}

const indexesUsed = (node: PlanNode): string[] => [
  ...(node['Index Name'] === undefined ? [] : [node['Index Name']]),
  ...(node.Plans ?? []).flatMap(indexesUsed),
];

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

  // On a table this small the planner rightly reads the organisation's few hundred rows through a btree
  // index and filters them; with those btree indexes gone (in a transaction rolled back), the GIN index
  // must answer the organisation and the substring together, or the query would need a scan.
  it('search by text can be answered by the pg_trgm GIN index', async () => {
    const statements = await captureQueries(store, hotQueries(context)['search by text']);
    const statement = statements.at(-1);
    if (statement === undefined) throw new Error('search by text sent no statement');
    const used = await store.sql.db
      .transaction()
      .execute(async (trx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        for (const index of searchTable.indexes)
          await sql`DROP INDEX ${sql.id(schema, `${index.name}_v${searchProjector.version}`)}`.execute(trx);
        const plan = await trx.executeQuery<{ 'QUERY PLAN': readonly { readonly Plan: PlanNode }[] }>(
          CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${statement.sql}`, [...statement.parameters]),
        );
        throw new Rollback((plan.rows[0]?.['QUERY PLAN'] ?? []).flatMap((entry) => indexesUsed(entry.Plan)));
      })
      .catch((error: unknown) => {
        if (error instanceof Rollback) return error.indexes;
        throw error;
      });
    expect(used).toContain(`search_leads_substrings_v${searchProjector.version}`);
  });

  /** The statement's plan with one kind of step priced out (`SET LOCAL … = off`), as JSON plan nodes. */
  const plansWithout = (
    setting: 'enable_seqscan' | 'enable_sort',
    statement: { readonly sql: string; readonly parameters: readonly unknown[] },
  ): Promise<PlanNode[]> =>
    store.sql.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL ${sql.raw(setting)} = off`.execute(trx);
      const plan = await trx.executeQuery<{ 'QUERY PLAN': readonly { readonly Plan: PlanNode }[] }>(
        CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${statement.sql}`, [...statement.parameters]),
      );
      return (plan.rows[0]?.['QUERY PLAN'] ?? []).map((entry) => entry.Plan);
    });

  it.each(HOT_QUERIES)('%s reads its first page through indexes', async (name) => {
    const statements = await captureQueries(store, hotQueries(context)[name]);
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      const scans = (await plansWithout('enable_seqscan', statement)).flatMap(sequentialScans);
      expect({ sql: statement.sql, scans }).toEqual({ sql: statement.sql, scans: [] });
    }
  });

  // PostgreSQL takes an index's order past a column only when the ORDER BY names it: `owner_id IS NULL`
  // or `next_call_at IS NULL` alone do not count, and it sorted every matching lead (the pool took 168 ms
  // and the board 729 ms at 1,000,000 leads). With sorts priced out, a plain Sort over a leads table
  // means no index order could serve the page.
  it.each(['claim pool', 'pipeline board', 'a board stage', 'work queue', 'list: Pool'] as const)(
    '%s reads its leads in index order, sorting none of them',
    async (name) => {
      const statements = await captureQueries(store, hotQueries(context)[name]);
      for (const statement of statements) {
        const sorts = (await plansWithout('enable_sort', statement)).flatMap(sortsOfLeads);
        expect({ sql: statement.sql, sorts }).toEqual({ sql: statement.sql, sorts: [] });
      }
    },
  );

  // A rep's board reads the kept totals and corrects them with two index ranges: the rep's own claims and
  // the pool's lapsed ones. It read every live claim of the organisation before (29,000 rows at 1,000,000
  // leads, 14 ms; 123 ms before a vacuum, as an index-only scan then reads the heap too).
  it("a rep's pipeline board corrects its kept totals with the rep's claims and the pool's lapsed ones, through their indexes", async () => {
    const statements = await captureQueries(store, hotQueries(context)["a rep's pipeline board"]);
    const aggregates = statements.filter((statement) =>
      /as "leads", .* from "\S+"\."pipeline_board_leads"/.test(statement.sql),
    );
    const used: string[] = [];
    for (const statement of aggregates) {
      const plan = await pool.query<{ 'QUERY PLAN': readonly { readonly Plan: PlanNode }[] }>(
        `EXPLAIN (FORMAT JSON) ${statement.sql}`,
        [...statement.parameters],
      );
      used.push(...(plan.rows[0]?.['QUERY PLAN'] ?? []).flatMap((entry) => indexesUsed(entry.Plan)));
    }
    const version = pipelineBoardProjector.version;
    expect(used).toEqual([
      `pipeline_board_leads_my_claims_v${version}`,
      `pipeline_board_leads_claims_by_expiry_v${version}`,
    ]);
  });
});
