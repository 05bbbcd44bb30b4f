// The claims read model's queries, specified once and run on every SQL store (see testing/).
import { describe, expect, it } from '@jest/globals';
import { ClaimId, UserId } from '@leadline/domain';
import type { ReadModelStoreFactory } from '../../testing/factory.js';
import { storesFrom } from '../../testing/factory.js';
import { feed, prepareLive } from '../../testing/feed.js';
import { managerActor, repActor, WORLD_ORGS } from '../../testing/history/world.js';
import { Scenario } from '../../testing/scenario.js';
import { claimsProjector } from './projector.js';
import { claimPool, lapsedClaims, liveClaims, nextClaimExpiries, workQueue } from './queries.js';

/** Registers the suite; `factory` opens a fresh, empty store of the kind under test. */
export function describeClaimsQueries(factory: ReadModelStoreFactory): void {
  const open = storesFrom(factory);

  const ORG = WORLD_ORGS[0];
  const alice = UserId('alice');
  const bob = UserId('bob');

  async function given() {
    const scenario = new Scenario()
      .on('p1', (leadId) => ({
        type: 'CreateLead',
        leadId,
        fields: { name: 'Pool One', email: 'p1@example.com', source: 'Website' },
      }))
      .after(1)
      .on('p2', (leadId) => ({
        type: 'CreateLead',
        leadId,
        fields: { name: 'Pool Two', email: 'p2@example.com', source: 'Website' },
      }))
      .on('p3', (leadId) => ({
        type: 'CreateLead',
        leadId,
        fields: { name: 'Pool Three', email: 'p3@example.com', source: 'Website' },
      }))
      .on('mine', (leadId) => ({
        type: 'CreateLead',
        leadId,
        ownerId: alice,
        fields: { name: 'Mine Later', email: 'm1@example.com', source: 'Website' },
      }))
      .on('soon', (leadId) => ({
        type: 'CreateLead',
        leadId,
        ownerId: alice,
        fields: { name: 'Mine Soon', email: 'm2@example.com', source: 'Website' },
      }))
      .on('soon', (leadId) => ({ type: 'ScheduleNextCall', leadId, at: '2026-01-06T09:00:00.000Z' }))
      .on('mine', (leadId) => ({ type: 'ScheduleNextCall', leadId, at: '2026-01-07T09:00:00.000Z' }))
      .on('p2', (leadId) => ({ type: 'ClaimLead', leadId, claimId: ClaimId('c-2') }), repActor(bob))
      .after(60)
      .on('p3', (leadId) => ({ type: 'ClaimLead', leadId, claimId: ClaimId('c-3') }), repActor(alice));
    const store = await open();
    await prepareLive(store, [claimsProjector]);
    await feed(store, [claimsProjector], scenario.events);
    return store;
  }

  describe('claim pool and work queue', () => {
    it('lists the pool oldest first, without leads under a live claim', async () => {
      const store = await given();
      const now = new Date('2026-01-05T12:00:00.000Z');
      expect((await claimPool(store, { orgId: ORG, now })).items.map((lead) => lead.name)).toEqual(['Pool One']);
      const muchLater = new Date('2026-01-09T12:00:00.000Z');
      expect((await claimPool(store, { orgId: ORG, now: muchLater })).items.map((lead) => lead.name)).toEqual([
        'Pool One',
        'Pool Two',
        'Pool Three',
      ]);
    });

    it('orders live claims by expiry and gives the expiry worker lapsed claims and the next expiries', async () => {
      const store = await given();
      const now = new Date('2026-01-05T12:00:00.000Z');
      expect((await liveClaims(store, { orgId: ORG, now })).map((claim) => [claim.claimId, claim.claimedBy])).toEqual([
        ['c-2', bob],
        ['c-3', alice],
      ]);
      expect(await lapsedClaims(store, { now })).toEqual([]);
      const [first] = await nextClaimExpiries(store, { limit: 1 });
      expect(first?.claimId).toBe('c-2');
      const between = new Date(new Date(first?.expiresAt ?? 0).getTime() + 1);
      expect((await lapsedClaims(store, { now: between })).map((claim) => claim.claimId)).toEqual(['c-2']);
      expect((await nextClaimExpiries(store, { limit: 5, after: between })).map((claim) => claim.claimId)).toEqual([
        'c-3',
      ]);
    });

    it("orders an owner's queue by next call and shows it to those who may see it", async () => {
      const store = await given();
      const now = new Date('2026-01-05T12:00:00.000Z');
      expect(
        (await workQueue(store, { orgId: ORG, ownerId: alice, viewer: managerActor, now })).items.map(
          (lead) => lead.name,
        ),
      ).toEqual(['Mine Soon', 'Mine Later']);
      expect((await workQueue(store, { orgId: ORG, ownerId: alice, viewer: repActor(bob), now })).items).toEqual([]);
    });
  });
}
