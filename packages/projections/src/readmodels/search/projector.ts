// The search projector: the keys a lead is found by (name prefix, email, phone digits).
import type { LeadDetails, LeadMerged, LeadUnmerged } from '@leadline/domain';
import type { EventHandlers } from '../../projector/handlers.js';
import { dispatch, handledTypes } from '../../projector/handlers.js';
import type { ProjectedEvent, Projector } from '../../projector/projector.js';
import type { Row } from '../../store/schema.js';
import { detailsAfterMerge, isLeadEvent } from '../shared/lead-events.js';
import { foldText, phoneDigits } from '../shared/text.js';
import { searchTable } from './tables.js';

const TABLE = searchTable.name;

function keys(details: Partial<Omit<LeadDetails, 'customFields'>>): Row {
  const columns: Record<string, string | null> = {};
  if (details.name !== undefined) {
    columns['name'] = details.name;
    columns['name_words'] = ` ${foldText(details.name)}`;
  }
  if (details.company !== undefined) columns['company'] = details.company;
  if (details.email !== undefined)
    columns['email'] = details.email === null ? null : details.email.trim().toLowerCase();
  if (details.phone !== undefined) {
    columns['phone'] = details.phone;
    columns['phone_digits'] = details.phone === null ? null : phoneDigits(details.phone);
  }
  return columns;
}

type Patch = (changes: Row) => void;
const merge = (event: ProjectedEvent<LeadMerged | LeadUnmerged>, patch: Patch): void => {
  const details = detailsAfterMerge(event);
  patch(details !== null ? keys(details) : { state: event.type === 'LeadMerged' ? 'merged' : 'active' });
};
const noClaim = (_: unknown, patch: Patch): void => patch({ claimed_by: null, claim_expires_at: null });

const handlers: EventHandlers<SearchedEvent, Patch> = {
  LeadDetailsUpdated: ({ data }, patch) => patch(keys(data.changes)),
  LeadAssigned: ({ data }, patch) => patch({ owner_id: data.ownerId }),
  LeadUnassigned: (_, patch) => patch({ owner_id: null }),
  LeadClaimed: ({ data }, patch) => patch({ claimed_by: data.by, claim_expires_at: data.expiresAt }),
  ClaimReleased: noClaim,
  ClaimExpired: noClaim,
  LeadMerged: merge,
  LeadUnmerged: merge,
  LeadDeleted: (_, patch) => patch({ state: 'deleted' }),
};
type SearchedEvent =
  | 'LeadDetailsUpdated'
  | 'LeadAssigned'
  | 'LeadUnassigned'
  | 'LeadClaimed'
  | 'ClaimReleased'
  | 'ClaimExpired'
  | 'LeadMerged'
  | 'LeadUnmerged'
  | 'LeadDeleted';

export const searchProjector: Projector = {
  name: 'search',
  // v2: indexes shaped for the keyset-paged SQL queries.
  version: 2,
  handles: ['LeadCreated', ...handledTypes(handlers)],
  tables: [searchTable],
  prefetch: (event) => ('leadId' in event.data ? [{ table: TABLE, key: [event.data.leadId] }] : []),
  apply(event, tx) {
    if (event.type === 'LeadCreated') {
      const { data } = event;
      tx.upsert(TABLE, {
        lead_id: data.leadId,
        org_id: data.orgId,
        owner_id: data.ownerId,
        state: 'active',
        ...keys(data),
      });
    } else if (isLeadEvent(event)) {
      const key = [event.data.leadId];
      dispatch(handlers, event, (changes: Row) => tx.patch(TABLE, key, changes));
    }
  },
};
