// The lead-detail projector: every field of a lead for its detail page, its notes, and who opened it
// when. Unread is kept as positions: the last change, who made it, and the last change by anyone else.
import { ERASED_VALUE, type LeadDetails, type LeadEvent } from '@leadline/domain';
import type { EventHandlers } from '../../projector/handlers.js';
import { dispatch, handledTypes } from '../../projector/handlers.js';
import type { ProjectedEvent, ProjectionTx, Projector, RowRef } from '../../projector/projector.js';
import type { Row } from '../../store/schema.js';
import { eq } from '../../store/query.js';
import { erased, erasedCustomFields, erasedDetailChanges } from '../shared/erasure.js';
import { detailsAfterMerge, isLeadEvent, type LeadOpenedType } from '../shared/lead-events.js';
import {
  applyWorkflowEvent,
  isWorkflowEvent,
  WORKFLOW_EVENT_TYPES,
  workflowPrefetch,
} from '../shared/workflow-catalog.js';
import { leadDetailNotes, leadDetails, leadDetailsCatalog, leadReads } from './tables.js';

const TABLE = leadDetails.name;

/** The outbox reporting on an email someone queued: news of delivery, not a change someone else made. */
const DELIVERY_REPORTS: ReadonlySet<string> = new Set(['EmailSendAttempted', 'EmailSent', 'EmailSendFailed']);

const detailColumns = (details: Partial<LeadDetails>): Row => {
  const columns: Record<string, string | number | null> = {};
  if (details.name !== undefined) columns['name'] = details.name;
  if (details.email !== undefined) columns['email'] = details.email;
  if (details.phone !== undefined) columns['phone'] = details.phone;
  if (details.company !== undefined) columns['company'] = details.company;
  if (details.source !== undefined) columns['source'] = details.source;
  if (details.notes !== undefined) columns['notes'] = details.notes;
  if (details.rating !== undefined) columns['rating'] = details.rating;
  if (details.estimatedValue !== undefined) {
    columns['estimated_value_minor'] = details.estimatedValue?.amountMinor ?? null;
    columns['currency'] = details.estimatedValue?.currency ?? null;
  }
  if (details.expectedSaleDate !== undefined) columns['expected_sale_date'] = details.expectedSaleDate;
  if (details.customFields !== undefined) columns['custom_fields'] = JSON.stringify(details.customFields);
  return columns;
};

/** Custom field values after a change: a value sets, null removes, absent keys stay. */
const customFieldsAfter = (current: Row | undefined, changes: Readonly<Record<string, unknown>>): string => {
  const before = typeof current?.['custom_fields'] === 'string' ? (JSON.parse(current['custom_fields']) as object) : {};
  const after = Object.fromEntries(
    Object.entries({ ...before, ...changes }).filter((entry) => entry[1] !== null && entry[1] !== undefined),
  );
  return JSON.stringify(after);
};

interface LeadContext {
  readonly tx: ProjectionTx;
  readonly lead: Row | undefined;
  readonly patch: (changes: Row) => void;
}

const endClaim = (claimId: string, { lead, patch }: LeadContext): void => {
  if (lead?.['claim_id'] === claimId) patch({ claim_id: null, claimed_by: null, claim_expires_at: null });
};
const merge = (event: ProjectedEvent<LeadEvent>, { patch }: LeadContext): void => {
  const details = detailsAfterMerge(event);
  if (details !== null) patch(detailColumns(details));
  else patch({ state: event.type === 'LeadMerged' ? 'merged' : 'active' });
};
const nothing = (): void => undefined;

type DetailEvent = Exclude<LeadEvent['type'], LeadOpenedType>;

const handlers: EventHandlers<DetailEvent, LeadContext> = {
  LeadCreated: (event, { tx }) => {
    const { data, metadata } = event;
    tx.upsert(TABLE, {
      lead_id: data.leadId,
      org_id: data.orgId,
      ...detailColumns(data),
      owner_id: data.ownerId,
      client_id: data.clientId,
      role: 'Lead',
      workflow_id: data.workflowId,
      stage_id: data.stageId,
      state: 'active',
      created_at: metadata.occurredAt,
      created_by: metadata.actorId,
      last_activity_at: metadata.occurredAt,
      last_change_position: Number(event.position),
      last_change_by: metadata.actorId,
      other_change_position: null,
    });
  },
  LeadDetailsUpdated: ({ data }, { lead, patch }) =>
    patch({ ...detailColumns(data.changes), custom_fields: customFieldsAfter(lead, data.customFields) }),
  StageChanged: ({ data }, { patch }) => patch({ workflow_id: data.workflowId, stage_id: data.to }),
  NextCallScheduled: ({ data }, { patch }) => patch({ next_call_at: data.at, next_call_note: data.note }),
  NoteLogged: (event, { tx }) =>
    tx.upsert(leadDetailNotes.name, {
      lead_id: event.data.leadId,
      note_id: event.data.noteId,
      org_id: event.metadata.orgId,
      text: event.data.text,
      outcome: event.data.outcome,
      logged_at: event.metadata.occurredAt,
      logged_by: event.metadata.actorId,
      position: Number(event.position),
    }),
  JourneyStepRecorded: nothing,
  LeadAssigned: ({ data }, { patch }) =>
    patch({ owner_id: data.ownerId, claim_id: null, claimed_by: null, claim_expires_at: null }),
  LeadUnassigned: (_, { patch }) => patch({ owner_id: null }),
  LeadClaimed: ({ data }, { patch }) =>
    patch({ claim_id: data.claimId, claimed_by: data.by, claim_expires_at: data.expiresAt }),
  ClaimReleased: ({ data }, context) => endClaim(data.claimId, context),
  ClaimExpired: ({ data }, context) => endClaim(data.claimId, context),
  RolePromoted: ({ data }, { patch }) => patch({ role: data.to }),
  ConvertedToClient: ({ data }, { patch }) => patch({ client_id: data.clientId, role: 'Client' }),
  LinkedToClient: ({ data }, { patch }) => patch({ client_id: data.clientId }),
  LeadMerged: merge,
  LeadUnmerged: merge,
  LeadDeleted: (_, { patch }) => patch({ state: 'deleted' }),
  // What a rebuild shows once the key is gone: the placeholder wherever a sealed value stood.
  ContactErased: ({ data }, { tx, lead, patch }) => {
    patch({
      ...detailColumns(erasedDetailChanges(lead)),
      notes: erased(lead?.['notes']),
      next_call_note: erased(lead?.['next_call_note']),
      ...(typeof lead?.['custom_fields'] === 'string'
        ? { custom_fields: erasedCustomFields(lead['custom_fields']) }
        : {}),
    });
    tx.updateWhere(leadDetailNotes.name, [eq('lead_id', data.leadId)], { text: ERASED_VALUE });
  },
  EmailQueued: nothing,
  EmailSendAttempted: nothing,
  EmailSent: nothing,
  EmailSendFailed: nothing,
  EmailOptedOut: nothing,
};

/** The change bookkeeping of one event by `actor` at `position`, on the lead as it stood. */
const changeColumns = (lead: Row, actor: string, position: number): Row =>
  lead['last_change_by'] === actor
    ? { last_change_position: position }
    : {
        last_change_position: position,
        last_change_by: actor,
        other_change_position: lead['last_change_position'] ?? null,
      };

function applyLeadEvent(
  event: ProjectedEvent<Exclude<LeadEvent, { readonly type: LeadOpenedType }>>,
  tx: ProjectionTx,
) {
  const key = [event.data.leadId];
  const lead = tx.get(TABLE, key);
  dispatch(handlers, event, { tx, lead, patch: (changes: Row) => tx.patch(TABLE, key, changes) });
  if (event.type === 'LeadCreated' || lead === undefined) return;
  const activity: Row = { last_activity_at: event.metadata.occurredAt };
  tx.patch(
    TABLE,
    key,
    DELIVERY_REPORTS.has(event.type)
      ? activity
      : { ...activity, ...changeColumns(lead, event.metadata.actorId, Number(event.position)) },
  );
}

export const leadDetailsProjector: Projector = {
  name: 'lead_details',
  // 2: rating is text (hot / warm / cold), was 1–5.
  version: 2,
  handles: [...handledTypes(handlers), 'LeadOpened', ...WORKFLOW_EVENT_TYPES],
  tables: [leadDetails, leadDetailNotes, leadReads, leadDetailsCatalog.workflows, leadDetailsCatalog.stages],
  prefetch: (event): readonly RowRef[] => {
    if (isLeadEvent(event)) return [{ table: TABLE, key: [event.data.leadId] }];
    return isWorkflowEvent(event) ? workflowPrefetch(leadDetailsCatalog, event) : [];
  },
  apply(event, tx) {
    if (event.type === 'LeadOpened') {
      tx.upsert(leadReads.name, {
        lead_id: event.data.leadId,
        user_id: event.data.by,
        org_id: event.metadata.orgId,
        read_position: Number(event.position),
        read_at: event.metadata.occurredAt,
      });
    } else if (isLeadEvent(event)) applyLeadEvent(event, tx);
    else if (isWorkflowEvent(event)) applyWorkflowEvent(leadDetailsCatalog, event, tx);
  },
};
