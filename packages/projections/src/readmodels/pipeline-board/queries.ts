// Typed queries of the pipeline board: one organisation per query, always; own leads only unless the
// viewer may View All Leads. Counts and sums come from the totals the projector keeps per stage (or one
// SQL aggregate for a filtered or a rep's board); each stage lists one page of leads, nearest next call
// first, and its cursor reads the next page of that stage (boardStageLeads).
import type { Actor, ClientId, Money, OrgId, StageCategory } from '@leadline/domain';
import { LeadId, StageId, UserId, WorkflowId } from '@leadline/domain';
import type { Kysely, SelectQueryBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import { decodeCursor } from '../../sql/cursor.js';
import { keysetPageNullsLast } from '../../sql/keyset.js';
import type { Page } from '../../sql/page.js';
import { pageOf, pageSize } from '../../sql/page.js';
import { invalidArgument } from '../../store/errors.js';
import type { ReadModelReader } from '../../store/port.js';
import type { ReadModelDatabase } from '../database.js';
import { readModelDb } from '../database.js';
import { currentStages } from '../shared/catalog-queries.js';
import { stageCategory, sumMoney } from '../shared/rows.js';
import { containsText } from '../shared/text-sql.js';
import type { ClaimState } from '../shared/visibility.js';
import { claimStateOf } from '../shared/visibility.js';
import { visibleTo } from '../shared/visibility-sql.js';
import { stageTotals } from './stage-totals.js';

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
  /**
   * Pages the columns: the `first` stages (1 to 50) after the stage `after`, in pipeline order. Every
   * stage by default. The board's own count and value still cover every stage.
   */
  readonly stages?: BoardStagesPage;
}

export interface BoardStagesPage {
  readonly first?: number;
  /** A stage of the workflow: the page starts after it (a board's nextStagesAfter). */
  readonly after?: StageId;
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
  /** Only when the query paged its stages: pass it as `stages.after` for the next ones; null after the last. */
  readonly nextStagesAfter?: StageId | null;
}

export const DEFAULT_LEADS_PER_STAGE = 20;
export const MAX_STAGES_PER_PAGE = 50;

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

export interface BoardStageQuery extends Omit<PipelineBoardQuery, 'leadsPerStage' | 'stages'> {
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
    // The null next call named first, so PostgreSQL reads the board index in order (keysetPage's constant).
    .orderBy('next_call_at')
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
  const shown = stagesShown(stageRows, query.stages);
  const leads = boardLeads(db, query, workflow.workflow_id);
  const stageIds = shown.rows.map((stageRow) => stageRow.stage_id);
  // PostgreSQL: one statement for all stages' pages, sent beside the counts (two connections of the pool,
  // so the board waits for the slower round trip, not both). SQLite runs in-process, where one small
  // prepared statement per stage (an index range each) is faster than preparing one large union, run one
  // after the other: started together they wait on each other's connection (measured ~8x slower).
  let totals: Awaited<ReturnType<typeof stageTotals>>;
  const pages: Page<BoardLead>[] = [];
  if (reader.sql.engine === 'postgres') {
    const [counted, paged] = await Promise.all([
      stageTotals(db, leads, query, workflow.workflow_id, 'postgres'),
      firstPages(db, leads, stageIds, size, query.now),
    ]);
    totals = counted;
    pages.push(...paged);
  } else {
    totals = await stageTotals(db, leads, query, workflow.workflow_id, 'sqlite');
    for (const stageId of stageIds) pages.push(await stagePage(leads, stageId, size, undefined, query.now));
  }
  const countOf = (stageId: string) => {
    const groups = totals.filter((group) => group.stage_id === stageId);
    return {
      count: groups.reduce((sum, group) => sum + group.leads, 0),
      value: sumMoney(
        groups.map((group) =>
          group.currency === null || group.value_minor === null
            ? null
            : { currency: group.currency, amountMinor: group.value_minor },
        ),
      ),
    };
  };
  const stages = shown.rows.map((stageRow, index): BoardStage => {
    const page = pages[index] ?? { items: [], nextCursor: null };
    return {
      stageId: StageId(stageRow.stage_id),
      name: stageRow.name,
      category: stageCategory(stageRow.category),
      ...countOf(stageRow.stage_id),
      leads: page.items,
      nextCursor: page.nextCursor,
    };
  });
  const everyStage = stageRows.map((stageRow) => countOf(stageRow.stage_id));
  return {
    orgId: query.orgId,
    workflowId: WorkflowId(workflow.workflow_id),
    workflowName: workflow.name,
    stages,
    count: everyStage.reduce((sum, stage) => sum + stage.count, 0),
    value: sumMoney(everyStage.flatMap((stage) => stage.value)),
    ...(query.stages === undefined ? {} : { nextStagesAfter: shown.nextAfter }),
  };
}

/** The stages a board shows: all of them, or the page `stages` asks for. */
function stagesShown<Row extends { readonly stage_id: string }>(
  rows: readonly Row[],
  page: BoardStagesPage | undefined,
): { rows: readonly Row[]; nextAfter: StageId | null } {
  if (page === undefined) return { rows, nextAfter: null };
  const first = page.first ?? MAX_STAGES_PER_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_STAGES_PER_PAGE)
    throw invalidArgument(
      'stages.first',
      `integer-1-to-${MAX_STAGES_PER_PAGE}`,
      `stages.first must be a whole number from 1 to ${MAX_STAGES_PER_PAGE} (got ${String(first)}).`,
    );
  let start = 0;
  if (page.after !== undefined) {
    const at = rows.findIndex((row) => row.stage_id === page.after);
    if (at < 0)
      throw invalidArgument(
        'stages.after',
        'known-stage',
        `stages.after must be a current stage of the workflow; ${page.after} is not one.`,
      );
    start = at + 1;
  }
  const shown = rows.slice(start, start + first);
  const last = shown.at(-1);
  return { rows: shown, nextAfter: start + first < rows.length && last !== undefined ? StageId(last.stage_id) : null };
}
