// The board's counts and sums per stage and currency: from the totals the projector keeps per stage,
// currency, owner and recorded claim (see totals.ts), corrected for a rep by their own claims and the
// pool's lapsed ones; or, for a filtered board, one aggregate over the leads it shows.
import type { Actor, OrgId } from '@leadline/domain';
import { hasPermission, Permission } from '@leadline/domain';
import type { Kysely, SelectQueryBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { SqlEngine } from '../../sql/engine.js';
import type { ReadModelDatabase } from '../database.js';

type Db = Kysely<ReadModelDatabase>;

/** What the counts depend on in a board's query (queries.ts's PipelineBoardQuery has it all). */
export interface StageTotalsQuery {
  readonly orgId: OrgId;
  readonly viewer: Actor;
  readonly now: Date;
  /** Any filter set makes the board aggregate the leads it shows. */
  readonly filters?: object;
}
const LEADS = 'pipeline_board_leads';

export interface StageTotal {
  readonly stage_id: string;
  readonly currency: string | null;
  readonly leads: number;
  readonly value_minor: number | null;
}

/**
 * The owners whose kept totals a viewer's board starts from: every owner for View All Leads; else their
 * own and (when they may manage leads) the pool's (''); null when the viewer sees no lead. The leads whose
 * claim holds at now correct the difference to what visibleTo shows (see stageTotals).
 */
function keptOwners(viewer: Actor): 'all' | readonly string[] | null {
  if (hasPermission(viewer, Permission.ViewAllLeads)) return 'all';
  if (!hasPermission(viewer, Permission.ViewLeads)) return null;
  return hasPermission(viewer, Permission.ManageLeads) ? [viewer.userId, ''] : [viewer.userId];
}

/** Adds up rows of the same stage and currency; drops those left with no lead. */
function merged(rows: readonly StageTotal[]): StageTotal[] {
  const sums = new Map<string, { -readonly [K in keyof StageTotal]: StageTotal[K] }>();
  for (const row of rows) {
    const key = `${row.stage_id}\u0000${row.currency ?? ''}`;
    const sum = sums.get(key);
    if (sum === undefined) sums.set(key, { ...row, value_minor: row.value_minor ?? 0 });
    else {
      sum.leads += row.leads;
      sum.value_minor = (sum.value_minor ?? 0) + (row.value_minor ?? 0);
    }
  }
  return [...sums.values()].filter((row) => row.leads !== 0);
}

/**
 * Counts and sums per stage and currency. An unfiltered board reads the totals the projector keeps per
 * stage, currency, owner and recorded claim: every row for View All Leads. A rep's board reads their own
 * rows and (when they may manage leads) the pool's rows without a recorded claim, then adds the leads
 * they see that those rows leave out: the claims they hold (live, or lapsed on a pool lead) and the
 * pool's claims others recorded that lapsed at now. Both are index ranges of few rows, whatever the
 * number of live claims: a rep's claims, and the lapsed claims the expiry worker has not yet recorded as
 * expired. A filtered board aggregates the leads it shows.
 */
export async function stageTotals(
  db: Db,
  leads: SelectQueryBuilder<ReadModelDatabase, typeof LEADS, object>,
  query: StageTotalsQuery,
  workflowId: string,
  engine: SqlEngine,
): Promise<StageTotal[]> {
  const filtered = Object.values(query.filters ?? {}).some((value) => value !== undefined);
  const owners = keptOwners(query.viewer);
  if (filtered || owners === null) {
    return leads
      .select([
        'stage_id',
        'currency',
        sql<number>`count(*)`.as('leads'),
        sql<number | null>`cast(sum(estimated_value_minor) as bigint)`.as('value_minor'),
      ])
      .groupBy(['stage_id', 'currency'])
      .execute();
  }
  const me = query.viewer.userId;
  const withPool = owners !== 'all' && owners.includes('');
  let keptRows = db
    .selectFrom('pipeline_board_totals')
    .select([
      'stage_id',
      'currency',
      sql<number>`cast(sum(leads) as bigint)`.as('leads'),
      sql<number>`cast(sum(value_minor) as bigint)`.as('value_minor'),
    ])
    .where('org_id', '=', query.orgId)
    .where('workflow_id', '=', workflowId)
    .where('leads', '>', 0);
  if (owners !== 'all')
    keptRows = keptRows.where((eb) =>
      withPool
        ? eb.or([eb('owner_id', '=', me), eb.and([eb('owner_id', '=', ''), eb('claimed', '=', 0)])])
        : eb('owner_id', '=', me),
    );
  // '' is the key of leads without an estimated value.
  const kept = (await keptRows.groupBy(['stage_id', 'currency']).execute()).map((row) => ({
    ...row,
    currency: row.currency === '' ? null : row.currency,
  }));
  if (owners === 'all') return merged(kept);
  const now = query.now.toISOString();
  // PostgreSQL sums the rows it reads (a rep sent 9,400 of them at 1,000,000 leads: 41 ms p50). SQLite returns
  // one row per lead, summed by merged(): in-process that is cheap, and a GROUP BY would draw it to the
  // totals index, already in stage order, and so to every lead of the workflow instead of these ranges.
  const leadsOf = db.selectFrom(LEADS);
  const claimed = (
    engine === 'postgres'
      ? leadsOf
          .select([
            'stage_id',
            'currency',
            sql<number>`cast(count(*) as bigint)`.as('leads'),
            sql<number>`cast(sum(coalesce(estimated_value_minor, 0)) as bigint)`.as('value_minor'),
          ])
          .groupBy(['stage_id', 'currency'])
      : leadsOf.select([
          'stage_id',
          'currency',
          sql<number>`1`.as('leads'),
          sql<number>`coalesce(estimated_value_minor, 0)`.as('value_minor'),
        ])
  )
    .where('org_id', '=', query.orgId)
    .where('workflow_id', '=', workflowId)
    .where('state', '=', 'active');
  const notMine = sql<SqlBool>`(owner_id IS NULL OR owner_id <> ${me})`;
  // The rep's claims on leads the kept rows leave out: live ones on others' leads (and, without the pool's
  // rows, on the pool's); a pool lead they claimed shows whether the claim holds or lapsed.
  const mine = claimed
    .where('claimed_by', '=', me)
    .where('claim_expires_at', 'is not', null)
    .where(
      withPool
        ? sql<SqlBool>`(owner_id IS NULL OR (owner_id <> ${me} AND claim_expires_at > ${now}))`
        : sql<SqlBool>`(${notMine} AND claim_expires_at > ${now})`,
    );
  // The pool's leads someone else claimed whose claim lapsed: shown again, as if never claimed.
  const lapsed = claimed
    .where('owner_id', 'is', null)
    .where('claim_expires_at', '<=', now)
    // Never NULL here: <> leaves out the leads without a claim.
    .where('claimed_by', '<>', me);
  const corrections = [...(await mine.execute()), ...(withPool ? await lapsed.execute() : [])];
  return merged([...kept, ...corrections]);
}
