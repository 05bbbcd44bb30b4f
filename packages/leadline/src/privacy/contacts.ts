// The person behind a lead: erase them (right to erasure, retention) and export what is held about them
// (right of access). Erasure records ContactErased through the lead's decider, then deletes the lead's
// key, so every personal value its events hold reads as the placeholder (docs/privacy.md).
import {
  ErasureTrigger,
  leadStream,
  normaliseEmail,
  normalisePhone,
  Permission,
  PermissionDeniedError,
  hasPermission,
  type Actor,
  type LeadDetails,
  type LeadId,
} from '@leadline/domain';
import type { EventStore, SealingEventStore } from '@leadline/eventstore';
import type { ReadModelReader } from '@leadline/projections';
import { InvalidOptionError } from '../commands/errors.js';
import type { Acting, Dispatcher } from '../runtime/dispatcher.js';
import { createStreamStateLoader } from '../commands/stream-state.js';
import { contactFold, contactStream, type Contact } from '../intake/duplicates/contact-streams.js';
import { createRetentionCommands, type RetentionCommands, type StoredRetention } from './retention.js';

/** Whom to erase: one lead, or every lead holding an email or a phone. */
export type ContactSelector = { readonly leadId: LeadId } | { readonly email: string } | { readonly phone: string };

export type EraseContactInput = ContactSelector & {
  /** Stored plain in ContactErased: say why, name no one. */
  readonly reason: string;
  readonly trigger?: ErasureTrigger;
};

export interface ErasureResult {
  /** The leads erased (already erased ones included: erasing again is a no-op). */
  readonly leadIds: readonly LeadId[];
  /** How many of them were erased by this call (the others were already). */
  readonly newlyErased: number;
}

export interface ContactExport {
  readonly leadId: LeadId;
  readonly orgId: string;
  readonly exportedAt: string;
  readonly erased: boolean;
  readonly deleted: boolean;
  readonly details: LeadDetails;
  /** Every event of the lead, personal values opened (or `[erased]`). */
  readonly history: readonly {
    readonly type: string;
    readonly occurredAt: string;
    readonly actorId: string;
    readonly data: unknown;
  }[];
}

export interface ErasureCommands {
  erase(input: EraseContactInput, acting: Acting): Promise<ErasureResult>;
  /** Everything held about the person behind one lead, as JSON (right of access). */
  export(input: { readonly leadId: LeadId }, acting: Acting): Promise<ContactExport>;
}

/** Erasure, the right of access, and the retention policy with its job (privacy/retention.ts). */
export type ContactCommands = ErasureCommands & RetentionCommands;

export interface ContactsRuntime {
  readonly store: EventStore;
  /** The sealing store, when personal data is sealed; erasure needs it. */
  readonly sealing: SealingEventStore | null;
  readonly dispatcher: Dispatcher;
  readonly readModels: ReadModelReader | null;
  readonly now: () => Date;
}

export function createContactCommands(
  runtime: ContactsRuntime,
): ContactCommands & { readonly applyStoredPolicy: StoredRetention } {
  const { dispatcher } = runtime;
  const requireSealing = (): SealingEventStore => {
    if (runtime.sealing !== null) return runtime.sealing;
    throw new InvalidOptionError(
      'personalData',
      'sealed',
      'Erasure needs personal data sealed per contact: open Leadline with a key store (docs/privacy.md).',
    );
  };
  const eraseLeads = async (
    leadIds: readonly LeadId[],
    reason: string,
    trigger: ErasureTrigger,
    acting: Acting,
  ): Promise<ErasureResult> => {
    const sealing = requireSealing();
    let newlyErased = 0;
    for (const leadId of leadIds) {
      const outcome = await dispatcher.lead({ type: 'EraseContact', leadId, reason, trigger }, acting);
      // The key goes after the record: a failure in between leaves a record whose repeat deletes the key.
      await sealing.eraseContact(leadId);
      if (outcome.events.length > 0) newlyErased += 1;
    }
    return { leadIds, newlyErased };
  };
  const retention = createRetentionCommands({
    dispatcher,
    readModels: runtime.readModels,
    now: runtime.now,
    requireAdministrator,
    requireSealing,
    eraseLeads,
  });
  return {
    ...retention,
    async erase(input, acting) {
      requireAdministrator(acting.actor, 'erase a contact');
      requireSealing();
      const leadIds = await leadsOf(runtime.store, acting.actor, input);
      return eraseLeads(leadIds, input.reason, input.trigger ?? ErasureTrigger.Request, acting);
    },
    async export({ leadId }, acting) {
      requireAdministrator(acting.actor, 'export personal data');
      const state = await dispatcher.leadState(leadId);
      if (!state.exists || state.orgId !== acting.actor.orgId) {
        throw new PermissionDeniedError({
          field: 'leadId',
          rule: 'lead-of-organisation',
          message: `There is no lead ${leadId} in organisation ${acting.actor.orgId}.`,
        });
      }
      const history: ContactExport['history'][number][] = [];
      for await (const event of runtime.store.readStream(leadStream(leadId))) {
        history.push({
          type: event.type,
          occurredAt: event.metadata.occurredAt,
          actorId: event.metadata.actorId,
          data: event.data,
        });
      }
      return {
        leadId,
        orgId: state.orgId,
        exportedAt: runtime.now().toISOString(),
        erased: state.erased,
        deleted: state.deleted,
        details: state.details,
        history,
      };
    },
  };
}

/**
 * Erasure, retention and the right of access are an administrator's acts, checked before anything is
 * looked up: whoever may not erase must not learn which leads hold an email or a phone either.
 */
const requireAdministrator = (actor: Actor, act: string): void => {
  if (!hasPermission(actor, Permission.AdminOrganisation)) {
    throw new PermissionDeniedError({
      field: 'actor',
      rule: `permission:${Permission.AdminOrganisation}`,
      message: `${actor.userId} may not ${act}: that needs Admin Organisation.`,
    });
  }
};

/** The lead named, or the leads holding the email or phone now (their reservation streams say which). */
async function leadsOf(store: EventStore, actor: Actor, selector: ContactSelector): Promise<LeadId[]> {
  if ('leadId' in selector) return [selector.leadId];
  const contact: Contact | null =
    'email' in selector
      ? nullableContact('email', normaliseEmail(selector.email))
      : nullableContact('phone', normalisePhone(selector.phone));
  if (contact === null) return [];
  const { state } = await createStreamStateLoader(store, contactFold, 0).load(contactStream(actor.orgId, contact));
  return state.holders.map((holder) => holder.leadId);
}

const nullableContact = (kind: Contact['kind'], value: string | null): Contact | null =>
  value === null ? null : { kind, value };
