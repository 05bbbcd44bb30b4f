// The pipeline board projector: every lead's place in its workflow and what the board shows of it.
import type { LeadDetails, LeadEvent, OrganisationEvent } from '@leadline/domain';
import { match } from 'ts-pattern';
import type { ProjectedEvent, ProjectionTx, Projector, RowRef } from '../../projector/projector';
import type { Row } from '../../store/schema';
import { detailsAfterMerge, isLeadEvent, LEAD_EVENT_TYPES } from '../shared/lead-events';
import { foldText, instant } from '../shared/text';
import { applyWorkflowEvent, isWorkflowEvent, WORKFLOW_EVENT_TYPES, workflowPrefetch } from '../shared/workflow-catalog';
import { pipelineBoardCatalog, pipelineBoardLeads, pipelineBoardOrganisations } from './tables';

const LEADS = pipelineBoardLeads.name;

const searchText = (name: unknown, company: unknown, email: unknown): string =>
  foldText([name, company, email].filter((part) => typeof part === 'string' && part !== '').join(' '));

const detailColumns = (details: Partial<Omit<LeadDetails, 'customFields'>>, before: Row): Row => {
  const columns: Record<string, string | number | null> = {};
  if (details.name !== undefined) columns['name'] = details.name;
  if (details.company !== undefined) columns['company'] = details.company;
  if (details.email !== undefined) columns['email'] = details.email;
  if (details.source !== undefined) columns['source'] = details.source;
  if (details.estimatedValue !== undefined) {
    columns['estimated_value_minor'] = details.estimatedValue?.amountMinor ?? null;
    columns['currency'] = details.estimatedValue?.currency ?? null;
  }
  const after = { ...before, ...columns };
  columns['search_text'] = searchText(after['name'], after['company'], after['email']);
  return columns;
};

function applyLeadEvent(event: ProjectedEvent<LeadEvent>, tx: ProjectionTx): void {
  const key = [event.data.leadId];
  const lead = tx.get(LEADS, key);
  const touched = { updated_at: event.metadata.occurredAt };
  const patch = (changes: Row): void => tx.patch(LEADS, key, { ...changes, ...touched });
  match(event)
    .with({ type: 'LeadCreated' }, ({ data }) =>
      tx.upsert(LEADS, {
        lead_id: data.leadId,
        org_id: data.orgId,
        workflow_id: data.workflowId,
        stage_id: data.stageId,
        name: data.name,
        company: data.company,
        email: data.email,
        source: data.source,
        owner_id: data.ownerId,
        estimated_value_minor: data.estimatedValue?.amountMinor ?? null,
        currency: data.estimatedValue?.currency ?? null,
        role: 'Lead',
        client_id: data.clientId,
        state: 'active',
        search_text: searchText(data.name, data.company, data.email),
        created_at: event.metadata.occurredAt,
        ...touched,
      }),
    )
    .with({ type: 'LeadDetailsUpdated' }, ({ data }) => {
      if (lead !== undefined) patch(detailColumns(data.changes, lead));
    })
    .with({ type: 'StageChanged' }, ({ data }) => patch({ workflow_id: data.workflowId, stage_id: data.to }))
    .with({ type: 'NextCallScheduled' }, ({ data }) => patch({ next_call_at: data.at === null ? null : instant(data.at) }))
    .with({ type: 'LeadAssigned' }, ({ data }) => patch({ owner_id: data.ownerId }))
    .with({ type: 'LeadUnassigned' }, () => patch({ owner_id: null }))
    .with({ type: 'LeadClaimed' }, ({ data }) =>
      patch({ claim_id: data.claimId, claimed_by: data.by, claim_expires_at: instant(data.expiresAt) }),
    )
    .with({ type: 'ClaimReleased' }, { type: 'ClaimExpired' }, ({ data }) => {
      if (lead?.['claim_id'] === data.claimId) patch({ claim_id: null, claimed_by: null, claim_expires_at: null });
    })
    .with({ type: 'RolePromoted' }, ({ data }) => patch({ role: data.to }))
    .with({ type: 'ConvertedToClient' }, { type: 'LinkedToClient' }, ({ data }) => patch({ client_id: data.clientId }))
    .with({ type: 'LeadMerged' }, { type: 'LeadUnmerged' }, (merge) => {
      const details = detailsAfterMerge(merge);
      if (details !== null && lead !== undefined) patch(detailColumns(details, lead));
      else if (details === null) patch({ state: merge.type === 'LeadMerged' ? 'merged' : 'active' });
    })
    .with({ type: 'LeadDeleted' }, () => patch({ state: 'deleted' }))
    .with({ type: 'NoteLogged' }, { type: 'JourneyStepRecorded' }, () => undefined)
    .exhaustive();
}

function applyOrganisationEvent(event: ProjectedEvent<OrganisationEvent>, tx: ProjectionTx): void {
  const table = pipelineBoardOrganisations.name;
  match(event)
    .with({ type: 'OrganisationCreated' }, ({ data }) => tx.upsert(table, { org_id: data.orgId, name: data.name }))
    .with({ type: 'OrganisationSettingsChanged' }, () => undefined)
    .with({ type: 'DefaultWorkflowSet' }, ({ data }) => {
      if (tx.get(table, [data.orgId]) === undefined) tx.upsert(table, { org_id: data.orgId, default_workflow_id: data.workflowId });
      else tx.patch(table, [data.orgId], { default_workflow_id: data.workflowId });
    })
    .exhaustive();
}

export const pipelineBoardProjector: Projector = {
  name: 'pipeline_board',
  version: 1,
  handles: [...LEAD_EVENT_TYPES, ...WORKFLOW_EVENT_TYPES, 'OrganisationCreated', 'DefaultWorkflowSet'],
  tables: [pipelineBoardLeads, pipelineBoardCatalog.workflows, pipelineBoardCatalog.stages, pipelineBoardOrganisations],
  prefetch: (event): readonly RowRef[] => {
    if (isLeadEvent(event)) return [{ table: LEADS, key: [event.data.leadId] }];
    if (isWorkflowEvent(event)) return workflowPrefetch(pipelineBoardCatalog, event);
    return event.type === 'DefaultWorkflowSet' ? [{ table: pipelineBoardOrganisations.name, key: [event.data.orgId] }] : [];
  },
  apply(event, tx) {
    if (isLeadEvent(event)) applyLeadEvent(event, tx);
    else if (isWorkflowEvent(event)) applyWorkflowEvent(pipelineBoardCatalog, event, tx);
    else applyOrganisationEvent(event as ProjectedEvent<OrganisationEvent>, tx);
  },
};
