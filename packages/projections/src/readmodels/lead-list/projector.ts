// The lead lists' projector: one row per lead with every field a list view reads, its custom field
// values beside it, and whether it is unread for its owner.
import { ERASED_VALUE, type CustomFieldValue, type LeadDetails, type LeadEvent } from '@leadline/domain';
import type { EventHandlers } from '../../projector/handlers.js';
import { dispatch, handledTypes } from '../../projector/handlers.js';
import type { ProjectedEvent, ProjectionTx, Projector, RowRef } from '../../projector/projector.js';
import { eq, notNull } from '../../store/query.js';
import type { Row } from '../../store/schema.js';
import { erasedDetailChanges } from '../shared/erasure.js';
import { detailsAfterMerge, isLeadEvent, rowPatcher } from '../shared/lead-events.js';
import { foldText } from '../shared/text.js';
import {
  applyWorkflowEvent,
  isWorkflowEvent,
  WORKFLOW_EVENT_TYPES,
  workflowPrefetch,
} from '../shared/workflow-catalog.js';
import { leadListCatalog, leadListCustomValues, leadListLeads } from './tables.js';

const LEADS = leadListLeads.name;
const CUSTOM = leadListCustomValues.name;
const STAGES = leadListCatalog.stages.name;

const folded = (value: string | null): string | null => (value === null ? null : foldText(value));

const detailColumns = (details: Partial<Omit<LeadDetails, 'customFields'>>): Row => {
  const columns: Record<string, string | number | null> = {};
  if (details.name !== undefined) Object.assign(columns, { name: details.name, name_folded: foldText(details.name) });
  if (details.company !== undefined)
    Object.assign(columns, { company: details.company, company_folded: folded(details.company) });
  if (details.email !== undefined) columns['email'] = details.email;
  if (details.phone !== undefined) columns['phone'] = details.phone;
  if (details.source !== undefined) columns['source'] = details.source;
  if (details.rating !== undefined) columns['rating'] = details.rating;
  if (details.expectedSaleDate !== undefined) columns['expected_sale_date'] = details.expectedSaleDate;
  if (details.estimatedValue !== undefined) {
    columns['estimated_value_minor'] = details.estimatedValue?.amountMinor ?? null;
    columns['currency'] = details.estimatedValue?.currency ?? null;
  }
  return columns;
};

/** A custom value as its row keeps it: numbers (and booleans as 1 / 0) apart from text. */
const customRow = (orgId: string, leadId: string, key: string, value: CustomFieldValue | null): Row => {
  // A multiple choice is kept as its options joined, the text a list shows and filters.
  const text = typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : null;
  return {
    lead_id: leadId,
    field_key: key,
    org_id: orgId,
    text_value: text,
    folded_value: text === null ? null : foldText(text),
    number_value: typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : null,
  };
};

interface LeadContext {
  readonly tx: ProjectionTx;
  readonly lead: Row | undefined;
  readonly patch: (changes: Row) => void;
}

const setCustomValues = (
  { tx, lead }: LeadContext,
  leadId: string,
  values: Readonly<Record<string, CustomFieldValue | null>>,
): void => {
  const orgId = lead?.['org_id'];
  if (typeof orgId !== 'string') return;
  for (const [key, value] of Object.entries(values)) tx.upsert(CUSTOM, customRow(orgId, leadId, key, value));
};

const mergeChanges = (merge: ProjectedEvent<LeadEvent>, context: LeadContext): void => {
  const details = detailsAfterMerge(merge);
  if (details === null) {
    context.patch({ state: merge.type === 'LeadMerged' ? 'merged' : 'active' });
    return;
  }
  context.patch(detailColumns(details));
  // The survivor's custom values are exactly the merged ones: clear them all, then set those it has.
  context.tx.updateWhere(CUSTOM, [eq('lead_id', merge.data.leadId)], {
    text_value: null,
    folded_value: null,
    number_value: null,
  });
  setCustomValues(context, merge.data.leadId, details.customFields);
};
const endClaim = (claimId: string, { lead, patch }: LeadContext): void => {
  if (lead?.['claim_id'] === claimId) patch({ claim_id: null, claimed_by: null, claim_expires_at: null });
};
const nothing = (): void => undefined;
/** Changes nothing a list shows but the lead's last activity (and whether it is unread). */
const touch = (_event: unknown, { patch }: LeadContext): void => patch({});

const leadHandlers: EventHandlers<LeadEvent['type'], LeadContext> = {
  LeadCreated: (event, { tx }) => {
    const { data } = event;
    const stage = tx.get(STAGES, [data.workflowId, data.stageId]);
    tx.upsert(LEADS, {
      lead_id: data.leadId,
      org_id: data.orgId,
      state: 'active',
      workflow_id: data.workflowId,
      stage_id: data.stageId,
      stage_name: typeof stage?.['name'] === 'string' ? stage['name'] : data.stageId,
      stage_category: typeof stage?.['category'] === 'string' ? stage['category'] : 'open',
      ...detailColumns(data),
      owner_id: data.ownerId,
      role: 'Lead',
      client_id: data.clientId,
      converted: false,
      created_at: event.metadata.occurredAt,
      last_activity_at: event.metadata.occurredAt,
      unread: data.ownerId !== null && data.ownerId !== event.metadata.actorId,
    });
    for (const [key, value] of Object.entries(data.customFields))
      tx.upsert(CUSTOM, customRow(data.orgId, data.leadId, key, value));
  },
  LeadDetailsUpdated: ({ data }, context) => {
    context.patch(detailColumns(data.changes));
    setCustomValues(context, data.leadId, data.customFields);
  },
  StageChanged: ({ data }, { patch }) =>
    patch({
      workflow_id: data.workflowId,
      stage_id: data.to,
      stage_name: data.toName,
      stage_category: data.toCategory,
    }),
  NextCallScheduled: ({ data }, { patch }) => patch({ next_call_at: data.at }),
  LeadAssigned: ({ data }, { patch }) => patch({ owner_id: data.ownerId }),
  LeadUnassigned: (_, { patch }) => patch({ owner_id: null }),
  LeadClaimed: ({ data }, { patch }) =>
    patch({ claim_id: data.claimId, claimed_by: data.by, claim_expires_at: data.expiresAt }),
  ClaimReleased: ({ data }, context) => endClaim(data.claimId, context),
  ClaimExpired: ({ data }, context) => endClaim(data.claimId, context),
  RolePromoted: ({ data }, { patch }) => patch({ role: data.to }),
  ConvertedToClient: ({ data }, { patch }) => patch({ client_id: data.clientId, converted: true }),
  LinkedToClient: ({ data }, { patch }) => patch({ client_id: data.clientId }),
  ContactErased: ({ data }, { tx, lead, patch }) => {
    patch(detailColumns(erasedDetailChanges(lead)));
    // Text and list custom values were sealed: a rebuild reads them as the placeholder.
    tx.updateWhere(CUSTOM, [eq('lead_id', data.leadId), notNull('text_value')], {
      text_value: ERASED_VALUE,
      folded_value: foldText(ERASED_VALUE),
    });
  },
  LeadMerged: mergeChanges,
  LeadUnmerged: mergeChanges,
  LeadDeleted: (_, { patch }) => patch({ state: 'deleted' }),
  NoteLogged: touch,
  JourneyStepRecorded: touch,
  EmailQueued: touch,
  EmailOptedOut: touch,
  // Opening is no change (applyLeadEvent): the owner opening it reads it.
  LeadOpened: nothing,
  EmailSendAttempted: nothing,
  EmailSent: nothing,
  EmailSendFailed: nothing,
};

/** What the outbox and claim expiry record is not a change someone made: it neither counts as activity to read. */
const UNATTENDED: ReadonlySet<string> = new Set(['EmailSendAttempted', 'EmailSent', 'EmailSendFailed', 'ClaimExpired']);

/**
 * Unread for the owner (the rule of lead_details, kept here as one column so lists filter and index it):
 * the owner opening it (LeadOpened) reads it; a change by anyone else makes it unread; the owner's own
 * changes leave it as it was. With no owner there is no one for it to be unread for.
 */
function unreadAfter(event: ProjectedEvent<LeadEvent>, lead: Row | undefined): Row {
  const ownerId =
    event.type === 'LeadAssigned' ? event.data.ownerId : event.type === 'LeadUnassigned' ? null : lead?.['owner_id'];
  if (ownerId === null || ownerId === undefined) return { unread: false };
  if (event.type === 'LeadOpened') return event.data.by === ownerId ? { unread: false } : {};
  return ownerId === event.metadata.actorId ? {} : { unread: true };
}

function applyLeadEvent(event: ProjectedEvent<LeadEvent>, tx: ProjectionTx): void {
  const key = [event.data.leadId];
  const lead = tx.get(LEADS, key);
  if (event.type === 'LeadOpened') {
    // Opening is not activity: only whether the lead is unread may change.
    const read = unreadAfter(event, lead);
    if (Object.keys(read).length > 0) tx.patch(LEADS, key, read);
    return;
  }
  const touched = UNATTENDED.has(event.type)
    ? undefined
    : { last_activity_at: event.metadata.occurredAt, ...unreadAfter(event, lead) };
  dispatch(leadHandlers, event, { tx, lead, patch: rowPatcher(tx, LEADS, key, touched) });
}

function applyCatalogEvent(event: ProjectedEvent, tx: ProjectionTx): void {
  if (!isWorkflowEvent(event)) return;
  applyWorkflowEvent(leadListCatalog, event, tx);
  // A renamed stage shows its new name on every lead in it.
  if (event.type === 'WorkflowStageRenamed')
    tx.updateWhere(LEADS, [eq('workflow_id', event.data.workflowId), eq('stage_id', event.data.stageId)], {
      stage_name: event.data.name,
    });
}

export const leadListProjector: Projector = {
  name: 'lead_list',
  // 2: rating is text (hot / warm / cold), was 1–5.
  version: 2,
  handles: [...handledTypes(leadHandlers), ...WORKFLOW_EVENT_TYPES],
  tables: [leadListLeads, leadListCustomValues, leadListCatalog.workflows, leadListCatalog.stages],
  prefetch: (event): readonly RowRef[] => {
    if (event.type === 'LeadOpened') return [{ table: LEADS, key: [event.data.leadId] }];
    if (isLeadEvent(event)) {
      const lead = { table: LEADS, key: [event.data.leadId] };
      return event.type === 'LeadCreated'
        ? [lead, { table: STAGES, key: [event.data.workflowId, event.data.stageId] }]
        : [lead];
    }
    return isWorkflowEvent(event) ? workflowPrefetch(leadListCatalog, event) : [];
  },
  apply(event, tx) {
    if (isLeadEvent(event) || event.type === 'LeadOpened') applyLeadEvent(event, tx);
    else applyCatalogEvent(event, tx);
  },
};
