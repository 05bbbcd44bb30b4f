// The stage transitions projector: every entry into and exit from a stage, per lead, and its path.
import type { LeadEvent, LeadMerged, LeadUnmerged } from '@leadline/domain';
import type { EventHandlers } from '../../projector/handlers.js';
import { dispatch, handledTypes } from '../../projector/handlers.js';
import type { ProjectedEvent, ProjectionTx, Projector, RowRef } from '../../projector/projector.js';
import { alreadyApplied } from '../../projector/projector.js';
import type { Row, SqlValue } from '../../store/schema.js';
import { isLeadEvent, rowPatcher } from '../shared/lead-events.js';
import { durationMs } from '../shared/stats.js';
import { instant } from '../shared/text.js';
import {
  applyWorkflowEvent,
  isWorkflowEvent,
  WORKFLOW_EVENT_TYPES,
  workflowPrefetch,
} from '../shared/workflow-catalog.js';
import { addToFunnel, funnelPrefetch } from './funnel.js';
import { stageFunnelCounts, stageJourneys, stageTransitionsCatalog, stageVisits } from './tables.js';

const LEADS = stageJourneys.name;
const VISITS = stageVisits.name;
const PATH_SEPARATOR = ' > ';

interface Entry {
  readonly leadId: string;
  readonly orgId: string;
  readonly workflowId: string;
  readonly stageId: string;
  readonly stageName: string;
  readonly category: string;
  readonly at: string;
}

const stageIds = (json: SqlValue | undefined): string[] =>
  typeof json === 'string' && json !== '' ? (JSON.parse(json) as string[]) : [];

/** A stage's place in its workflow now; null once removed (or unknown). */
function stageOrder(tx: ProjectionTx, workflowId: string, stageId: string): number | null {
  const order = tx.get(stageTransitionsCatalog.stages.name, [workflowId, stageId])?.['stage_order'];
  return typeof order === 'number' ? order : null;
}

/**
 * The stages a lead progresses from by entering this one: those it entered before and has not yet
 * progressed from that stand before it in the pipeline, when it is not a lost stage (order as it is now).
 */
function progressedFrom(tx: ProjectionTx, entry: Entry, visited: readonly string[], already: readonly string[]) {
  if (entry.category === 'lost') return [];
  const target = stageOrder(tx, entry.workflowId, entry.stageId);
  if (target === null) return [];
  return [...new Set(visited)].filter((stageId) => {
    if (already.includes(stageId)) return false;
    const order = stageOrder(tx, entry.workflowId, stageId);
    return order !== null && order < target;
  });
}

/** Opens the next stay; the entry number counts earlier stays in the same stage. */
function enter(tx: ProjectionTx, lead: Row | undefined, entry: Entry): void {
  const visited = stageIds(lead?.['path_stage_ids']);
  const visit = visited.length + 1;
  const entryNumber = visited.filter((id) => id === entry.stageId).length + 1;
  const already = stageIds(lead?.['progressed_stage_ids']);
  const progressed = lead === undefined ? [] : progressedFrom(tx, entry, visited, already);
  addToFunnel(tx, [entry.orgId, entry.workflowId, entry.stageId], {
    leads: entryNumber === 1 ? 1 : 0,
    entries: 1,
    reEntries: entryNumber > 1 ? 1 : 0,
    current: 1,
  });
  for (const stageId of progressed) addToFunnel(tx, [entry.orgId, entry.workflowId, stageId], { progressed: 1 });
  tx.upsert(VISITS, {
    lead_id: entry.leadId,
    visit,
    org_id: entry.orgId,
    workflow_id: entry.workflowId,
    stage_id: entry.stageId,
    stage_name: entry.stageName,
    stage_category: entry.category,
    entry_number: entryNumber,
    entered_at: entry.at,
  });
  const path = lead === undefined ? entry.stageName : `${String(lead['path'])}${PATH_SEPARATOR}${entry.stageName}`;
  // A converted lead stays converted (the domain refuses later stage changes; this keeps the rule here too).
  const wasConverted = lead?.['outcome'] === 'converted';
  const outcome = wasConverted || entry.category === 'won' ? 'converted' : entry.category === 'lost' ? 'lost' : 'open';
  const changes: Row = {
    workflow_id: entry.workflowId,
    visits: visit,
    current_stage_id: entry.stageId,
    current_stage_name: entry.stageName,
    current_stage_category: entry.category,
    current_entry_number: entryNumber,
    current_entered_at: entry.at,
    path,
    path_stage_ids: JSON.stringify([...visited, entry.stageId]),
    progressed_stage_ids: JSON.stringify([...already, ...progressed]),
    outcome,
    outcome_at: wasConverted ? (lead['outcome_at'] ?? null) : outcome === 'open' ? null : entry.at,
  };
  if (lead === undefined)
    tx.upsert(LEADS, { lead_id: entry.leadId, org_id: entry.orgId, created_at: entry.at, state: 'active', ...changes });
  else tx.patch(LEADS, [entry.leadId], changes);
}

/**
 * Closes the current stay. The whole row is rewritten from the copy the lead row keeps, so no store
 * has to read the visit first (PostgreSQL would need a round trip per stage change).
 */
function leave(tx: ProjectionTx, lead: Row, at: string, nextStageId: string): void {
  const enteredAt = String(lead['current_entered_at']);
  const stayMs = durationMs(enteredAt, at);
  const funnelKey = [String(lead['org_id']), String(lead['workflow_id']), String(lead['current_stage_id'])] as const;
  addToFunnel(tx, funnelKey, { current: -1, stayMs });
  tx.upsert(VISITS, {
    lead_id: lead['lead_id'] ?? null,
    visit: lead['visits'] ?? null,
    org_id: lead['org_id'] ?? null,
    workflow_id: lead['workflow_id'] ?? null,
    stage_id: lead['current_stage_id'] ?? null,
    stage_name: lead['current_stage_name'] ?? null,
    stage_category: lead['current_stage_category'] ?? null,
    entry_number: lead['current_entry_number'] ?? null,
    entered_at: enteredAt,
    exited_at: at,
    duration_ms: stayMs,
    next_stage_id: nextStageId,
  });
}

interface LeadContext {
  readonly tx: ProjectionTx;
  readonly lead: Row | undefined;
  readonly at: string;
  readonly patch: (changes: Row) => void;
}

const merge = (event: ProjectedEvent<LeadMerged | LeadUnmerged>, { patch }: LeadContext): void => {
  if (event.data.side === 'absorbed') patch({ state: event.type === 'LeadMerged' ? 'merged' : 'active' });
};

type TransitionEvent =
  'LeadCreated' | 'StageChanged' | 'ConvertedToClient' | 'LeadMerged' | 'LeadUnmerged' | 'LeadDeleted';

const handlers: EventHandlers<TransitionEvent, LeadContext> = {
  LeadCreated: ({ data }, { tx, at }) => {
    const stage = tx.get(stageTransitionsCatalog.stages.name, [data.workflowId, data.stageId]);
    const name = (stage?.['name'] as string | undefined) ?? data.stageId;
    const category = (stage?.['category'] as string | undefined) ?? 'open';
    enter(tx, undefined, {
      leadId: data.leadId,
      orgId: data.orgId,
      workflowId: data.workflowId,
      stageId: data.stageId,
      stageName: name,
      category,
      at,
    });
  },
  StageChanged: ({ data }, { tx, lead, at }) => {
    if (lead === undefined) return;
    leave(tx, lead, at, data.to);
    const orgId = String(lead['org_id']);
    enter(tx, lead, {
      leadId: data.leadId,
      orgId,
      workflowId: data.workflowId,
      stageId: data.to,
      stageName: data.toName,
      category: data.toCategory,
      at,
    });
  },
  ConvertedToClient: (_, { lead, at, patch }) => {
    if (lead !== undefined && lead['outcome'] !== 'converted') patch({ outcome: 'converted', outcome_at: at });
  },
  LeadMerged: merge,
  LeadUnmerged: merge,
  LeadDeleted: (_, { patch }) => patch({ state: 'deleted' }),
};

function applyLeadEvent(event: ProjectedEvent<LeadEvent>, tx: ProjectionTx): void {
  const key = [event.data.leadId];
  const lead = tx.get(LEADS, key);
  // Visit numbers come from the lead row, so a redelivered event must be recognised here.
  if (alreadyApplied(lead, event)) return;
  dispatch(handlers, event, { tx, lead, at: instant(event.metadata.occurredAt), patch: rowPatcher(tx, LEADS, key) });
}

export const stageTransitionsProjector: Projector = {
  name: 'stage_transitions',
  // v2: funnel counters kept per stage (stage_transitions_funnel), and each lead's progressed stages.
  version: 2,
  handles: [...handledTypes(handlers), ...WORKFLOW_EVENT_TYPES],
  tables: [
    stageVisits,
    stageJourneys,
    stageFunnelCounts,
    stageTransitionsCatalog.workflows,
    stageTransitionsCatalog.stages,
  ],
  prefetch: (event): readonly RowRef[] => {
    if (event.type === 'LeadCreated') {
      return [
        { table: LEADS, key: [event.data.leadId] },
        { table: stageTransitionsCatalog.stages.name, key: [event.data.workflowId, event.data.stageId] },
        funnelPrefetch(event.data.orgId, event.data.workflowId),
      ];
    }
    if (event.type === 'StageChanged') {
      return [
        { table: LEADS, key: [event.data.leadId] },
        // Every stage of the workflow: which stages the lead progresses from depends on their order.
        { table: stageTransitionsCatalog.stages.name, key: [event.data.workflowId] },
        funnelPrefetch(event.metadata.orgId, event.data.workflowId),
      ];
    }
    if (!isLeadEvent(event)) return isWorkflowEvent(event) ? workflowPrefetch(stageTransitionsCatalog, event) : [];
    return [{ table: LEADS, key: [event.data.leadId] }];
  },
  apply(event, tx) {
    if (isLeadEvent(event)) applyLeadEvent(event, tx);
    else if (isWorkflowEvent(event)) applyWorkflowEvent(stageTransitionsCatalog, event, tx);
  },
};
