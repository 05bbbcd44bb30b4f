// The board's counts and sums per stage and currency: from the totals the projector keeps per stage,
// currency and owner (see totals.ts), corrected for a rep by the leads whose claim holds at now; or, for a
// filtered board, one aggregate over the leads it shows.
import type { Actor, OrgId } from '@leadline/domain';
import { hasPermission, Permission } from '@leadline/domain';
import type { Kysely, SelectQueryBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { ReadModelDatabase } from '../database.js';
import { claimHolds, visibleTo } from '../shared/visibility-sql.js';

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
 * stage, currency and owner: every owner's rows for View All Leads; for a rep, their own rows and the
 * pool's, corrected by the leads whose claim holds at now (a rep also sees the leads they hold a live
 * claim on, and does not see pool leads someone else holds). Those are the only leads where what the
 * rep sees and the kept rows differ, and there are few: claims live one claim window. A filtered board
 * aggregates the leads it shows.
 */
export async function stageTotals(
  db: Db,
  leads: SelectQueryBuilder<ReadModelDatabase, typeof LEADS, object>,
  query: StageTotalsQuery,
  workflowId: string,
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
  if (owners !== 'all') keptRows = keptRows.where('owner_id', 'in', owners);
  // '' is the key of leads without an estimated value.
  const kept = (await keptRows.groupBy(['stage_id', 'currency']).execute()).map((row) => ({
    ...row,
    currency: row.currency === '' ? null : row.currency,
  }));
  const visible = visibleTo(query.viewer, query.now);
  if (owners === 'all' || visible === null) return merged(kept);
  const owner = sql.ref('owner_id');
  const inKept =
    owners.length === 2
      ? sql<SqlBool>`(${owner} = ${query.viewer.userId} OR ${owner} IS NULL)`
      : sql<SqlBool>`${owner} = ${query.viewer.userId}`;
  const shift = sql<number>`(CASE WHEN ${visible} THEN 1 ELSE 0 END - CASE WHEN ${inKept} THEN 1 ELSE 0 END)`;
  const corrections = await db
    .selectFrom(LEADS)
    .select([
      'stage_id',
      'currency',
      sql<number>`cast(sum(${shift}) as bigint)`.as('leads'),
      sql<number>`cast(sum(${shift} * coalesce(estimated_value_minor, 0)) as bigint)`.as('value_minor'),
    ])
    .where('org_id', '=', query.orgId)
    .where('workflow_id', '=', workflowId)
    .where('state', '=', 'active')
    .where('claim_expires_at', '>', query.now.toISOString())
    .where(claimHolds(query.now))
    .groupBy(['stage_id', 'currency'])
    .execute();
  return merged([...kept, ...corrections]);
}
