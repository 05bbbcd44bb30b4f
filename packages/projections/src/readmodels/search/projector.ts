// The search projector: the keys a lead is found by (name prefix, email, phone digits).
import type { LeadDetails, LeadEvent } from '@leadline/domain';
import { match } from 'ts-pattern';
import type { ProjectedEvent, ProjectionTx, Projector } from '../../projector/projector';
import type { Row } from '../../store/schema';
import { detailsAfterMerge, isLeadEvent, LEAD_EVENT_TYPES } from '../shared/lead-events';
import { foldText, instant, phoneDigits } from '../shared/text';
import { searchTable } from './tables';

const TABLE = searchTable.name;

function keys(details: Partial<Omit<LeadDetails, 'customFields'>>): Row {
  const columns: Record<string, string | null> = {};
  if (details.name !== undefined) {
    columns['name'] = details.name;
    columns['name_words'] = ` ${foldText(details.name)}`;
  }
  if (details.company !== undefined) columns['company'] = details.company;
  if (details.email !== undefined) columns['email'] = details.email === null ? null : details.email.trim().toLowerCase();
  if (details.phone !== undefined) {
    columns['phone'] = details.phone;
    columns['phone_digits'] = details.phone === null ? null : phoneDigits(details.phone);
  }
  return columns;
}

function applyLeadEvent(event: ProjectedEvent<LeadEvent>, tx: ProjectionTx): void {
  const key = [event.data.leadId];
  const patch = (changes: Row): void => tx.patch(TABLE, key, changes);
  match(event)
    .with({ type: 'LeadCreated' }, ({ data }) =>
      tx.upsert(TABLE, { lead_id: data.leadId, org_id: data.orgId, owner_id: data.ownerId, state: 'active', ...keys(data) }),
    )
    .with({ type: 'LeadDetailsUpdated' }, ({ data }) => patch(keys(data.changes)))
    .with({ type: 'LeadAssigned' }, ({ data }) => patch({ owner_id: data.ownerId }))
    .with({ type: 'LeadUnassigned' }, () => patch({ owner_id: null }))
    .with({ type: 'LeadClaimed' }, ({ data }) => patch({ claimed_by: data.by, claim_expires_at: instant(data.expiresAt) }))
    .with({ type: 'ClaimReleased' }, { type: 'ClaimExpired' }, () => patch({ claimed_by: null, claim_expires_at: null }))
    .with({ type: 'LeadMerged' }, { type: 'LeadUnmerged' }, (merge) => {
      const details = detailsAfterMerge(merge);
      patch(details !== null ? keys(details) : { state: merge.type === 'LeadMerged' ? 'merged' : 'active' });
    })
    .with({ type: 'LeadDeleted' }, () => patch({ state: 'deleted' }))
    .otherwise(() => undefined);
}

export const searchProjector: Projector = {
  name: 'search',
  version: 1,
  handles: [
    'LeadCreated',
    'LeadDetailsUpdated',
    'LeadAssigned',
    'LeadUnassigned',
    'LeadClaimed',
    'ClaimReleased',
    'ClaimExpired',
    'LeadMerged',
    'LeadUnmerged',
    'LeadDeleted',
  ] satisfies (typeof LEAD_EVENT_TYPES)[number][],
  tables: [searchTable],
  prefetch: (event) => ('leadId' in event.data ? [{ table: TABLE, key: [event.data.leadId] }] : []),
  apply(event, tx) {
    if (isLeadEvent(event)) applyLeadEvent(event, tx);
  },
};
