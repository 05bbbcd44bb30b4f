// Erasure by email or phone reaches a client record written a moment before: the roster that says who
// holds the address is brought up to date first, whether the projection workers run or not.
import { describe, expect, it } from '@jest/globals';
import { ALL_PERMISSIONS, OrgId, UserId, type Actor } from '@leadline/domain';
import { createMemoryEventStore, createMemoryKeyStore } from '@leadline/eventstore';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { createLeadline, type Leadline } from '../index.js';
import { createManualClock } from '../testing/index.js';

const orgId = OrgId('acme');
const admin: Actor = { userId: UserId('ada'), orgId, kind: 'user', permissions: ALL_PERMISSIONS };
const EMAIL = 'grace@navy.example';

const open = (): Leadline => {
  const clock = createManualClock(new Date('2026-12-07T09:00:00Z'));
  return createLeadline({
    store: createMemoryEventStore(),
    readModels: openSqliteReadModelStore({ file: ':memory:' }),
    personalData: { keys: createMemoryKeyStore() },
    clock,
    timers: clock,
  });
};

describe('erasure by email or phone', () => {
  it.each([
    ['with the projection workers running', true],
    ['with no worker running', false],
  ])('reaches a client record written just before it, %s', async (_, running) => {
    const leadline = open();
    try {
      if (running) await leadline.workers.start({ projections: true });
      await leadline.organisations.create({ orgId, name: 'Acme' }, { actor: admin });
      const { clientId } = await leadline.clients.create(
        { details: { name: 'Grace Hopper', email: EMAIL, phone: '+442079460018', company: 'Navy' } },
        { actor: admin },
      );
      const byEmail = await leadline.contacts.erase(
        { email: EMAIL, reason: 'Asked to be forgotten' },
        { actor: admin },
      );
      expect(byEmail).toEqual({ leadIds: [], clientIds: [clientId], newlyErased: 1 });
      const other = await leadline.clients.create(
        { details: { name: 'Alan Turing', phone: '+44 20 7946 0019', company: 'GCHQ' } },
        { actor: admin },
      );
      const byPhone = await leadline.contacts.erase({ phone: '+442079460019', reason: 'Asked' }, { actor: admin });
      expect(byPhone.clientIds).toEqual([other.clientId]);
    } finally {
      await leadline.close();
    }
  });
});
