// Plan tests: the SQL a query runs, captured so a store's test can ask its engine for the plan
// (EXPLAIN QUERY PLAN / EXPLAIN (FORMAT JSON)) and fail on a full scan of a leads table.
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryId,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { CompiledQuery } from 'kysely';
import type { Actor, LeadId, OrgId, StageId, UserId, WorkflowId } from '@leadline/domain';
import { ClientId, SYSTEM_LIST_VIEWS, UserId as userId } from '@leadline/domain';
import { listLeads } from '../readmodels/lead-list/queries.js';
import { clientLeads } from '../readmodels/pipeline-board/client-leads.js';
import { listClients } from '../readmodels/clients/queries.js';
import { readModelDb } from '../readmodels/database.js';
import { boardStageLeads, pipelineBoard } from '../readmodels/pipeline-board/queries.js';
import { claimPool, workQueue } from '../readmodels/claims/queries.js';
import { journeyTimeline } from '../readmodels/journey/queries.js';
import { searchLeads } from '../readmodels/search/queries.js';
import { sourceAnalytics } from '../readmodels/source-analytics/queries.js';
import { stageFunnel } from '../readmodels/stage-transitions/queries.js';
import { ALL_PROJECTORS } from '../readmodels/index.js';
import type { ReadModelReader, ReadModelStore } from '../store/port.js';
import { feed, prepareLive } from './feed.js';
import { generateSeededHistory } from './history/interpreter.js';
import { seededSteps } from './history/steps.js';
import { managerActor, REPS, repActor, WORLD_ORGS } from './history/world.js';

/**
 * Runs `use` against the reader with every statement it sends recorded, compiled as the engine gets it.
 * Kysely shows plugins each subquery too (a LATERAL branch cannot be planned alone), so only the
 * statements that return a result are kept: a query's own node is transformed last, just before it runs.
 */
export async function captureQueries(
  reader: ReadModelReader,
  use: (reader: ReadModelReader) => Promise<unknown>,
): Promise<CompiledQuery[]> {
  const captured: CompiledQuery[] = [];
  const pending = new Map<QueryId, CompiledQuery[]>();
  const executor = reader.sql.db.getExecutor();
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      pending.set(args.queryId, [...(pending.get(args.queryId) ?? []), executor.compileQuery(args.node, args.queryId)]);
      return args.node;
    },
    transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => {
      const ran = pending.get(args.queryId)?.pop();
      if (ran !== undefined) captured.push(ran);
      return args.result;
    },
  };
  await use({
    ...reader,
    select: reader.select.bind(reader),
    sql: { ...reader.sql, db: reader.sql.db.withPlugin(plugin) },
  });
  return captured;
}

export interface HotQueryContext {
  readonly orgId: OrgId;
  readonly workflowId: WorkflowId;
  readonly stageId: StageId;
  readonly ownerId: UserId;
  readonly leadId: LeadId;
  /** The client with the most live leads. */
  readonly clientId: ClientId;
  readonly manager: Actor;
  readonly rep: Actor;
  readonly now: Date;
}

export const HOT_QUERIES = [
  'pipeline board',
  "a rep's pipeline board",
  'a board stage',
  'search by text',
  'search by short text',
  'search by name',
  'search by email',
  'search by source',
  'search by owner',
  'search by stage',
  "search by a client's leads",
  'search by rating',
  'search by created range',
  'work queue',
  'claim pool',
  "a client's leads",
  'clients',
  'clients by text',
  'journey',
  'source analytics',
  'stage funnel',
  'list: All leads',
  'list: My leads',
  'list: Unread leads',
  'list: Recently created',
  'list: Converted',
  'list: Lost',
  'list: Pool',
  'list: Next calls this week',
  "list: a rep's All leads",
] as const;
export type HotQuery = (typeof HOT_QUERIES)[number];

type ListHotQuery = Extract<HotQuery, `list: ${string}`>;

/** Each system view's first page, as its users read it: their own views by a rep, the others by a manager. */
function systemViewQueries(
  context: HotQueryContext,
): Record<ListHotQuery, (reader: ReadModelReader) => Promise<unknown>> {
  const { orgId, manager, rep, now } = context;
  const view = (name: string, viewer: Actor) => (reader: ReadModelReader) => {
    const found = SYSTEM_LIST_VIEWS.find((candidate) => candidate.name === name);
    if (found === undefined) throw new Error(`No system view ${name}.`);
    return listLeads(reader, { orgId, viewer, now, columns: found.columns, sort: found.sort, filters: found.filters });
  };
  return {
    'list: All leads': view('All leads', manager),
    'list: My leads': view('My leads', rep),
    'list: Unread leads': view('Unread leads', rep),
    'list: Recently created': view('Recently created', manager),
    'list: Converted': view('Converted', manager),
    'list: Lost': view('Lost', manager),
    'list: Pool': view('Pool', manager),
    'list: Next calls this week': view('Next calls this week', manager),
    "list: a rep's All leads": view('All leads', rep),
  };
}

/** The queries a Leads page runs on every visit: each must reach its first page through an index. */
export function hotQueries(context: HotQueryContext): Record<HotQuery, (reader: ReadModelReader) => Promise<unknown>> {
  const { orgId, manager, rep, now } = context;
  return {
    'pipeline board': (reader) => pipelineBoard(reader, { orgId, viewer: manager, now }),
    "a rep's pipeline board": (reader) => pipelineBoard(reader, { orgId, viewer: rep, now }),
    'a board stage': (reader) =>
      boardStageLeads(reader, { orgId, viewer: manager, now, stageId: context.stageId, limit: 5 }),
    // A substring through the FTS5 trigram / pg_trgm index; under 3 characters, a range of the name index.
    'search by text': (reader) => searchLeads(reader, { orgId, viewer: manager, now, text: 'son' }),
    'search by short text': (reader) => searchLeads(reader, { orgId, viewer: manager, now, text: 'a' }),
    'search by name': (reader) => searchLeads(reader, { orgId, viewer: manager, now, name: 'a' }),
    'search by email': (reader) => searchLeads(reader, { orgId, viewer: manager, now, email: 'a' }),
    // A filter alone reads that filter's leads in name order along its own index of search_leads.
    'search by source': (reader) => searchLeads(reader, { orgId, viewer: manager, now, source: 'Website' }),
    'search by owner': (reader) => searchLeads(reader, { orgId, viewer: manager, now, ownerId: context.ownerId }),
    'search by stage': (reader) => searchLeads(reader, { orgId, viewer: manager, now, stageId: context.stageId }),
    "search by a client's leads": (reader) =>
      searchLeads(reader, { orgId, viewer: manager, now, clientId: context.clientId }),
    'search by rating': (reader) => searchLeads(reader, { orgId, viewer: manager, now, rating: 'hot' }),
    'search by created range': (reader) =>
      searchLeads(reader, {
        orgId,
        viewer: manager,
        now,
        createdFrom: new Date(now.getTime() - 7 * 86_400_000),
        createdBefore: now,
      }),
    'work queue': (reader) => workQueue(reader, { orgId, ownerId: context.ownerId, viewer: manager, now }),
    'claim pool': (reader) => claimPool(reader, { orgId, now }),
    "a client's leads": (reader) => clientLeads(reader, { orgId, clientId: context.clientId, viewer: manager, now }),
    clients: (reader) => listClients(reader, { orgId }),
    'clients by text': (reader) => listClients(reader, { orgId, text: 'ent' }),
    journey: (reader) => journeyTimeline(reader, { orgId, leadId: context.leadId }),
    'source analytics': (reader) => sourceAnalytics(reader, { orgId, period: 'week' }),
    'stage funnel': (reader) => stageFunnel(reader, { orgId, workflowId: context.workflowId }),
    ...systemViewQueries(context),
  };
}

/** Fills the store with a generated history and names what the hot queries ask about in it. */
export async function seedForPlans(store: ReadModelStore, events = 3000): Promise<HotQueryContext> {
  await prepareLive(store, ALL_PROJECTORS);
  await feed(store, ALL_PROJECTORS, generateSeededHistory(events, seededSteps(5)), { batchSizes: [500] });
  return hotQueryContext(store);
}

/** What the hot queries ask about in read models built from a generated history (its first organisation). */
export async function hotQueryContext(store: ReadModelReader): Promise<HotQueryContext> {
  const orgId = WORLD_ORGS[0];
  const now = new Date('2026-02-01T00:00:00.000Z');
  const board = await pipelineBoard(store, { orgId, viewer: managerActor, now });
  const stage = board?.stages.find((candidate) => candidate.leads.length > 0);
  const lead = stage?.leads[0];
  if (board == null || stage === undefined || lead === undefined)
    throw new Error('The generated history has no board.');
  const client = await readModelDb(store)
    .selectFrom('pipeline_board_leads')
    .select((eb) => ['client_id', eb.fn.countAll<number>().as('leads')])
    .where('org_id', '=', orgId)
    .where('state', '=', 'active')
    .where('client_id', 'is not', null)
    .groupBy('client_id')
    .orderBy('leads', 'desc')
    .orderBy('client_id')
    .executeTakeFirst();
  return {
    orgId,
    workflowId: board.workflowId,
    stageId: stage.stageId,
    ownerId: lead.ownerId ?? userId(REPS[0] ?? 'alice'),
    leadId: lead.leadId,
    clientId: ClientId(client?.client_id ?? 'no-client'),
    manager: managerActor,
    rep: repActor(REPS[0] ?? userId('alice')),
    now,
  };
}
