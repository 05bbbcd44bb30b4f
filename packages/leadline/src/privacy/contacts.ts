// The person behind a lead or a client record: erase them (right to erasure, retention) and export what
// is held about them (right of access). Erasure records ContactErased (ClientErased) through the lead's
// (client's) decider, then deletes its key, so every personal value its events hold reads as the
// placeholder (docs/privacy.md).
import {
  clientStream,
  DomainError,
  DomainErrorCode,
  ErasureTrigger,
  leadStream,
  Permission,
  PermissionDeniedError,
  hasPermission,
  type Actor,
  type ClientDetails,
  type ClientId,
  type LeadDetails,
  type LeadId,
} from '@leadline/domain';
import type { EventStore, SealingEventStore } from '@leadline/eventstore';
import type { ReadModelStore } from '@leadline/projections';
import { InvalidOptionError } from '../commands/errors.js';
import type { Acting, Dispatcher } from '../runtime/dispatcher.js';
import { clientsOf, leadsOf, type ContactSelector } from './holders.js';
import { clientContactId } from './personal-data-policy.js';
import { createRetentionCommands, type RetentionCommands, type StoredRetention } from './retention.js';

export type { ContactSelector };

export type EraseContactInput = ContactSelector & {
  /** Stored plain in ContactErased: say why, name no one. */
  readonly reason: string;
  readonly trigger?: ErasureTrigger;
};

export interface ErasureResult {
  /** The leads erased (already erased ones included: erasing again is a no-op). */
  readonly leadIds: readonly LeadId[];
  /** The client records erased (by clientId, or holding the email or phone), already erased ones included. */
  readonly clientIds: readonly ClientId[];
  /** How many leads and client records were erased by this call (the others were already). */
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

export interface ClientExport {
  readonly clientId: ClientId;
  readonly orgId: string;
  readonly exportedAt: string;
  readonly erased: boolean;
  readonly details: ClientDetails;
  /** Every event of the client record, personal values opened (or `[erased]`). */
  readonly history: ContactExport['history'];
}

export interface ErasureCommands {
  erase(input: EraseContactInput, acting: Acting): Promise<ErasureResult>;
  /** Everything held about the person behind one lead, as JSON (right of access). */
  export(input: { readonly leadId: LeadId }, acting: Acting): Promise<ContactExport>;
  /** Everything held about the person behind one client record, as JSON (right of access). */
  exportClient(input: { readonly clientId: ClientId }, acting: Acting): Promise<ClientExport>;
}

/** Erasure, the right of access, and the retention policy with its job (privacy/retention.ts). */
export type ContactCommands = ErasureCommands & RetentionCommands;

export interface ContactsRuntime {
  readonly store: EventStore;
  /** The sealing store, when personal data is sealed; erasure needs it. */
  readonly sealing: SealingEventStore | null;
  readonly dispatcher: Dispatcher;
  readonly readModels: ReadModelStore | null;
  readonly now: () => Date;
  /** Brings the read models up to what is stored now (the clients roster says who holds an email). */
  readonly readModelsCurrent: () => Promise<void>;
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
    return { leadIds, clientIds: [], newlyErased };
  };
  const eraseClients = async (
    clientIds: readonly ClientId[],
    reason: string,
    trigger: ErasureTrigger,
    acting: Acting,
  ): Promise<number> => {
    const sealing = requireSealing();
    let newlyErased = 0;
    for (const clientId of clientIds) {
      const outcome = await dispatcher.client({ type: 'EraseClient', clientId, reason, trigger }, acting);
      await sealing.eraseContact(clientContactId(clientId));
      if (outcome.events.length > 0) newlyErased += 1;
    }
    return newlyErased;
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
      const trigger = input.trigger ?? ErasureTrigger.Request;
      const leadIds = await leadsOf(runtime.store, acting.actor, input);
      // A client record written a moment ago is found too: the roster is brought up to date first.
      if ('email' in input || 'phone' in input) await runtime.readModelsCurrent();
      const clientIds = await clientsOf(runtime.readModels, acting.actor, input);
      const leads = await eraseLeads(leadIds, input.reason, trigger, acting);
      const newlyErasedClients = await eraseClients(clientIds, input.reason, trigger, acting);
      return { leadIds, clientIds, newlyErased: leads.newlyErased + newlyErasedClients };
    },
    async exportClient({ clientId }, acting) {
      requireAdministrator(acting.actor, 'export personal data');
      const state = await dispatcher.clientState(clientId);
      // Another organisation's client reads as no client at all.
      if (!state.exists || state.orgId !== acting.actor.orgId) {
        throw new DomainError(DomainErrorCode.NotFound, {
          field: 'clientId',
          rule: 'existing-client',
          message: `There is no client ${clientId} in organisation ${acting.actor.orgId}.`,
        });
      }
      return {
        clientId,
        orgId: state.orgId,
        exportedAt: runtime.now().toISOString(),
        erased: state.erased,
        details: state.details,
        history: await historyOf(runtime.store, clientStream(clientId)),
      };
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
      const history = await historyOf(runtime.store, leadStream(leadId));
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

/** Every event of a stream as an export shows it: personal values opened (or `[erased]`). */
async function historyOf(store: EventStore, streamName: string): Promise<ContactExport['history']> {
  const history: ContactExport['history'][number][] = [];
  for await (const event of store.readStream(streamName)) {
    history.push({
      type: event.type,
      occurredAt: event.metadata.occurredAt,
      actorId: event.metadata.actorId,
      data: event.data,
    });
  }
  return history;
}
