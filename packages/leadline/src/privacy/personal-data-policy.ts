// Which fields of Leadline's events identify a person, sealed with the key of the lead (or the client
// record) they belong to. Everything else (sources, stages, values, owners, times) stays plain so
// analytics keep working. A new event type or field that holds personal data opts in here (docs/privacy.md).
import { clientStream, ClientId } from '@leadline/domain';
import type { PersonalDataPolicy, PersonalFields } from '@leadline/eventstore';

const DETAILS = ['name', 'email', 'phone', 'notes'] as const;
/** Custom values that are text (text, select, multiselect, date fields) may name or describe a person. */
const CUSTOM_TEXT = 'customFields.*';

const stringField = (data: unknown, field: string): string | null => {
  if (typeof data !== 'object' || data === null) return null;
  const value: unknown = Reflect.get(data, field);
  return typeof value === 'string' ? value : null;
};

/** The lead the event is about: every lead event and every contact reservation names it. */
const leadOf = (data: unknown): string | null => stringField(data, 'leadId');

/**
 * A client record has a key of its own, not its lead's: it outlives the lead (the organisation's
 * customer, often with several leads linked), and a directly created or imported client has no lead.
 */
export const clientContactId = (clientId: ClientId): string => clientStream(clientId);
const clientOf = (data: unknown): string | null => {
  const clientId = stringField(data, 'clientId');
  return clientId === null ? null : clientContactId(ClientId(clientId));
};

const sealed = (...fields: readonly string[]): PersonalFields => ({ contactOf: leadOf, fields });
const withCustom = (fields: readonly string[], ...customAt: readonly string[]): PersonalFields => ({
  contactOf: leadOf,
  fields,
  textFields: customAt.map((prefix) => (prefix === '' ? CUSTOM_TEXT : `${prefix}.${CUSTOM_TEXT}`)),
});
const within = (prefix: string): string[] => DETAILS.map((field) => `${prefix}.${field}`);

export const LEADLINE_PERSONAL_DATA: PersonalDataPolicy = {
  // A lead's and a client record's first events begin their contacts: their keys are made without a look.
  LeadCreated: { ...withCustom(DETAILS, ''), startsContact: true },
  LeadDetailsUpdated: withCustom(within('changes'), ''),
  NextCallScheduled: sealed('note'),
  NoteLogged: sealed('text'),
  JourneyStepRecorded: sealed('label', 'description'),
  LeadMerged: withCustom([...within('before'), ...within('after')], 'before', 'after'),
  LeadUnmerged: withCustom(within('restored'), 'restored'),
  EmailQueued: sealed('to', 'subject', 'body'),
  // The duplicate guard's reservations hold the normalised address itself.
  ContactReserved: sealed('value'),
  ContactReleased: sealed('value'),
  ClientCreated: { contactOf: clientOf, fields: ['name', 'email', 'phone'], startsContact: true },
  ClientUpdated: { contactOf: clientOf, fields: ['changes.name', 'changes.email', 'changes.phone'] },
};
