// Contact reservations: one stream per organisation and normalised email or phone, appended at an
// exact expected revision. Read models lag; these streams do not, so two concurrent creates of the same
// contact cannot both pass the duplicate check (docs/intake.md, docs/events.md "Contact reservations").
import { hash } from 'node:crypto';
import type { LeadDetails, LeadId, OrgId } from '@leadline/domain';

export const ContactKind = { Email: 'email', Phone: 'phone' } as const;
export type ContactKind = (typeof ContactKind)[keyof typeof ContactKind];

/** A normalised contact value: a lower-cased email or an E.164 phone. */
export interface Contact {
  readonly kind: ContactKind;
  readonly value: string;
}

export const CONTACT_STREAM_CATEGORY = 'contact';

/** `contact-<orgId>-<kind>-<hash>`: the value is hashed so stream names stay short and hold no address. */
export const contactStream = (orgId: OrgId, contact: Contact): string =>
  // The one-shot hash: the same digest as createHash(...).update(...).digest(), without a Hash object per create.
  `${CONTACT_STREAM_CATEGORY}-${orgId}-${contact.kind}-${hash('sha256', contact.value, 'hex').slice(0, 32)}`;

/** The contacts a lead's details are reserved under, email first (a fixed order every writer follows). */
export const contactsOf = (details: Pick<LeadDetails, 'email' | 'phone'>): Contact[] => [
  ...(details.email === null ? [] : [{ kind: ContactKind.Email, value: details.email }]),
  ...(details.phone === null ? [] : [{ kind: ContactKind.Phone, value: details.phone }]),
];

export const sameContact = (a: Contact, b: Contact): boolean => a.kind === b.kind && a.value === b.value;

export const hasContact = (details: Pick<LeadDetails, 'email' | 'phone'>, contact: Contact): boolean =>
  (contact.kind === ContactKind.Email ? details.email : details.phone) === contact.value;

/** A lead now holds the contact (it was created with it, or changed to it). */
export interface ContactReserved {
  readonly type: 'ContactReserved';
  readonly data: {
    readonly orgId: OrgId;
    readonly kind: ContactKind;
    readonly value: string;
    readonly leadId: LeadId;
    /** ISO 8601: a reservation whose lead never appears is abandoned after the grace period. */
    readonly reservedAt: string;
    /** The holders the caller was shown and chose to keep beside this lead (empty: there were none). */
    readonly keptDespite: readonly LeadId[];
  };
}

/** A lead gave the contact up: its create failed or was abandoned, or its details changed away from it. */
export interface ContactReleased {
  readonly type: 'ContactReleased';
  readonly data: {
    readonly orgId: OrgId;
    readonly kind: ContactKind;
    readonly value: string;
    readonly leadId: LeadId;
    readonly reason: 'abandoned' | 'changed';
  };
}

export type ContactEvent = ContactReserved | ContactReleased;
export const CONTACT_EVENT_TYPES: readonly ContactEvent['type'][] = ['ContactReserved', 'ContactReleased'];

export interface ContactHolder {
  readonly leadId: LeadId;
  readonly reservedAt: string;
}

/** The leads holding a contact, in the order they reserved it. */
export interface ContactState {
  readonly holders: readonly ContactHolder[];
}

export const initialContactState: ContactState = { holders: [] };

export const evolveContact = (state: ContactState, event: ContactEvent): ContactState => {
  switch (event.type) {
    case 'ContactReserved':
      return {
        holders: [
          ...state.holders.filter((holder) => holder.leadId !== event.data.leadId),
          { leadId: event.data.leadId, reservedAt: event.data.reservedAt },
        ],
      };
    case 'ContactReleased':
      return { holders: state.holders.filter((holder) => holder.leadId !== event.data.leadId) };
    default:
      return event satisfies never;
  }
};

/** Contact streams are appended to directly (no command decides them), so the loader needs only the fold. */
export const contactFold = { evolve: evolveContact, initialState: initialContactState };
