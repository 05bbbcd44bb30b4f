// The claim pool and work queue projector: who owns or holds each lead, until when, and its next call.
import type { LeadEvent, LeadMerged, LeadUnmerged } from '@leadline/domain';
import type { EventHandlers } from '../../projector/handlers.js';
import { dispatch, handledTypes } from '../../projector/handlers.js';
import type { ProjectedEvent, ProjectionTx, Projector, RowRef } from '../../projector/projector.js';
import type { Row } from '../../store/schema.js';
import { isLeadEvent, rowPatcher, type LeadEmailEventType, type LeadOpenedType } from '../shared/lead-events.js';
import {
  applyWorkflowEvent,
  isWorkflowEvent,
  WORKFLOW_EVENT_TYPES,
  workflowPrefetch,
} from '../shared/workflow-catalog.js';
import { claimsCatalog, claimsLeads } from './tables.js';

const TABLE = claimsLeads.name;
const NO_CLAIM: Row = { claim_id: null, claimed_by: null, claimed_at: null, claim_expires_at: null };

interface LeadContext {
  readonly tx: ProjectionTx;
  readonly lead: Row | undefined;
  readonly patch: (changes: Row) => void;
}

const endClaim = (claimId: string, { lead, patch }: LeadContext): void => {
  if (lead?.['claim_id'] === claimId) patch(NO_CLAIM);
};
const merge = (event: ProjectedEvent<LeadMerged | LeadUnmerged>, { patch }: LeadContext): void => {
  const { data } = event;
  if (data.side === 'absorbed') patch({ state: event.type === 'LeadMerged' ? 'merged' : 'active' });
  else patch({ name: 'after' in data ? data.after.name : data.restored.name });
};

type ClaimsEvent = Exclude<
  LeadEvent['type'],
  | 'NoteLogged'
  | 'JourneyStepRecorded'
  | 'RolePromoted'
  | 'ConvertedToClient'
  | 'LinkedToClient'
  | LeadEmailEventType
  | LeadOpenedType
>;

const handlers: EventHandlers<ClaimsEvent, LeadContext> = {
  LeadCreated: (event, { tx }) => {
    const { data } = event;
    const stage = tx.get(claimsCatalog.stages.name, [data.workflowId, data.stageId]);
    tx.upsert(TABLE, {
      lead_id: data.leadId,
      org_id: data.orgId,
      name: data.name,
      owner_id: data.ownerId,
      stage_category: (stage?.['category'] as string | undefined) ?? 'open',
      state: 'active',
      created_at: event.metadata.occurredAt,
    });
  },
  LeadDetailsUpdated: ({ data }, { patch }) => {
    if (data.changes.name !== undefined) patch({ name: data.changes.name });
  },
  StageChanged: ({ data }, { patch }) => patch({ stage_category: data.toCategory }),
  NextCallScheduled: ({ data }, { patch }) => patch({ next_call_at: data.at }),
  LeadAssigned: ({ data }, { patch }) => patch({ owner_id: data.ownerId }),
  LeadUnassigned: (_, { patch }) => patch({ owner_id: null }),
  LeadClaimed: ({ data }, { patch }) =>
    patch({ claim_id: data.claimId, claimed_by: data.by, claimed_at: data.at, claim_expires_at: data.expiresAt }),
  ClaimReleased: ({ data }, context) => endClaim(data.claimId, context),
  ClaimExpired: ({ data }, context) => endClaim(data.claimId, context),
  LeadMerged: merge,
  LeadUnmerged: merge,
  LeadDeleted: (_, { patch }) => patch({ state: 'deleted' }),
};

export const claimsProjector: Projector = {
  name: 'claims',
  // v2: indexes shaped for the keyset-paged SQL queries.
  version: 2,
  handles: [...handledTypes(handlers), ...WORKFLOW_EVENT_TYPES],
  tables: [claimsLeads, claimsCatalog.workflows, claimsCatalog.stages],
  prefetch: (event): readonly RowRef[] => {
    if (event.type === 'LeadCreated') {
      return [
        { table: TABLE, key: [event.data.leadId] },
        { table: claimsCatalog.stages.name, key: [event.data.workflowId, event.data.stageId] },
      ];
    }
    if (isLeadEvent(event)) return [{ table: TABLE, key: [event.data.leadId] }];
    return isWorkflowEvent(event) ? workflowPrefetch(claimsCatalog, event) : [];
  },
  apply(event, tx) {
    if (isLeadEvent(event)) {
      const key = [event.data.leadId];
      dispatch(handlers, event, { tx, lead: tx.get(TABLE, key), patch: rowPatcher(tx, TABLE, key) });
    } else if (isWorkflowEvent(event)) applyWorkflowEvent(claimsCatalog, event, tx);
  },
};
