// The pipeline board projector: every lead's place in its workflow and what the board shows of it.
import type { LeadDetails, LeadEvent, OrganisationEvent } from '@leadline/domain';
import type { EventHandlers } from '../../projector/handlers.js';
import { dispatch, handledTypes } from '../../projector/handlers.js';
import type { ProjectedEvent, ProjectionTx, Projector, RowRef } from '../../projector/projector.js';
import type { Row } from '../../store/schema.js';
import {
  detailsAfterMerge,
  isLeadEvent,
  rowPatcher,
  type LeadEmailEventType,
  type LeadOpenedType,
} from '../shared/lead-events.js';
import { erasedDetailChanges } from '../shared/erasure.js';
import { foldText } from '../shared/text.js';
import {
  applyWorkflowEvent,
  isWorkflowEvent,
  WORKFLOW_EVENT_TYPES,
  workflowPrefetch,
} from '../shared/workflow-catalog.js';
import { boardTotalsPrefetch, keepBoardTotals } from './totals.js';
import { pipelineBoardCatalog, pipelineBoardLeads, pipelineBoardOrganisations, pipelineBoardTotals } from './tables.js';

const LEADS = pipelineBoardLeads.name;
const ORGANISATIONS = pipelineBoardOrganisations.name;

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

interface LeadContext {
  readonly tx: ProjectionTx;
  readonly lead: Row | undefined;
  readonly patch: (changes: Row) => void;
}

const mergeChanges = (merge: ProjectedEvent<LeadEvent>, { lead, patch }: LeadContext): void => {
  const details = detailsAfterMerge(merge);
  if (details !== null && lead !== undefined) patch(detailColumns(details, lead));
  else if (details === null) patch({ state: merge.type === 'LeadMerged' ? 'merged' : 'active' });
};
const endClaim = (claimId: string, { lead, patch }: LeadContext): void => {
  if (lead?.['claim_id'] === claimId) patch({ claim_id: null, claimed_by: null, claim_expires_at: null });
};
const nothing = (): void => undefined;

const leadHandlers: EventHandlers<Exclude<LeadEvent['type'], LeadEmailEventType | LeadOpenedType>, LeadContext> = {
  LeadCreated: (event, { tx }) => {
    const { data } = event;
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
      updated_at: event.metadata.occurredAt,
    });
  },
  LeadDetailsUpdated: ({ data }, { lead, patch }) => {
    if (lead !== undefined) patch(detailColumns(data.changes, lead));
  },
  StageChanged: ({ data }, { patch }) => patch({ workflow_id: data.workflowId, stage_id: data.to }),
  NextCallScheduled: ({ data }, { patch }) => patch({ next_call_at: data.at }),
  LeadAssigned: ({ data }, { patch }) => patch({ owner_id: data.ownerId }),
  LeadUnassigned: (_, { patch }) => patch({ owner_id: null }),
  LeadClaimed: ({ data }, { patch }) =>
    patch({ claim_id: data.claimId, claimed_by: data.by, claim_expires_at: data.expiresAt }),
  ClaimReleased: ({ data }, context) => endClaim(data.claimId, context),
  ClaimExpired: ({ data }, context) => endClaim(data.claimId, context),
  RolePromoted: ({ data }, { patch }) => patch({ role: data.to }),
  ConvertedToClient: ({ data }, { patch }) => patch({ client_id: data.clientId }),
  LinkedToClient: ({ data }, { patch }) => patch({ client_id: data.clientId }),
  LeadMerged: mergeChanges,
  LeadUnmerged: mergeChanges,
  LeadDeleted: (_, { patch }) => patch({ state: 'deleted' }),
  ContactErased: (_, { lead, patch }) => {
    if (lead !== undefined) patch(detailColumns(erasedDetailChanges(lead), lead));
  },
  NoteLogged: nothing,
  JourneyStepRecorded: nothing,
};

function applyLeadEvent(event: ProjectedEvent<LeadEvent>, tx: ProjectionTx): void {
  const key = [event.data.leadId];
  const touched = { updated_at: event.metadata.occurredAt };
  const before = tx.get(LEADS, key);
  dispatch(leadHandlers, event, { tx, lead: before, patch: rowPatcher(tx, LEADS, key, touched) });
  keepBoardTotals(tx, event.metadata.orgId, before, tx.get(LEADS, key));
}

const organisationHandlers: EventHandlers<OrganisationEvent['type'], ProjectionTx> = {
  OrganisationCreated: ({ data }, tx) => tx.upsert(ORGANISATIONS, { org_id: data.orgId, name: data.name }),
  OrganisationSettingsChanged: nothing,
  CustomFieldDefined: nothing,
  CustomFieldChanged: nothing,
  CustomFieldRetired: nothing,
  FieldLayoutSet: nothing,
  RetentionPolicySet: nothing,
  DefaultWorkflowSet: ({ data }, tx) => {
    if (tx.get(ORGANISATIONS, [data.orgId]) === undefined)
      tx.upsert(ORGANISATIONS, { org_id: data.orgId, default_workflow_id: data.workflowId });
    else tx.patch(ORGANISATIONS, [data.orgId], { default_workflow_id: data.workflowId });
  },
};

export const pipelineBoardProjector: Projector = {
  name: 'pipeline_board',
  // v2: indexes shaped for the keyset-paged SQL queries. v3: per-stage totals kept as leads move. v4: totals
  // per owner too, and an index of live claims, so a rep's board reads kept rows instead of every lead.
  // v5: totals per recorded claim too, so a rep's board reads their own claims and the pool's lapsed ones
  // instead of every live claim.
  version: 5,
  handles: [...handledTypes(leadHandlers), ...WORKFLOW_EVENT_TYPES, 'OrganisationCreated', 'DefaultWorkflowSet'],
  tables: [
    pipelineBoardLeads,
    pipelineBoardCatalog.workflows,
    pipelineBoardCatalog.stages,
    pipelineBoardOrganisations,
    pipelineBoardTotals,
  ],
  prefetch: (event): readonly RowRef[] => {
    if (isLeadEvent(event)) return [{ table: LEADS, key: [event.data.leadId] }, boardTotalsPrefetch(event)];
    if (isWorkflowEvent(event)) return workflowPrefetch(pipelineBoardCatalog, event);
    return event.type === 'DefaultWorkflowSet' ? [{ table: ORGANISATIONS, key: [event.data.orgId] }] : [];
  },
  apply(event, tx) {
    if (isLeadEvent(event)) applyLeadEvent(event, tx);
    else if (isWorkflowEvent(event)) applyWorkflowEvent(pipelineBoardCatalog, event, tx);
    else dispatch(organisationHandlers, event, tx);
  },
};
