// A Leadline on a given store with one organisation set up, for intake tests and doc samples.
import { ALL_PERMISSIONS, OrgId, Permission, UserId, type Actor } from '@leadline/domain';
import type { EventStore } from '@leadline/eventstore';
import { createLeadline, type Leadline, type LeadlineOptions } from '../../leadline.js';
import type { Acting } from '../../runtime/dispatcher.js';
import { createManualClock, type ManualClock } from '../../testing/manual-clock.js';

export const ORG = OrgId('intake-org');
export const owner: Actor = { userId: UserId('olga-owner'), orgId: ORG, kind: 'user', permissions: ALL_PERMISSIONS };
/** May create leads only: what a web form or an importer without management rights acts as. */
export const clerk: Actor = {
  userId: UserId('cleo-clerk'),
  orgId: ORG,
  kind: 'user',
  permissions: [Permission.CreateLeads, Permission.ViewLeads],
};
export const acting = (actor: Actor = owner, extra: Omit<Acting, 'actor'> = {}): Acting => ({ actor, ...extra });

export interface IntakeSetup {
  readonly leadline: Leadline;
  readonly clock: ManualClock;
  readonly store: EventStore;
}

/** Sources, custom fields and a default country code the intake tests rely on. */
export async function openWithOrganisation(
  store: EventStore,
  options: Partial<LeadlineOptions> = {},
): Promise<IntakeSetup> {
  const clock = createManualClock();
  const leadline = createLeadline({ store, clock, disposeStores: false, ...options });
  await leadline.organisations.create(
    {
      orgId: ORG,
      name: 'Intake Org',
      settings: {
        defaultCountryCallingCode: '44',
        customFields: [
          { key: 'industry', label: 'Industry', type: 'select', options: ['Retail', 'Software', 'Health'] },
          { key: 'employees', label: 'Employees', type: 'number' },
        ],
      },
    },
    { actor: owner, idempotencyKey: 'intake-org-setup' },
  );
  return { leadline, clock, store };
}

/** The event types of a stream, in order. */
export async function typesOf(store: EventStore, streamName: string): Promise<string[]> {
  const types: string[] = [];
  for await (const event of store.readStream(streamName)) types.push(event.type);
  return types;
}

/** Every event of the store, in global order. */
export async function allEvents(
  store: EventStore,
): Promise<{ streamName: string; type: string; data: unknown; metadata: Record<string, unknown> }[]> {
  const events = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}
