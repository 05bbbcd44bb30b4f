import { describe, expect, it } from '@jest/globals';
import { createMemoryEventStore } from '@leadline/eventstore';
import { ALL_PERMISSIONS, OrgId, UserId } from '@leadline/domain';
import { createLeadline } from '../leadline.js';
import { checkedIds } from './checked-ids.js';

describe('checked ids', () => {
  it('passes UUIDs through and refuses anything else with a typed error', () => {
    expect(checkedIds({ newId: () => '00000000-0000-4000-8000-000000000001' }).newId()).toBe(
      '00000000-0000-4000-8000-000000000001',
    );
    for (const bad of ['lead-1', '', '00000000-0000-4000-8000-00000000000g', 42]) {
      expect(() => checkedIds({ newId: () => bad as string }).newId()).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTION', field: 'ids', rule: 'uuid' }),
      );
    }
  });

  it('fails a command at once, writing nothing, when the generator does not return UUIDs', async () => {
    const store = createMemoryEventStore();
    let counter = 0;
    const leadline = createLeadline({ store, ids: { newId: () => `id-${++counter}` } });
    const admin = { userId: UserId('ada'), orgId: OrgId('acme'), kind: 'user' as const, permissions: ALL_PERMISSIONS };
    await expect(leadline.organisations.create({ name: 'Acme' }, { actor: admin })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      rule: 'uuid',
    });
    expect(await store.headPosition()).toBe(0n);
    await leadline.close();
  });
});
