// Whom an erasure reaches: the lead or client record named, or every lead and client record holding an
// email or a phone now (leads from the duplicate guard's reservation streams, client records from the
// clients read model).
import { normaliseEmail, normalisePhone, type Actor, type ClientId, type LeadId } from '@leadline/domain';
import type { EventStore } from '@leadline/eventstore';
import { clientsHolding, clientsProjector, type ReadModelStore } from '@leadline/projections';
import { createStreamStateLoader } from '../commands/stream-state.js';
import { contactFold, contactStream, type Contact } from '../intake/duplicates/contact-streams.js';

/** Whom to erase: one lead, one client record, or every lead and client record holding an email or a phone. */
export type ContactSelector =
  | { readonly leadId: LeadId }
  | { readonly clientId: ClientId }
  | { readonly email: string }
  | { readonly phone: string };

/**
 * The client named, or the client records holding the email or phone now, as the clients read model
 * shows them (none without read models): the caller brings it up to date first (docs/privacy.md).
 */
export async function clientsOf(
  readModels: ReadModelStore | null,
  actor: Actor,
  selector: ContactSelector,
): Promise<ClientId[]> {
  if ('clientId' in selector) return [selector.clientId];
  if ('leadId' in selector || readModels === null) return [];
  if ((await readModels.liveVersion(clientsProjector.name)) === null) return [];
  const contact = contactOf(selector);
  if (contact === null) return [];
  return clientsHolding(
    readModels,
    contact.kind === 'email'
      ? { orgId: actor.orgId, email: contact.value }
      : { orgId: actor.orgId, phone: contact.value },
  );
}

const contactOf = (selector: { readonly email: string } | { readonly phone: string }): Contact | null =>
  'email' in selector
    ? nullableContact('email', normaliseEmail(selector.email))
    : nullableContact('phone', normalisePhone(selector.phone));

/** The lead named, or the leads holding the email or phone now (their reservation streams say which). */
export async function leadsOf(store: EventStore, actor: Actor, selector: ContactSelector): Promise<LeadId[]> {
  if ('leadId' in selector) return [selector.leadId];
  if ('clientId' in selector) return [];
  const contact = contactOf(selector);
  if (contact === null) return [];
  const { state } = await createStreamStateLoader(store, contactFold, 0).load(contactStream(actor.orgId, contact));
  return state.holders.map((holder) => holder.leadId);
}

const nullableContact = (kind: Contact['kind'], value: string | null): Contact | null =>
  value === null ? null : { kind, value };
