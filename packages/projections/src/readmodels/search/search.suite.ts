// The search read model's queries, specified once and run on every SQL store (see testing/).
import { describe, expect, it } from '@jest/globals';
import { UserId } from '@leadline/domain';
import type { ReadModelStoreFactory } from '../../testing/factory.js';
import { storesFrom } from '../../testing/factory.js';
import { ReadModelErrorCode } from '../../store/errors.js';
import { feed, prepareLive } from '../../testing/feed.js';
import { managerActor, repActor, WORLD_ORGS } from '../../testing/history/world.js';
import { Scenario } from '../../testing/scenario.js';
import { searchProjector } from './projector.js';
import { searchLeads } from './queries.js';

/** Registers the suite; `factory` opens a fresh, empty store of the kind under test. */
export function describeSearchQueries(factory: ReadModelStoreFactory): void {
  const open = storesFrom(factory);

  const ORG = WORLD_ORGS[0];
  const now = new Date('2026-01-05T09:00:00.000Z');

  async function given() {
    const scenario = new Scenario()
      .on('zoe', (leadId) => ({
        type: 'CreateLead',
        leadId,
        ownerId: UserId('bob'),
        details: { name: 'Zoë Ålander', email: 'Zoe@Example.com', phone: '+44 20 7946 0958', source: 'Website' },
      }))
      .on('jose', (leadId) => ({
        type: 'CreateLead',
        leadId,
        details: { name: 'José Núñez', email: 'jose@example.com', source: 'Referral' },
      }))
      .on('gone', (leadId) => ({
        type: 'CreateLead',
        leadId,
        details: { name: 'Zora Gone', email: 'zora@example.com', source: 'Referral' },
      }))
      .on('gone', (leadId) => ({ type: 'DeleteLead', leadId, reason: 'spam' }))
      .on(
        'other',
        (leadId) => ({
          type: 'CreateLead',
          leadId,
          details: { name: 'Zoe Elsewhere', email: 'zoe@elsewhere.com', source: 'Website' },
        }),
        managerActor,
        WORLD_ORGS[1],
      );
    const store = await open();
    await prepareLive(store, [searchProjector]);
    await feed(store, [searchProjector], scenario.events, { batchSizes: [2] });
    return store;
  }

  const names = (hits: { readonly items: readonly { name: string }[] }) => hits.items.map((hit) => hit.name);

  describe('search', () => {
    it('finds by case- and accent-insensitive prefix of the name or of any word, in one organisation, deleted leads left out', async () => {
      const store = await given();
      expect(names(await searchLeads(store, { orgId: ORG, viewer: managerActor, now, name: 'zo' }))).toEqual([
        'Zoë Ålander',
      ]);
      expect(names(await searchLeads(store, { orgId: ORG, viewer: managerActor, now, name: 'ALAN' }))).toEqual([
        'Zoë Ålander',
      ]);
      expect(names(await searchLeads(store, { orgId: ORG, viewer: managerActor, now, name: 'nunez' }))).toEqual([
        'José Núñez',
      ]);
      expect(names(await searchLeads(store, { orgId: ORG, viewer: managerActor, now, name: 'lander' }))).toEqual([]);
    });

    it('finds by email prefix in any case and by a run of phone digits', async () => {
      const store = await given();
      expect(names(await searchLeads(store, { orgId: ORG, viewer: managerActor, now, email: 'ZOE@' }))).toEqual([
        'Zoë Ålander',
      ]);
      expect(names(await searchLeads(store, { orgId: ORG, viewer: managerActor, now, phone: '7946-0958' }))).toEqual([
        'Zoë Ålander',
      ]);
      expect(names(await searchLeads(store, { orgId: ORG, viewer: managerActor, now, phone: '+44 20' }))).toEqual([
        'Zoë Ålander',
      ]);
    });

    it('shows a rep only the leads they may see', async () => {
      const store = await given();
      expect(
        names(await searchLeads(store, { orgId: ORG, viewer: repActor(UserId('alice')), now, name: 'z' })),
      ).toEqual([]);
      expect(names(await searchLeads(store, { orgId: ORG, viewer: repActor(UserId('bob')), now, name: 'z' }))).toEqual([
        'Zoë Ålander',
      ]);
    });

    it('refuses a search without criteria or with too few phone digits', async () => {
      const store = await given();
      await expect(searchLeads(store, { orgId: ORG, viewer: managerActor, now })).rejects.toMatchObject({
        code: ReadModelErrorCode.InvalidArgument,
        field: 'name',
      });
      await expect(searchLeads(store, { orgId: ORG, viewer: managerActor, now, phone: '+4' })).rejects.toMatchObject({
        code: ReadModelErrorCode.InvalidArgument,
        field: 'phone',
      });
    });
  });
}
