// Which fields of Leadline's events identify a person, sealed with the key of the lead they belong to.
// Everything else (sources, stages, values, owners, times) stays plain so analytics keep working. A new
// event type or field that holds personal data opts in here (docs/privacy.md).
import type { PersonalDataPolicy, PersonalFields } from '@leadline/eventstore';

const DETAILS = ['name', 'email', 'phone', 'notes'] as const;

/** The lead the event is about: every lead event and every contact reservation names it. */
const leadOf = (data: unknown): string | null =>
  typeof data === 'object' && data !== null && 'leadId' in data && typeof data.leadId === 'string' ? data.leadId : null;

const sealed = (...fields: readonly string[]): PersonalFields => ({ contactOf: leadOf, fields });
const within = (prefix: string): string[] => DETAILS.map((field) => `${prefix}.${field}`);

export const LEADLINE_PERSONAL_DATA: PersonalDataPolicy = {
  LeadCreated: sealed(...DETAILS),
  LeadDetailsUpdated: sealed(...within('changes')),
  NextCallScheduled: sealed('note'),
  NoteLogged: sealed('text'),
  JourneyStepRecorded: sealed('label', 'description'),
  LeadMerged: sealed(...within('before'), ...within('after')),
  LeadUnmerged: sealed(...within('restored')),
  EmailQueued: sealed('to', 'subject', 'body'),
  // The duplicate guard's reservations hold the normalised address itself.
  ContactReserved: sealed('value'),
  ContactReleased: sealed('value'),
};
