// Typed stage-transition queries: the funnel of one workflow (entries, re-entries, stage-to-stage
// conversion, time in stage) and the most common paths of converted and of lost leads.
import type { OrgId, StageCategory, WorkflowId } from '@leadline/domain';
import { StageId } from '@leadline/domain';
import type { ReadModelReader } from '../../store/port.js';
import { readModelDb } from '../database.js';
import { currentStages } from '../shared/catalog-queries.js';
import { stageCategory } from '../shared/rows.js';
import { bucketMedian, parseDurationBuckets } from '../shared/duration-buckets.js';
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
  /**
   * Of the leads that entered, those that later reached a stage further along (open or won), judged by
   * the pipeline's order when they moved.
   */
  readonly progressed: number;
  /** progressed / leads. */
  readonly conversionToNext: number | null;
  readonly meanTimeInStageMs: number | null;
  readonly medianTimeInStageMs: number | null;
}

/**
 * The funnel of one workflow of one organisation, stages in pipeline order (removed stages left out),
 * read from the counters the projector keeps per stage (a row per stage, whatever the number of leads).
 * The median time in a stage is read from the kept histogram: within ~4.4% (or a second) of the exact
 * median (see duration-buckets.ts); the mean is exact.
 */
export async function stageFunnel(
  reader: ReadModelReader,
  query: { readonly orgId: OrgId; readonly workflowId: WorkflowId },
): Promise<FunnelStage[]> {
  const db = readModelDb(reader);
  const stages = await currentStages(db, 'stage_transitions', query);
  const counters = await db
    .selectFrom('stage_transitions_funnel')
    .selectAll()
    .where('org_id', '=', query.orgId)
    .where('workflow_id', '=', query.workflowId)
    .execute();
  return Array.from(stages, (stage): FunnelStage => {
    const count = counters.find((row) => row.stage_id === stage.stage_id);
    const leads = count?.leads ?? 0;
    const progressed = count?.progressed ?? 0;
    const stays = count?.duration_count ?? 0;
    return {
      stageId: StageId(stage.stage_id),
      name: stage.name,
      category: stageCategory(stage.category),
      leads,
      entries: count?.entries ?? 0,
      reEntries: count?.re_entries ?? 0,
      current: count?.current ?? 0,
      progressed,
      conversionToNext: ratio(progressed, leads),
      meanTimeInStageMs: count === undefined || stays === 0 ? null : count.duration_sum_ms / stays,
      medianTimeInStageMs: bucketMedian(parseDurationBuckets(count?.duration_buckets)),
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
