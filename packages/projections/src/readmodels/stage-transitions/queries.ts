// Typed stage-transition queries: the funnel of one workflow (entries, re-entries, stage-to-stage
// conversion, time in stage) and the most common paths of converted and of lost leads.
import type { OrgId, StageCategory, StageId, WorkflowId } from '@leadline/domain';
import type { ReadModelReader } from '../../store/port.js';
import { eq } from '../../store/query.js';
import type { Row } from '../../store/schema.js';
import { integer, numberOrNull, text } from '../shared/rows.js';
import { durationMs, mean, median, ratio } from '../shared/stats.js';
import { stageTransitionsProjector } from './projector.js';
import { stageJourneys, stageTransitionsCatalog, stageVisits } from './tables.js';

const target = { name: stageTransitionsProjector.name };

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

/** The funnel of one workflow of one organisation, stages in pipeline order (removed stages left out). */
export async function stageFunnel(
  reader: ReadModelReader,
  query: { readonly orgId: OrgId; readonly workflowId: WorkflowId },
): Promise<FunnelStage[]> {
  const stages = await reader.select(target, stageTransitionsCatalog.stages.name, {
    where: [eq('org_id', query.orgId), eq('workflow_id', query.workflowId), eq('removed', false)],
    orderBy: [{ column: 'stage_order' }],
  });
  const visits = await reader.select(target, stageVisits.name, {
    where: [eq('org_id', query.orgId), eq('workflow_id', query.workflowId)],
    orderBy: [{ column: 'lead_id' }, { column: 'visit' }],
  });
  const order = new Map(stages.map((stage) => [text(stage, 'stage_id'), stage]));
  const further = (from: Row, to: string): boolean => {
    const next = order.get(to);
    if (next === undefined || next['category'] === 'lost') return false;
    return integer(next, 'stage_order') > integer(from, 'stage_order');
  };
  const byLead = new Map<string, Row[]>();
  for (const visit of visits)
    byLead.set(text(visit, 'lead_id'), [...(byLead.get(text(visit, 'lead_id')) ?? []), visit]);
  return stages.map((stage) => {
    const stageId = text(stage, 'stage_id');
    const here = visits.filter((visit) => visit['stage_id'] === stageId);
    const leads = new Set(here.map((visit) => text(visit, 'lead_id')));
    let progressed = 0;
    for (const leadId of leads) {
      const path = byLead.get(leadId) ?? [];
      const firstEntry = path.findIndex((visit) => visit['stage_id'] === stageId);
      if (path.slice(firstEntry + 1).some((visit) => further(stage, text(visit, 'stage_id')))) progressed += 1;
    }
    const durations = here.flatMap((visit) => numberOrNull(visit, 'duration_ms') ?? []);
    return {
      stageId: stageId as StageId,
      name: text(stage, 'name'),
      category: text(stage, 'category') as StageCategory,
      leads: leads.size,
      entries: here.length,
      reEntries: here.filter((visit) => integer(visit, 'entry_number') > 1).length,
      current: here.filter((visit) => visit['exited_at'] === null).length,
      progressed,
      conversionToNext: ratio(progressed, leads.size),
      meanTimeInStageMs: mean(durations),
      medianTimeInStageMs: median(durations),
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
  const rows = await reader.select(target, stageJourneys.name, {
    where: [
      eq('org_id', query.orgId),
      eq('outcome', query.outcome),
      eq('state', 'active'),
      ...(query.workflowId === undefined ? [] : [eq('workflow_id', query.workflowId)]),
    ],
  });
  const groups = new Map<string, number[]>();
  for (const row of rows) {
    const durations = groups.get(text(row, 'path')) ?? [];
    const outcomeAt = row['outcome_at'];
    if (typeof outcomeAt === 'string') durations.push(durationMs(text(row, 'created_at'), outcomeAt));
    else durations.push(Number.NaN);
    groups.set(text(row, 'path'), durations);
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
