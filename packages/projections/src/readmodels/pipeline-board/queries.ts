// Typed queries of the pipeline board: one organisation per query, always; own leads only unless the
// viewer may View All Leads. Counts and sums come from the totals the projector keeps per stage (or one
// SQL aggregate for a filtered or a rep's board); each stage lists one page of leads, nearest next call
// first, and its cursor reads the next page of that stage (boardStageLeads).
import type { Actor, ClientId, Money, OrgId, StageCategory } from '@leadline/domain';
import { hasPermission, LeadId, Permission, StageId, UserId, WorkflowId } from '@leadline/domain';
import type { Kysely, SelectQueryBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import { decodeCursor } from '../../sql/cursor.js';
import { keysetPageNullsLast } from '../../sql/keyset.js';
import type { Page } from '../../sql/page.js';
import { pageOf, pageSize } from '../../sql/page.js';
import type { ReadModelReader } from '../../store/port.js';
import type { ReadModelDatabase } from '../database.js';
import { readModelDb } from '../database.js';
import { currentStages } from '../shared/catalog-queries.js';
import { stageCategory, sumMoney } from '../shared/rows.js';
import { containsText } from '../shared/text-sql.js';
import type { ClaimState } from '../shared/visibility.js';
import { claimStateOf } from '../shared/visibility.js';
import { claimHolds, visibleTo } from '../shared/visibility-sql.js';

export interface PipelineBoardFilters {
  readonly ownerId?: UserId;
  readonly source?: string;
  readonly stageId?: StageId;
  /** Only leads converted into or linked to this client. */
  readonly clientId?: ClientId;
  /** Case- and accent-insensitive part of the name, company or email. */
  readonly text?: string;
}

export interface PipelineBoardQuery {
  readonly orgId: OrgId;
  /** Defaults to the organisation's default workflow. */
  readonly workflowId?: WorkflowId;
  readonly viewer: Actor;
  /** The instant claims are judged at (a lapsed claim no longer counts). */
  readonly now: Date;
  readonly filters?: PipelineBoardFilters;
  /** Leads listed per stage, 0 (counts only) to 500, default 20; counts and sums still cover all. */
  readonly leadsPerStage?: number;
}

export interface BoardLead {
  readonly leadId: LeadId;
  readonly name: string;
  readonly company: string | null;
  readonly source: string;
  readonly ownerId: UserId | null;
  readonly estimatedValue: Money | null;
  readonly nextCallAt: string | null;
  readonly claimState: ClaimState;
  readonly claimedBy: UserId | null;
  readonly claimExpiresAt: string | null;
}

export interface BoardStage {
  readonly stageId: StageId;
  readonly name: string;
  readonly category: StageCategory;
  readonly count: number;
  /** Estimated values summed per currency. */
  readonly value: readonly Money[];
  /** The first page: nearest next call first; leads without one last. */
  readonly leads: readonly BoardLead[];
  /** Reads the stage's next page with boardStageLeads; null when `leads` is all of them. */
  readonly nextCursor: string | null;
}

export interface PipelineBoard {
  readonly orgId: OrgId;
  readonly workflowId: WorkflowId;
  readonly workflowName: string;
  readonly stages: readonly BoardStage[];
  readonly count: number;
  readonly value: readonly Money[];
}

export const DEFAULT_LEADS_PER_STAGE = 20;

const LEADS = 'pipeline_board_leads';
/** Nearest next call first (none last), then name, then id: the board index's order. */
const THEN_BY = ['name', 'lead_id'] as const;

type LeadRow = ReadModelDatabase[typeof LEADS];
type Db = Kysely<ReadModelDatabase>;

/** A lead row as the board (and a client's list) shows it. */
export const boardLead = (row: LeadRow, now: Date): BoardLead => ({
  leadId: LeadId(row.lead_id),
  name: row.name,
  company: row.company,
  source: row.source,
  ownerId: row.owner_id === null ? null : UserId(row.owner_id),
  estimatedValue:
    row.estimated_value_minor === null || row.currency === null
      ? null
      : { amountMinor: row.estimated_value_minor, currency: row.currency },
  nextCallAt: row.next_call_at,
  claimState: claimStateOf(row, now),
  claimedBy: row.claimed_by === null ? null : UserId(row.claimed_by),
  claimExpiresAt: row.claim_expires_at,
});

async function resolveWorkflow(db: Db, query: PipelineBoardQuery) {
  let workflowId: string | undefined = query.workflowId;
  if (workflowId === undefined) {
    const organisation = await db
      .selectFrom('pipeline_board_organisations')
      .select('default_workflow_id')
      .where('org_id', '=', query.orgId)
      .executeTakeFirst();
    if (organisation?.default_workflow_id == null) return null;
    workflowId = organisation.default_workflow_id;
  }
  const workflow = await db
    .selectFrom('pipeline_board_workflows')
    .select(['workflow_id', 'name'])
    .where('workflow_id', '=', workflowId)
    .where('org_id', '=', query.orgId)
    .executeTakeFirst();
  return workflow ?? null;
}

/** The board's leads of one workflow: organisation, active, filters and visibility, all in SQL. */
function boardLeads(
  db: Db,
  query: Omit<PipelineBoardQuery, 'workflowId' | 'leadsPerStage'>,
  workflowId: string,
): SelectQueryBuilder<ReadModelDatabase, typeof LEADS, object> {
  const filters = query.filters ?? {};
  let leads = db
    .selectFrom(LEADS)
    .where('org_id', '=', query.orgId)
    .where('workflow_id', '=', workflowId)
    .where('state', '=', 'active');
  if (filters.ownerId !== undefined) leads = leads.where('owner_id', '=', filters.ownerId);
  if (filters.source !== undefined) leads = leads.where('source', '=', filters.source);
  if (filters.stageId !== undefined) leads = leads.where('stage_id', '=', filters.stageId);
  if (filters.clientId !== undefined) leads = leads.where('client_id', '=', filters.clientId);
  const text = containsText('search_text', filters.text);
  if (text !== null) leads = leads.where(text);
  const visible = visibleTo(query.viewer, query.now);
  return visible === null ? leads : leads.where(visible);
}

export interface BoardStageQuery extends Omit<PipelineBoardQuery, 'leadsPerStage'> {
  readonly stageId: StageId;
  /** 1 to 500, default 20. */
  readonly limit?: number;
  /** A stage's nextCursor. */
  readonly after?: string;
}

async function stagePage(
  leads: ReturnType<typeof boardLeads>,
  stageId: string,
  size: number,
  after: string | undefined,
  now: Date,
): Promise<Page<BoardLead>> {
  if (size === 0) return { items: [], nextCursor: null };
  const rows = await keysetPageNullsLast(
    leads.where('stage_id', '=', stageId).selectAll(),
    'next_call_at',
    THEN_BY,
    after === undefined ? null : decodeCursor(after, THEN_BY.length + 1),
    size,
  );
  return pageOf(
    rows,
    size,
    (row) => [row.next_call_at, row.name, row.lead_id],
    (row) => boardLead(row, now),
  );
}

/**
 * Every stage's first page in one PostgreSQL statement (one round trip), whatever the number of stages:
 * the stages unnested in pipeline order, each joined LATERAL to its leads with a next call and to those
 * without, each branch an index range cut at the page size; numbered so the rows can be put back in order.
 */
async function firstPages(
  db: Db,
  leads: ReturnType<typeof boardLeads>,
  stageIds: readonly string[],
  size: number,
  now: Date,
): Promise<Page<BoardLead>[]> {
  if (size === 0 || stageIds.length === 0) return stageIds.map(() => ({ items: [], nextCursor: null }));
  const stages = () =>
    sql<{ stage_id: string; ord: number }>`unnest(${[...stageIds]}::text[]) WITH ORDINALITY`.as<'s'>(
      sql`s(stage_id, ord)`,
    );
  // Unqualified columns inside the LATERAL read the leads table; s.stage_id is the outer stage.
  const inStage = leads.where(sql<SqlBool>`stage_id = s.stage_id`).selectAll();
  const called = inStage
    .where('next_call_at', 'is not', null)
    .orderBy('next_call_at')
    .orderBy('name')
    .orderBy('lead_id')
    .limit(size + 1);
  const uncalled = inStage
    .where('next_call_at', 'is', null)
    .orderBy('name')
    .orderBy('lead_id')
    .limit(size + 1);
  const [first, second] = [called, uncalled].map((branch, half) =>
    db
      .selectFrom(stages())
      .innerJoinLateral(branch.as('page'), (join) => join.onTrue())
      .selectAll('page')
      .select([
        sql<number>`cast(s.ord as integer) - 1`.as('stage'),
        sql<number>`${sql.lit(half)}`.as('half'),
        sql<number>`cast(row_number() OVER (PARTITION BY s.ord ORDER BY page.next_call_at, page.name, page.lead_id) as integer)`.as(
          'n',
        ),
      ]),
  );
  if (first === undefined || second === undefined) return [];
  const rows = await first.unionAll(second).execute();
  const ordered = [...rows].sort((a, b) => a.stage - b.stage || a.half - b.half || a.n - b.n);
  return stageIds.map((_stageId, stage) =>
    pageOf(
      ordered.filter((row) => row.stage === stage),
      size,
      (row) => [row.next_call_at, row.name, row.lead_id],
      (row) => boardLead(row, now),
    ),
  );
}

interface StageTotal {
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
async function stageTotals(
  db: Db,
  leads: ReturnType<typeof boardLeads>,
  query: PipelineBoardQuery,
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

/** One page of one stage's leads, as the board lists them; null when the organisation has no such workflow. */
export async function boardStageLeads(
  reader: ReadModelReader,
  query: BoardStageQuery,
): Promise<Page<BoardLead> | null> {
  const size = pageSize(query.limit, 'limit', DEFAULT_LEADS_PER_STAGE);
  const db = readModelDb(reader);
  const workflow = await resolveWorkflow(db, query);
  if (workflow === null) return null;
  return stagePage(boardLeads(db, query, workflow.workflow_id), query.stageId, size, query.after, query.now);
}

/** The board of one workflow of one organisation, or null when the organisation has no such workflow. */
export async function pipelineBoard(reader: ReadModelReader, query: PipelineBoardQuery): Promise<PipelineBoard | null> {
  const size = pageSize(query.leadsPerStage, 'leadsPerStage', DEFAULT_LEADS_PER_STAGE, 0);
  const db = readModelDb(reader);
  const workflow = await resolveWorkflow(db, query);
  if (workflow === null) return null;
  const stageRows = await currentStages(db, 'pipeline_board', {
    orgId: query.orgId,
    workflowId: workflow.workflow_id,
  });
  const leads = boardLeads(db, query, workflow.workflow_id);
  const totals = await stageTotals(db, leads, query, workflow.workflow_id);
  const stageIds = stageRows.map((stageRow) => stageRow.stage_id);
  // PostgreSQL: one statement for all stages saves a round trip per stage. SQLite runs in-process, where
  // one small prepared statement per stage is faster than preparing one large union.
  const pages =
    reader.sql.engine === 'postgres'
      ? await firstPages(db, leads, stageIds, size, query.now)
      : await Promise.all(stageIds.map(async (stageId) => stagePage(leads, stageId, size, undefined, query.now)));
  const stages = stageRows.map((stageRow, index): BoardStage => {
    const groups = totals.filter((group) => group.stage_id === stageRow.stage_id);
    const page = pages[index] ?? { items: [], nextCursor: null };
    return {
      stageId: StageId(stageRow.stage_id),
      name: stageRow.name,
      category: stageCategory(stageRow.category),
      count: groups.reduce((sum, group) => sum + group.leads, 0),
      value: sumMoney(
        groups.map((group) =>
          group.currency === null || group.value_minor === null
            ? null
            : { currency: group.currency, amountMinor: group.value_minor },
        ),
      ),
      leads: page.items,
      nextCursor: page.nextCursor,
    };
  });
  return {
    orgId: query.orgId,
    workflowId: WorkflowId(workflow.workflow_id),
    workflowName: workflow.name,
    stages,
    count: stages.reduce((sum, stage) => sum + stage.count, 0),
    value: sumMoney(stages.flatMap((stage) => stage.value)),
  };
}
