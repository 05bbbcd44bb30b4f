// `pnpm bench --queries`: organisations of N leads (by default the scale seeder's: a few events per lead
// decided by the domain's deciders, five-stage default workflow; or the generated histories), their read
// models rebuilt into each SQL store, then p50 and p99 of every hot query's first page and of a page
// reached deep by cursor, the process RSS, the seeding and the rebuild time. `--rebuild-only`: the rebuilds
// alone (into empty tables, then beside them), no queries.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import type { EventStore } from '@leadline/eventstore';
import { createMemoryEventStore } from '@leadline/eventstore';
import { openPostgresReadModelStore } from '@leadline/postgres';
import type { ReadModelStore } from '@leadline/projections';
import type { Projector } from '@leadline/projections';
import {
  ALL_PROJECTORS,
  claimsProjector,
  createProjectionRunner,
  pipelineBoardProjector,
  readModelDb,
  rebuild,
  searchProjector,
} from '@leadline/projections';
import {
  appendHistory,
  appendScaleHistory,
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

/**
 * How the organisation is made: `scale` (the default) seeds N leads a few events each, straight through
 * the deciders and a stream per append; `generated` replays the random decider-driven histories (~14 events
 * per lead, ~110 stages in the default workflow) as the bench did before.
 */
export type QuerySeeder = 'scale' | 'generated';
export const QUERY_SEEDERS: readonly QuerySeeder[] = ['scale', 'generated'];

interface Seeded {
  readonly events: number;
  readonly seedMs: number;
}

async function seed(eventStore: EventStore, leads: number, seeder: QuerySeeder): Promise<Seeded> {
  const started = process.hrtime.bigint();
  let events: number;
  if (seeder === 'scale') events = (await appendScaleHistory(eventStore, { leads })).events;
  else {
    events = Math.round((leads * EVENTS_PER_LEAD_IN_FIRST_ORG) / 10) * 10;
    await appendHistory(eventStore, generateSeededHistory(events, seededSteps(2026)));
  }
  return { events, seedMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6) };
}

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
  readonly seeder: QuerySeeder;
  /** Generating the organisation and appending it to the in-memory event store. */
  readonly seedMs: number;
  /** The first catch-up: every event projected into empty tables, indexes in place from the start. */
  readonly rebuildMs: number;
  /** With `rebuildOnly`: the same models rebuilt beside the live ones (bulk load, indexes after, switch). */
  readonly rebuildBesideMs?: number;
  /** With `perReadModel`: each model caught up alone into a store of its own, wall and process CPU time. */
  readonly readModels?: readonly ReadModelRebuild[];
  /** Every read model rebuilt and timed, or only the board's and the claims'. */
  readonly scope: QueryScope;
  /** The machine's 1-minute load average when the store's figures were taken (other work skews them). */
  readonly loadAverage: number;
  readonly rssMb: number;
  readonly queries: readonly QueryFigure[];
}

export interface ReadModelRebuild {
  readonly name: string;
  readonly ms: number;
  readonly cpuMs: number;
}

interface StoreKind {
  readonly name: string;
  open(): Promise<{
    readonly store: ReadModelStore;
    /** After the rebuild, before the timing: fresh statistics (and on PostgreSQL a vacuum). */
    settle(): Promise<void>;
    close(): Promise<void>;
  }>;
}

const analyze = async (store: ReadModelStore): Promise<void> => {
  await store.sql.db.executeQuery(CompiledQuery.raw('ANALYZE'));
};

function storeKinds(): StoreKind[] {
  const folder = mkdtempSync(join(tmpdir(), 'leadline-bench-queries-'));
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  let files = 0;
  const kinds: StoreKind[] = [
    {
      name: 'sqlite',
      open: async () => {
        const store = openSqliteReadModelStore({ file: join(folder, `rm-${++files}.db`) });
        return { store, settle: () => analyze(store), close: () => store.dispose() };
      },
    },
    {
      // As `memory:` opens them: a private temporary SQLite database.
      name: 'memory (private temporary SQLite)',
      open: async () => {
        const store = openSqliteReadModelStore({ file: '' });
        return { store, settle: () => analyze(store), close: () => store.dispose() };
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
          // VACUUM as autovacuum would before long: until the visibility map marks the freshly loaded rows
          // all-visible, an index-only scan reads each row's heap page too (a rep's board: 123 ms, not ~25).
          settle: async () => {
            const tables = await pool.query<{ name: string }>(
              'SELECT tablename AS name FROM pg_tables WHERE schemaname = $1',
              [schema],
            );
            const names = tables.rows.map((table) => `"${schema}"."${table.name}"`);
            if (names.length > 0) await pool.query(`VACUUM (ANALYZE) ${names.join(', ')}`);
          },
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

/**
 * What a run rebuilds and times: every read model and hot query, or only the pipeline board's and the
 * claims' read models and their queries (`board`), or only search's (`search`) — rebuilds several times
 * cheaper, for sizes a loaded machine cannot rebuild whole.
 */
export type QueryScope = 'all' | 'board' | 'search';
export const QUERY_SCOPES: readonly QueryScope[] = ['all', 'board', 'search'];
const BOARD_QUERIES: ReadonlySet<string> = new Set([
  'pipeline board',
  "a rep's pipeline board",
  'a board stage',
  'work queue',
  'claim pool',
  "a client's leads",
]);
const SCOPE_QUERIES: Record<Exclude<QueryScope, 'all'>, (query: string) => boolean> = {
  board: (query) => BOARD_QUERIES.has(query),
  search: (query) => query.startsWith('search by'),
};
/** The hot query context reads the board, so every scope rebuilds it. */
const SCOPE_PROJECTORS: Record<QueryScope, readonly Projector[]> = {
  all: ALL_PROJECTORS,
  board: [pipelineBoardProjector, claimsProjector],
  search: [pipelineBoardProjector, searchProjector],
};

const SCOPE_NAMES: Record<QueryScope, string> = {
  all: 'every read model',
  board: 'board and claims read models only',
  search: 'board and search read models only',
};

async function measure(store: ReadModelStore, runs: number, scope: QueryScope): Promise<QueryFigure[]> {
  const timed = (query: string): boolean => scope === 'all' || SCOPE_QUERIES[scope](query);
  const context = await hotQueryContext(store);
  const figures: QueryFigure[] = [];
  const hot = hotQueries(context);
  for (const query of HOT_QUERIES.filter(timed))
    figures.push({ query, page: 'first', ...(await time(runs, () => hot[query](store))) });
  for (const [query, page] of Object.entries(pagedQueries(context)).filter(([query]) => timed(query))) {
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
  seeder: QuerySeeder = 'scale',
  scope: QueryScope = 'all',
  /** Time the rebuilds only: into empty tables, then beside the live ones; no queries. */
  rebuildOnly = false,
  /** Also catch each read model up alone into a fresh store of the same kind, timed. */
  perReadModel = false,
): Promise<StoreFigures[]> {
  const all: StoreFigures[] = [];
  const kinds = storeKinds().filter((kind) => only.length === 0 || only.some((prefix) => kind.name.startsWith(prefix)));
  if (kinds.length === 0) throw new Error(`No store of the query bench is named ${only.join(' or ')}.`);
  for (const leads of leadCounts) {
    const eventStore = createMemoryEventStore();
    const { events, seedMs } = await seed(eventStore, leads, seeder);
    for (const kind of kinds) {
      const opened = await kind.open();
      const { store } = opened;
      try {
        const started = process.hrtime.bigint();
        await createProjectionRunner({
          eventStore,
          store,
          projectors: SCOPE_PROJECTORS[scope],
          batchSize: 10_000,
        }).catchUp();
        const rebuildMs = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
        const besideStarted = process.hrtime.bigint();
        if (rebuildOnly) await rebuild({ eventStore, store, projectors: SCOPE_PROJECTORS[scope] });
        const rebuildBesideMs = Math.round(Number(process.hrtime.bigint() - besideStarted) / 1e6);
        await opened.settle();
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
          seeder,
          seedMs,
          rebuildMs,
          ...(rebuildOnly ? { rebuildBesideMs } : {}),
          ...(perReadModel ? { readModels: await eachReadModel(kind, eventStore, SCOPE_PROJECTORS[scope]) } : {}),
          loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10,
          rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
          scope,
          queries: rebuildOnly ? [] : await measure(store, RUNS, scope),
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

/** Each read model caught up alone from the same events into a fresh store of this kind. */
async function eachReadModel(
  kind: StoreKind,
  eventStore: EventStore,
  projectors: readonly Projector[],
): Promise<ReadModelRebuild[]> {
  const figures: ReadModelRebuild[] = [];
  for (const projector of projectors) {
    const opened = await kind.open();
    const { store } = opened;
    try {
      const cpu = process.cpuUsage();
      const started = process.hrtime.bigint();
      await createProjectionRunner({ eventStore, store, projectors: [projector], batchSize: 10_000 }).catchUp();
      const used = process.cpuUsage(cpu);
      figures.push({
        name: projector.name,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
        cpuMs: Math.round((used.user + used.system) / 1000),
      });
    } finally {
      await opened.close();
    }
  }
  return figures;
}

/** The figures of one store and size, for people. */
export function queryFigureLines(figures: StoreFigures): string {
  return [
    `${figures.store}, ${figures.orgLeads.toLocaleString('en-US')} leads in the organisation (${figures.seeder} seeder, ${figures.events.toLocaleString('en-US')} events in both organisations, ${SCOPE_NAMES[figures.scope]}): seeded in ${figures.seedMs} ms, rebuild ${figures.rebuildMs} ms${figures.rebuildBesideMs === undefined ? '' : `, rebuild beside the live tables ${figures.rebuildBesideMs} ms`}, RSS ${figures.rssMb} MB, load average ${figures.loadAverage}`,
    ...(figures.readModels ?? []).map(
      (model) => `  ${model.name} alone: ${model.ms} ms, ${model.cpuMs} ms of process CPU`,
    ),
    ...figures.queries.map((query) => `  ${query.query} (${query.page}): p50 ${query.p50Ms} ms, p99 ${query.p99Ms} ms`),
  ].join('\n');
}

/** Issue #15's targets for the lists and the board: p99 ≤ 50 ms, and p99 at the largest size ≤ 3× the smallest. */
export const QUERY_P99_TARGET_MS = 50;
export const QUERY_GROWTH_TARGET = 3;

/**
 * Per store, each query's p99 at the smallest and the largest size measured and how many times it grew,
 * with the targets; empty when one size was measured. p99 on a loaded machine is other processes' noise
 * as much as the query's, so p50 growth is shown beside it.
 */
export function queryGrowthLines(all: readonly StoreFigures[]): string {
  const lines: string[] = [];
  for (const store of [...new Set(all.map((figures) => figures.store))]) {
    const sizes = all.filter((figures) => figures.store === store).sort((a, b) => a.orgLeads - b.orgLeads);
    const small = sizes[0];
    const large = sizes.at(-1);
    if (small === undefined || large === undefined || small === large) continue;
    lines.push(
      `${store}: ${small.orgLeads.toLocaleString('en-US')} → ${large.orgLeads.toLocaleString('en-US')} leads (targets: p99 ≤ ${QUERY_P99_TARGET_MS} ms, growth ≤ ×${QUERY_GROWTH_TARGET})`,
    );
    for (const query of large.queries) {
      const before = small.queries.find(
        (other) => other.query === query.query && other.page.startsWith('page') === query.page.startsWith('page'),
      );
      if (before === undefined) continue;
      const growth = (after: number, was: number): string => (was > 0 ? `×${(after / was).toFixed(2)}` : 'n/a');
      const met = query.p99Ms <= QUERY_P99_TARGET_MS && query.p99Ms <= QUERY_GROWTH_TARGET * before.p99Ms;
      lines.push(
        `  ${query.query} (${query.page}): p99 ${before.p99Ms} → ${query.p99Ms} ms ${growth(query.p99Ms, before.p99Ms)}, p50 ${before.p50Ms} → ${query.p50Ms} ms ${growth(query.p50Ms, before.p50Ms)}${met ? '' : '  [target missed]'}`,
      );
    }
  }
  return lines.join('\n');
}
