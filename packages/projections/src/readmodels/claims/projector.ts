// The claim pool and work queue projector: who owns or holds each lead, until when, and its next call.
import type { LeadEvent } from '@leadline/domain';
import { match } from 'ts-pattern';
import type { ProjectedEvent, ProjectionTx, Projector, RowRef } from '../../projector/projector';
import type { Row } from '../../store/schema';
import { isLeadEvent, LEAD_EVENT_TYPES } from '../shared/lead-events';
import { instant } from '../shared/text';
import { applyWorkflowEvent, isWorkflowEvent, WORKFLOW_EVENT_TYPES, workflowPrefetch } from '../shared/workflow-catalog';
import { claimsCatalog, claimsLeads } from './tables';

const TABLE = claimsLeads.name;
const NO_CLAIM: Row = { claim_id: null, claimed_by: null, claimed_at: null, claim_expires_at: null };

function applyLeadEvent(event: ProjectedEvent<LeadEvent>, tx: ProjectionTx): void {
  const key = [event.data.leadId];
  const lead = tx.get(TABLE, key);
  const patch = (changes: Row): void => tx.patch(TABLE, key, changes);
  match(event)
    .with({ type: 'LeadCreated' }, ({ data }) => {
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
    })
    .with({ type: 'LeadDetailsUpdated' }, ({ data }) => {
      if (data.changes.name !== undefined) patch({ name: data.changes.name });
    })
    .with({ type: 'StageChanged' }, ({ data }) => patch({ stage_category: data.toCategory }))
    .with({ type: 'NextCallScheduled' }, ({ data }) => patch({ next_call_at: data.at === null ? null : instant(data.at) }))
    .with({ type: 'LeadAssigned' }, ({ data }) => patch({ owner_id: data.ownerId }))
    .with({ type: 'LeadUnassigned' }, () => patch({ owner_id: null }))
    .with({ type: 'LeadClaimed' }, ({ data }) =>
      patch({ claim_id: data.claimId, claimed_by: data.by, claimed_at: instant(data.at), claim_expires_at: instant(data.expiresAt) }),
    )
    .with({ type: 'ClaimReleased' }, { type: 'ClaimExpired' }, ({ data }) => {
      if (lead?.['claim_id'] === data.claimId) patch(NO_CLAIM);
    })
    .with({ type: 'LeadMerged' }, { type: 'LeadUnmerged' }, (merge) => {
      if (merge.data.side === 'survivor') {
        const details = merge.type === 'LeadMerged' ? merge.data.after : merge.data.restored;
        if (details !== undefined) patch({ name: details.name });
      } else patch({ state: merge.type === 'LeadMerged' ? 'merged' : 'active' });
    })
    .with({ type: 'LeadDeleted' }, () => patch({ state: 'deleted' }))
    .otherwise(() => undefined);
}

export const claimsProjector: Projector = {
  name: 'claims',
  version: 1,
  handles: [
    ...LEAD_EVENT_TYPES.filter((type) => !['NoteLogged', 'JourneyStepRecorded', 'RolePromoted', 'ConvertedToClient', 'LinkedToClient'].includes(type)),
    ...WORKFLOW_EVENT_TYPES,
  ],
  tables: [claimsLeads, claimsCatalog.workflows, claimsCatalog.stages],
  prefetch: (event): readonly RowRef[] => {
    if (event.type === 'LeadCreated') {
      return [{ table: TABLE, key: [event.data.leadId] }, { table: claimsCatalog.stages.name, key: [event.data.workflowId, event.data.stageId] }];
    }
    if (isLeadEvent(event)) return [{ table: TABLE, key: [event.data.leadId] }];
    return isWorkflowEvent(event) ? workflowPrefetch(claimsCatalog, event) : [];
  },
  apply(event, tx) {
    if (isLeadEvent(event)) applyLeadEvent(event, tx);
    else if (isWorkflowEvent(event)) applyWorkflowEvent(claimsCatalog, event, tx);
  },
};
