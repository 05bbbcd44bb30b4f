// The lead events every lead-centred read model handles, and the prefetch they share: the lead's row.
import type { LeadEvent, LeadDetails } from '@leadline/domain';
import type { ProjectedEvent } from '../../projector/projector';

export const LEAD_EVENT_TYPES = [
  'LeadCreated',
  'LeadDetailsUpdated',
  'StageChanged',
  'NextCallScheduled',
  'NoteLogged',
  'JourneyStepRecorded',
  'LeadAssigned',
  'LeadUnassigned',
  'LeadClaimed',
  'ClaimReleased',
  'ClaimExpired',
  'RolePromoted',
  'ConvertedToClient',
  'LinkedToClient',
  'LeadMerged',
  'LeadUnmerged',
  'LeadDeleted',
] as const satisfies readonly LeadEvent['type'][];

const LEAD_TYPES: ReadonlySet<string> = new Set(LEAD_EVENT_TYPES);

export const isLeadEvent = (event: ProjectedEvent): event is ProjectedEvent<LeadEvent> => LEAD_TYPES.has(event.type);

/** The details a merge or unmerge leaves the survivor with, or null for the absorbed side. */
export function detailsAfterMerge(event: ProjectedEvent<LeadEvent>): LeadDetails | null {
  if (event.type === 'LeadMerged' && event.data.side === 'survivor') return event.data.after;
  if (event.type === 'LeadUnmerged' && event.data.side === 'survivor') return event.data.restored;
  return null;
}
