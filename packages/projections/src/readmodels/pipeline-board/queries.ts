// Typed queries of the pipeline board: one organisation per query, always; own leads only unless the
// viewer may View All Leads. Counts and sums come from the totals the projector keeps per stage (or one
// SQL aggregate for a filtered or a rep's board); each stage lists one page of leads, nearest next call
// first, and its cursor reads the next page of that stage (boardStageLeads).
import type { Actor, ClientId, Money, OrgId, StageCategory } from '@leadline/domain';
import { LeadId, StageId, UserId, WorkflowId } from '@leadline/domain';
import type { Kysely, SelectQueryBuilder } from 'kysely';
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
import { visibleTo } from '../shared/visibility-sql.js';

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
 * Every stage's first page in one statement (one round trip): per stage, the
 * leads with a next call and those without, each branch read along the board index and cut at the page
 * size, numbered in order so the union's rows can be put back in order.
 */
async function firstPages(
  db: Db,
  leads: ReturnType<typeof boardLeads>,
  stageIds: readonly string[],
  size: number,
  now: Date,
): Promise<Page<BoardLead>[]> {
  if (size === 0 || stageIds.length === 0) return stageIds.map(() => ({ items: [], nextCursor: null }));
  const branches = stageIds.flatMap((stageId, stage) => {
    const inStage = leads.where('stage_id', '=', stageId).selectAll();
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
    return [called, uncalled].map((branch, half) =>
      db
        .selectFrom(branch.as('page'))
        .selectAll()
        .select([
          sql<number>`${sql.lit(stage * 2 + half)}`.as('branch'),
          sql<number>`row_number() OVER (ORDER BY next_call_at, name, lead_id)`.as('n'),
        ]),
    );
  });
  const [first, ...rest] = branches;
  if (first === undefined) return [];
  const rows = await rest.reduce((union, branch) => union.unionAll(branch), first).execute();
  const ordered = [...rows].sort((a, b) => a.branch - b.branch || a.n - b.n);
  return stageIds.map((_stageId, stage) =>
    pageOf(
      ordered.filter((row) => Math.floor(row.branch / 2) === stage),
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
 * Counts and sums per stage and currency. The whole organisation's board (View All Leads, no filter)
 * reads the totals the projector keeps, a row per stage and currency; a filtered or a rep's board
 * aggregates the leads it shows.
 */
async function stageTotals(
  db: Db,
  leads: ReturnType<typeof boardLeads>,
  query: PipelineBoardQuery,
  workflowId: string,
): Promise<StageTotal[]> {
  const filtered = Object.values(query.filters ?? {}).some((value) => value !== undefined);
  if (filtered || visibleTo(query.viewer, query.now) !== null) {
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
  const kept = await db
    .selectFrom('pipeline_board_totals')
    .select(['stage_id', 'currency', 'leads', 'value_minor'])
    .where('org_id', '=', query.orgId)
    .where('workflow_id', '=', workflowId)
    .where('leads', '>', 0)
    .execute();
  // '' is the key of leads without an estimated value.
  return kept.map((row) => ({ ...row, currency: row.currency === '' ? null : row.currency }));
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
