// The source analytics projector: per lead, when it was created, contacted, qualified, won or lost,
// judged by stage position and category so custom workflows count the same way.
import type { LeadMerged, LeadUnmerged, StageChanged } from '@leadline/domain';
import type { EventHandlers } from '../../projector/handlers.js';
import { dispatch, handledTypes } from '../../projector/handlers.js';
import type { ProjectedEvent, ProjectionTx, Projector, RowRef } from '../../projector/projector.js';
import type { Row, SqlValue } from '../../store/schema.js';
import { detailsAfterMerge, isLeadEvent, rowPatcher } from '../shared/lead-events.js';
import {
  applyWorkflowEvent,
  isWorkflowEvent,
  WORKFLOW_EVENT_TYPES,
  workflowPrefetch,
} from '../shared/workflow-catalog.js';
import { keepSourceCells, sourceCellsPrefetch } from './cells.js';
import { sourceAnalyticsCatalog, sourceAnalyticsPeriods, sourceAnalyticsLeads } from './tables.js';

const TABLE = sourceAnalyticsLeads.name;
/** The open-stage index that counts as contacted; qualified is the next one, capped by the workflow. */
export const CONTACTED_OPEN_INDEX = 1;
export const QUALIFIED_OPEN_INDEX = 2;

/** Open stages per workflow row: rows are never changed in place, so a row's count never goes stale. */
const openStagesOfRow = new WeakMap<Row, number>();

function openStageCount(tx: ProjectionTx, workflowId: string): number {
  const workflow = tx.get(sourceAnalyticsCatalog.workflows.name, [workflowId]);
  if (workflow === undefined) return 0;
  let count = openStagesOfRow.get(workflow);
  if (count === undefined) {
    // Parsing the stages' JSON on every stage change was ~3% of a rebuild (profiled).
    count = (JSON.parse(String(workflow['stages_json'])) as { category: string }[]).filter(
      (stage) => stage.category === 'open',
    ).length;
    openStagesOfRow.set(workflow, count);
  }
  return count;
}

/** The milestones a stage change reaches, set only the first time. */
function milestones(event: ProjectedEvent<StageChanged>, lead: Row, tx: ProjectionTx): Row {
  const at = event.metadata.occurredAt;
  const { data } = event;
  const changes: Record<string, SqlValue> = {};
  const firstTime = (column: string): void => {
    if (lead[column] === null) changes[column] = at;
  };
  if (data.toCategory === 'won') {
    firstTime('contacted_at');
    firstTime('qualified_at');
    if (lead['converted_at'] === null) {
      changes['converted_at'] = at;
      changes['value_won_minor'] = lead['estimated_value_minor'] ?? null;
      changes['value_won_currency'] = lead['estimated_currency'] ?? null;
    }
  } else if (data.toCategory === 'open') {
    const stage = tx.get(sourceAnalyticsCatalog.stages.name, [data.workflowId, data.to]);
    const index = typeof stage?.['open_index'] === 'number' ? stage['open_index'] : 0;
    const qualifiedAt = Math.max(
      CONTACTED_OPEN_INDEX,
      Math.min(QUALIFIED_OPEN_INDEX, openStageCount(tx, data.workflowId) - 1),
    );
    if (index >= CONTACTED_OPEN_INDEX) firstTime('contacted_at');
    if (index >= qualifiedAt) firstTime('qualified_at');
  }
  changes['lost_at'] = data.toCategory === 'lost' ? at : null;
  return changes;
}

interface LeadContext {
  readonly tx: ProjectionTx;
  readonly lead: Row | undefined;
  readonly patch: (changes: Row) => void;
}

const value = (money: { amountMinor: number; currency: string } | null): Row => ({
  estimated_value_minor: money?.amountMinor ?? null,
  estimated_currency: money?.currency ?? null,
});
const merge = (event: ProjectedEvent<LeadMerged | LeadUnmerged>, { patch }: LeadContext): void => {
  const details = detailsAfterMerge(event);
  patch(
    details !== null
      ? { source: details.source, ...value(details.estimatedValue) }
      : { state: event.type === 'LeadMerged' ? 'merged' : 'active' },
  );
};

type AnalysedEvent =
  | 'LeadCreated'
  | 'LeadDetailsUpdated'
  | 'StageChanged'
  | 'ConvertedToClient'
  | 'LeadMerged'
  | 'LeadUnmerged'
  | 'LeadDeleted';

const handlers: EventHandlers<AnalysedEvent, LeadContext> = {
  LeadCreated: (event, { tx }) => {
    const { data } = event;
    tx.upsert(TABLE, {
      lead_id: data.leadId,
      org_id: data.orgId,
      source: data.source,
      created_at: event.metadata.occurredAt,
      state: 'active',
      ...value(data.estimatedValue),
    });
  },
  LeadDetailsUpdated: ({ data }, { patch }) => {
    if (data.changes.source !== undefined) patch({ source: data.changes.source });
    if (data.changes.estimatedValue !== undefined) patch(value(data.changes.estimatedValue));
  },
  StageChanged: (changed, { tx, lead, patch }) => {
    if (lead !== undefined) patch(milestones(changed, lead, tx));
  },
  ConvertedToClient: (event, { lead, patch }) => {
    if (lead === undefined || lead['converted_at'] !== null) return;
    const at = event.metadata.occurredAt;
    patch({
      contacted_at: lead['contacted_at'] ?? at,
      qualified_at: lead['qualified_at'] ?? at,
      converted_at: at,
      value_won_minor: lead['estimated_value_minor'] ?? null,
      value_won_currency: lead['estimated_currency'] ?? null,
    });
  },
  LeadMerged: merge,
  LeadUnmerged: merge,
  LeadDeleted: (_, { patch }) => patch({ state: 'deleted' }),
};

export const sourceAnalyticsProjector: Projector = {
  name: 'source_analytics',
  // v2: cells per day, week and month kept by the projector (source_analytics_periods), which the queries read.
  version: 2,
  handles: [...handledTypes(handlers), ...WORKFLOW_EVENT_TYPES],
  tables: [
    sourceAnalyticsLeads,
    sourceAnalyticsPeriods,
    sourceAnalyticsCatalog.workflows,
    sourceAnalyticsCatalog.stages,
  ],
  prefetch: (event): readonly RowRef[] => {
    if (event.type === 'StageChanged') {
      return [
        { table: TABLE, key: [event.data.leadId] },
        { table: sourceAnalyticsCatalog.stages.name, key: [event.data.workflowId, event.data.to] },
        { table: sourceAnalyticsCatalog.workflows.name, key: [event.data.workflowId] },
        sourceCellsPrefetch(event),
      ];
    }
    if (isLeadEvent(event)) return [{ table: TABLE, key: [event.data.leadId] }, sourceCellsPrefetch(event)];
    return isWorkflowEvent(event) ? workflowPrefetch(sourceAnalyticsCatalog, event) : [];
  },
  apply(event, tx) {
    if (isLeadEvent(event)) {
      const key = [event.data.leadId];
      const before = tx.get(TABLE, key);
      dispatch(handlers, event, { tx, lead: before, patch: rowPatcher(tx, TABLE, key) });
      keepSourceCells(tx, event.metadata.orgId, before, tx.get(TABLE, key));
    } else if (isWorkflowEvent(event)) applyWorkflowEvent(sourceAnalyticsCatalog, event, tx);
  },
};
