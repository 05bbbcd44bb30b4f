// The search projector: the keys a lead is found by (name prefix, email, phone digits), the folded text
// of all four fields that substring search reads through the engine's index, and the columns search
// filters by (source, owner, stage, client, rating, created).
import type { LeadDetails, LeadMerged, LeadUnmerged } from '@leadline/domain';
import type { EventHandlers } from '../../projector/handlers.js';
import { dispatch, handledTypes } from '../../projector/handlers.js';
import type { ProjectedEvent, Projector } from '../../projector/projector.js';
import type { Row } from '../../store/schema.js';
import { detailsAfterMerge, isLeadEvent } from '../shared/lead-events.js';
import { erasedDetailChanges } from '../shared/erasure.js';
import { foldText } from '../shared/text.js';
import { phoneKey, searchText } from './search-text.js';
import { searchTable } from './tables.js';

const TABLE = searchTable.name;

function keys(details: Partial<Omit<LeadDetails, 'customFields'>>): Row {
  const columns: Record<string, string | null> = {};
  if (details.name !== undefined) {
    columns['name'] = details.name;
    columns['name_words'] = ` ${foldText(details.name)}`;
  }
  if (details.company !== undefined) columns['company'] = details.company;
  if (details.source !== undefined) columns['source'] = details.source;
  if (details.rating !== undefined) columns['rating'] = details.rating;
  if (details.email !== undefined)
    columns['email'] = details.email === null ? null : details.email.trim().toLowerCase();
  if (details.phone !== undefined) {
    columns['phone'] = details.phone;
    columns['phone_digits'] = details.phone === null ? null : phoneKey(details.phone);
  }
  return columns;
}

/** The keys, and the search text of the lead's details once these changes are made to `current`. */
function keysAfter(details: Partial<Omit<LeadDetails, 'customFields'>>, current: Row | undefined): Row {
  const changed = keys(details);
  const field = (column: string): string | null => {
    const value = column in changed ? changed[column] : current?.[column];
    return typeof value === 'string' ? value : null;
  };
  return {
    ...changed,
    search_text: searchText({
      name: field('name') ?? '',
      company: field('company'),
      email: field('email'),
      phone: field('phone'),
    }),
  };
}

/** What a handler may do to the lead's row: read it as it stands, patch it. */
interface LeadRow {
  readonly current: () => Row | undefined;
  readonly patch: (changes: Row) => void;
}
const merge = (event: ProjectedEvent<LeadMerged | LeadUnmerged>, lead: LeadRow): void => {
  const details = detailsAfterMerge(event);
  lead.patch(
    details !== null ? keysAfter(details, undefined) : { state: event.type === 'LeadMerged' ? 'merged' : 'active' },
  );
};
const noClaim = (_: unknown, lead: LeadRow): void => lead.patch({ claimed_by: null, claim_expires_at: null });

const handlers: EventHandlers<SearchedEvent, LeadRow> = {
  // The search text is made of every field, the unchanged ones read from the row.
  LeadDetailsUpdated: ({ data }, lead) => lead.patch(keysAfter(data.changes, lead.current())),
  LeadAssigned: ({ data }, lead) => lead.patch({ owner_id: data.ownerId }),
  LeadUnassigned: (_, lead) => lead.patch({ owner_id: null }),
  StageChanged: ({ data }, lead) => lead.patch({ workflow_id: data.workflowId, stage_id: data.to }),
  ConvertedToClient: ({ data }, lead) => lead.patch({ client_id: data.clientId }),
  LinkedToClient: ({ data }, lead) => lead.patch({ client_id: data.clientId }),
  LeadClaimed: ({ data }, lead) => lead.patch({ claimed_by: data.by, claim_expires_at: data.expiresAt }),
  ClaimReleased: noClaim,
  ClaimExpired: noClaim,
  LeadMerged: merge,
  LeadUnmerged: merge,
  LeadDeleted: (_, lead) => lead.patch({ state: 'deleted' }),
  ContactErased: (_, lead) => {
    const current = lead.current();
    lead.patch(keysAfter(erasedDetailChanges(current), current));
  },
};
type SearchedEvent =
  | 'LeadDetailsUpdated'
  | 'LeadAssigned'
  | 'LeadUnassigned'
  | 'StageChanged'
  | 'ConvertedToClient'
  | 'LinkedToClient'
  | 'LeadClaimed'
  | 'ClaimReleased'
  | 'ClaimExpired'
  | 'LeadMerged'
  | 'LeadUnmerged'
  | 'LeadDeleted'
  | 'ContactErased';

export const searchProjector: Projector = {
  name: 'search',
  // v2: indexes shaped for the keyset-paged SQL queries. v3: search_text and its substring index.
  // v4: the filter columns (source, workflow and stage, client, created) and their indexes. v5: rating.
  // v6: the name index holds the state and search_text, so a search by text walks it alone (ranked.ts).
  version: 6,
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
        workflow_id: data.workflowId,
        stage_id: data.stageId,
        client_id: data.clientId,
        created_at: event.metadata.occurredAt,
        state: 'active',
        ...keysAfter(data, undefined),
      });
    } else if (isLeadEvent(event)) {
      const key = [event.data.leadId];
      dispatch(handlers, event, {
        current: () => tx.get(TABLE, key),
        patch: (changes: Row) => tx.patch(TABLE, key, changes),
      });
    }
  },
};
