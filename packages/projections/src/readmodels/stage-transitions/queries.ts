// Typed stage-transition queries: the funnel of one workflow (entries, re-entries, stage-to-stage
// conversion, time in stage) and the most common paths of converted and of lost leads.
import type { OrgId, StageCategory, WorkflowId } from '@leadline/domain';
import { StageId } from '@leadline/domain';
import { sql } from 'kysely';
import type { ReadModelReader } from '../../store/port.js';
import { readModelDb } from '../database.js';
import { currentStages } from '../shared/catalog-queries.js';
import { stageCategory } from '../shared/rows.js';
import { durationMs, mean, median, ratio } from '../shared/stats.js';

export interface FunnelStage {
  readonly stageId: StageId;
  readonly name: string;
  readonly category: StageCategory;
  /** Distinct leads that ever entered the stage. */
  readonly leads: number;
  /** All entries, re-entries included. */
  readonly entries: number;
  readonly reEntries: number;
  /** Leads there now. */
  readonly current: number;
  /** Of the leads that entered, those that later reached a stage further along (open or won). */
  readonly progressed: number;
  /** progressed / leads. */
  readonly conversionToNext: number | null;
  readonly meanTimeInStageMs: number | null;
  readonly medianTimeInStageMs: number | null;
}

/**
 * The funnel of one workflow of one organisation, stages in pipeline order (removed stages left out):
 * every figure is an SQL aggregate over the visits; the median picks the middle rows by window number.
 */
export async function stageFunnel(
  reader: ReadModelReader,
  query: { readonly orgId: OrgId; readonly workflowId: WorkflowId },
): Promise<FunnelStage[]> {
  const db = readModelDb(reader);
  const stages = await currentStages(db, 'stage_transitions', query);
  const visits = db
    .selectFrom('stage_transitions_visits as v')
    .where('v.org_id', '=', query.orgId)
    .where('v.workflow_id', '=', query.workflowId);
  const counts = await visits
    .select((eb) => [
      'v.stage_id',
      sql<number>`count(DISTINCT v.lead_id)`.as('leads'),
      eb.fn.countAll<number>().as('entries'),
      sql<number>`sum(CASE WHEN v.entry_number > 1 THEN 1 ELSE 0 END)`.as('re_entries'),
      sql<number>`sum(CASE WHEN v.exited_at IS NULL THEN 1 ELSE 0 END)`.as('current'),
      sql<number | null>`cast(avg(v.duration_ms) AS double precision)`.as('mean_ms'),
    ])
    .groupBy('v.stage_id')
    .execute();
  // A lead progressed from a stage when, after its first entry there, it visited a stage further along
  // the pipeline that is not a lost stage.
  const progressed = await visits
    .innerJoin('stage_transitions_stages as here', (join) =>
      join.onRef('here.workflow_id', '=', 'v.workflow_id').onRef('here.stage_id', '=', 'v.stage_id'),
    )
    .where('v.entry_number', '=', 1)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('stage_transitions_visits as later')
          .innerJoin('stage_transitions_stages as there', (join) =>
            join.onRef('there.workflow_id', '=', 'later.workflow_id').onRef('there.stage_id', '=', 'later.stage_id'),
          )
          .select(sql`1`.as('one'))
          .whereRef('later.lead_id', '=', 'v.lead_id')
          .whereRef('later.visit', '>', 'v.visit')
          .where('there.category', '<>', 'lost')
          .whereRef('there.stage_order', '>', 'here.stage_order'),
      ),
    )
    .select(['v.stage_id', sql<number>`count(DISTINCT v.lead_id)`.as('leads')])
    .groupBy('v.stage_id')
    .execute();
  const medians = await db
    .with('ranked', (ranked) =>
      ranked
        .selectFrom('stage_transitions_visits')
        .where('org_id', '=', query.orgId)
        .where('workflow_id', '=', query.workflowId)
        .where('duration_ms', 'is not', null)
        .select([
          'stage_id',
          'duration_ms',
          sql<number>`row_number() OVER (PARTITION BY stage_id ORDER BY duration_ms)`.as('n'),
          sql<number>`count(*) OVER (PARTITION BY stage_id)`.as('total'),
        ]),
    )
    .selectFrom('ranked')
    .select(['stage_id', sql<number>`cast(avg(duration_ms) AS double precision)`.as('median_ms')])
    .where(sql<boolean>`n IN ((total + 1) / 2, (total + 2) / 2)`)
    .groupBy('stage_id')
    .execute();
  return Array.from(stages, (stage): FunnelStage => {
    const count = counts.find((row) => row.stage_id === stage.stage_id);
    const leads = count?.leads ?? 0;
    const moved = progressed.find((row) => row.stage_id === stage.stage_id)?.leads ?? 0;
    const middle = medians.find((row) => row.stage_id === stage.stage_id)?.median_ms;
    return {
      stageId: StageId(stage.stage_id),
      name: stage.name,
      category: stageCategory(stage.category),
      leads,
      entries: count?.entries ?? 0,
      reEntries: count?.re_entries ?? 0,
      current: count?.current ?? 0,
      progressed: moved,
      conversionToNext: ratio(moved, leads),
      meanTimeInStageMs: count?.mean_ms == null ? null : count.mean_ms,
      medianTimeInStageMs: middle == null ? null : middle,
    };
  });
}

export interface StagePath {
  /** Stage names in the order visited (as named at the time). */
  readonly path: readonly string[];
  readonly leads: number;
  /** From creation to the outcome. */
  readonly meanDurationMs: number | null;
  readonly medianDurationMs: number | null;
}

/** The most common stage paths of converted (or of lost) leads, most frequent first. */
export async function stagePaths(
  reader: ReadModelReader,
  query: {
    readonly orgId: OrgId;
    readonly outcome: 'converted' | 'lost';
    readonly workflowId?: WorkflowId;
    readonly limit?: number;
  },
): Promise<StagePath[]> {
  let journeys = readModelDb(reader)
    .selectFrom('stage_transitions_leads')
    .select(['path', 'created_at', 'outcome_at'])
    .where('org_id', '=', query.orgId)
    .where('outcome', '=', query.outcome)
    .where('state', '=', 'active');
  if (query.workflowId !== undefined) journeys = journeys.where('workflow_id', '=', query.workflowId);
  const rows = await journeys.execute();
  const groups = new Map<string, number[]>();
  for (const row of rows) {
    const durations = groups.get(row.path) ?? [];
    durations.push(row.outcome_at === null ? Number.NaN : durationMs(row.created_at, row.outcome_at));
    groups.set(row.path, durations);
  }
  const paths = [...groups.entries()].map(([path, durations]): StagePath => {
    const known = durations.filter((duration) => !Number.isNaN(duration));
    return {
      path: path.split(' > '),
      leads: durations.length,
      meanDurationMs: mean(known),
      medianDurationMs: median(known),
    };
  });
  paths.sort((a, b) => b.leads - a.leads || (a.path.join('\u0000') < b.path.join('\u0000') ? -1 : 1));
  return query.limit === undefined ? paths : paths.slice(0, query.limit);
}
