// `pnpm bench --queries`: organisations of N leads (generated histories decided by the domain's deciders,
// two organisations, the first one queried), their read models rebuilt into each SQL store, then p50 and
// p99 of every hot query's first page and of a page reached deep by cursor, the process RSS and the
// rebuild time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { createMemoryEventStore } from '@leadline/eventstore';
import { openPostgresReadModelStore } from '@leadline/postgres';
import type { ReadModelStore } from '@leadline/projections';
import { ALL_PROJECTORS, createProjectionRunner, readModelDb } from '@leadline/projections';
import {
  appendHistory,
  generateSeededHistory,
  HOT_QUERIES,
  hotQueries,
  hotQueryContext,
  seededSteps,
} from '@leadline/projections/histories';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { CompiledQuery } from 'kysely';
import { deepCursor, pagedQueries } from './cases.js';
import type { Timing } from './percentiles.js';
import { time } from './percentiles.js';

/** Events the generated histories take per lead (measured: ~7.2, two organisations). */
const EVENTS_PER_LEAD_IN_FIRST_ORG = 14.4;
const RUNS = 30;

export interface QueryFigure extends Timing {
  readonly query: string;
  /** first page, or the page number reached by cursor. */
  readonly page: string;
}

export interface StoreFigures {
  readonly store: string;
  /** Leads asked for in the queried organisation, and how many it has (merged and deleted included). */
  readonly leads: number;
  readonly orgLeads: number;
  readonly events: number;
  readonly rebuildMs: number;
  readonly rssMb: number;
  readonly queries: readonly QueryFigure[];
}

interface StoreKind {
  readonly name: string;
  open(): Promise<{ readonly store: ReadModelStore; close(): Promise<void> }>;
}

function storeKinds(): StoreKind[] {
  const folder = mkdtempSync(join(tmpdir(), 'leadline-bench-queries-'));
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  let files = 0;
  const kinds: StoreKind[] = [
    {
      name: 'sqlite',
      open: async () => {
        const store = openSqliteReadModelStore({ file: join(folder, `rm-${++files}.db`) });
        return { store, close: () => store.dispose() };
      },
    },
    {
      name: 'memory (sqlite :memory:)',
      open: async () => {
        const store = openSqliteReadModelStore({ file: ':memory:' });
        return { store, close: () => store.dispose() };
      },
    },
  ];
  const url = process.env['LEADLINE_BENCH_POSTGRES_URL'] ?? process.env['LEADLINE_TEST_POSTGRES_URL'];
  if (url !== undefined && url.trim() !== '') {
    kinds.push({
      name: 'postgres',
      open: async () => {
        const pool = new Pool({ connectionString: url, max: 4 });
        const schema = `leadline_bench_q_${process.pid}_${++files}`;
        const store = await openPostgresReadModelStore({ pool, schema });
        return {
          store,
          close: async () => {
            await store.dispose();
            await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
            await pool.end();
          },
        };
      },
    });
  }
  return kinds;
}

async function measure(store: ReadModelStore, runs: number): Promise<QueryFigure[]> {
  const context = await hotQueryContext(store);
  const figures: QueryFigure[] = [];
  const hot = hotQueries(context);
  for (const query of HOT_QUERIES)
    figures.push({ query, page: 'first', ...(await time(runs, () => hot[query](store))) });
  for (const [query, page] of Object.entries(pagedQueries(context))) {
    const deep = await deepCursor(store, page);
    figures.push({ query, page: `page ${deep.page}`, ...(await time(runs, () => page(store, deep.cursor))) });
  }
  return figures;
}

export async function runQueryBench(
  leadCounts: readonly number[],
  report: (figures: StoreFigures) => void,
  /** Only the stores whose name starts with one of these (sqlite, memory, postgres); all when empty. */
  only: readonly string[] = [],
): Promise<StoreFigures[]> {
  const all: StoreFigures[] = [];
  const kinds = storeKinds().filter((kind) => only.length === 0 || only.some((prefix) => kind.name.startsWith(prefix)));
  if (kinds.length === 0) throw new Error(`No store of the query bench is named ${only.join(' or ')}.`);
  for (const leads of leadCounts) {
    const events = Math.round((leads * EVENTS_PER_LEAD_IN_FIRST_ORG) / 10) * 10;
    const eventStore = createMemoryEventStore();
    await appendHistory(eventStore, generateSeededHistory(events, seededSteps(2026)));
    for (const kind of kinds) {
      const opened = await kind.open();
      const { store } = opened;
      try {
        const started = process.hrtime.bigint();
        await createProjectionRunner({ eventStore, store, projectors: ALL_PROJECTORS, batchSize: 10_000 }).catchUp();
        const rebuildMs = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
        await store.sql.db.executeQuery(CompiledQuery.raw('ANALYZE'));
        const { orgId } = await hotQueryContext(store);
        const counted = await readModelDb(store)
          .selectFrom('pipeline_board_leads')
          .select((eb) => eb.fn.countAll<number>().as('leads'))
          .where('org_id', '=', orgId)
          .executeTakeFirst();
        const figures: StoreFigures = {
          store: kind.name,
          leads,
          orgLeads: counted?.leads ?? 0,
          events,
          rebuildMs,
          rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
          queries: await measure(store, RUNS),
        };
        report(figures);
        all.push(figures);
      } finally {
        await opened.close();
      }
    }
    await eventStore.dispose();
  }
  return all;
}

/** The figures of one store and size, for people. */
export function queryFigureLines(figures: StoreFigures): string {
  return [
    `${figures.store}, ${figures.orgLeads.toLocaleString('en-US')} leads in the organisation (${figures.events.toLocaleString('en-US')} events): rebuild ${figures.rebuildMs} ms, RSS ${figures.rssMb} MB`,
    ...figures.queries.map((query) => `  ${query.query} (${query.page}): p50 ${query.p50Ms} ms, p99 ${query.p99Ms} ms`),
  ].join('\n');
}
