// The lead-detail read model's queries, specified once and run on every SQL store (see testing/).
import { describe, expect, it } from '@jest/globals';
import { ClaimId, ClientId, LeadId, NoteId, StageId, UserId } from '@leadline/domain';
import type { ReadModelStoreFactory } from '../../testing/factory.js';
import { storesFrom } from '../../testing/factory.js';
import { feed, prepareLive } from '../../testing/feed.js';
import { managerActor, repActor, WORLD_ORGS } from '../../testing/history/world.js';
import { Scenario } from '../../testing/scenario.js';
import { journeyProjector } from '../journey/projector.js';
import { leadDetailsProjector } from './projector.js';
import { leadDetail } from './queries.js';

/** Registers the suite; `factory` opens a fresh, empty store of the kind under test. */
export function describeLeadDetailQueries(factory: ReadModelStoreFactory): void {
  const open = storesFrom(factory);
  const ORG = WORLD_ORGS[0];
  const alice = repActor(UserId('alice'));
  const bob = repActor(UserId('bob'));
  const manager = managerActor;
  const ada = LeadId('ada');
  const projectors = [leadDetailsProjector, journeyProjector];

  function given(): Scenario {
    return new Scenario()
      .on('ada', (leadId) => ({
        type: 'CreateLead',
        leadId,
        ownerId: UserId('alice'),
        fields: {
          name: 'Ada Lovelace',
          email: 'ada@example.com',
          phone: '+44 20 7946 0958',
          company: 'Engines Ltd',
          source: 'Referral',
          rating: 'hot',
          estimatedValue: { amountMinor: 250_000, currency: 'EUR' },
          expectedSaleDate: '2026-03-31',
        },
      }))
      .on(
        'ada',
        (leadId) => ({ type: 'LogNote', leadId, noteId: NoteId('n1'), text: 'First call', outcome: 'CONNECTED' }),
        alice,
      )
      .on('ada', (leadId) => ({ type: 'LogNote', leadId, noteId: NoteId('n2'), text: 'Sent the deck' }), alice)
      .on('ada', (leadId) => ({ type: 'ScheduleNextCall', leadId, at: '2026-01-09T10:00:00Z', note: 'Pricing' }), alice)
      .on('ada', (leadId) => ({ type: 'ChangeStage', leadId, stageId: StageId('CONTACTED') }), alice)
      .on('ada', (leadId) => ({ type: 'LinkToClient', leadId, clientId: ClientId('client-9') }), alice);
  }

  async function model(scenario = given(), twice = false) {
    const store = await open();
    await prepareLive(store, projectors);
    await feed(store, projectors, scenario.events, { batchSizes: [1, 3], twice });
    return store;
  }
  const now = new Date('2026-01-06T00:00:00Z');
  const read = async (store: Awaited<ReturnType<typeof model>>, viewer = alice, leadId = ada, orgId = ORG) =>
    leadDetail(store, { orgId, leadId, viewer: { ...viewer, orgId }, now });

  describe('lead detail', () => {
    it('reads every field, the latest notes first, stage and workflow names and the journey head', async () => {
      const detail = await read(await model());
      expect(detail).toMatchObject({
        leadId: ada,
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        phone: '+442079460958',
        company: 'Engines Ltd',
        source: 'Referral',
        rating: 'hot',
        estimatedValue: { amountMinor: 250_000, currency: 'EUR' },
        expectedSaleDate: '2026-03-31',
        customFields: {},
        ownerId: 'alice',
        claim: { state: 'unclaimed', by: null, until: null },
        nextCall: { at: '2026-01-09T10:00:00.000Z', note: 'Pricing' },
        clientId: 'client-9',
        role: 'Lead',
        stage: { stageId: 'CONTACTED', name: 'Contacted', category: 'open' },
        state: 'active',
        createdBy: 'morgan',
        journeyHead: { seq: 6, kind: 'LinkedToClient' },
      });
      expect(detail?.workflow.name).toEqual(expect.any(String));
      expect(detail?.latestNotes.map((note) => [note.text, note.outcome, note.loggedBy])).toEqual([
        ['Sent the deck', null, 'alice'],
        ['First call', 'CONNECTED', 'alice'],
      ]);
      expect(detail?.journeyHead?.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('is the same when every event is delivered twice', async () => {
      expect(await read(await model(given(), true))).toEqual(await read(await model()));
    });

    it('shows a lead only to those who may see it, and never across organisations', async () => {
      const store = await model();
      expect(await read(store, bob)).toBeNull();
      expect(await read(store, manager)).not.toBeNull();
      expect(await read(store, manager, ada, WORLD_ORGS[1])).toBeNull();
      expect(await read(store, alice, LeadId('nobody'))).toBeNull();
    });

    it('reads a live claim with its holder and end', async () => {
      const scenario = given()
        .on('pool', (leadId) => ({
          type: 'CreateLead',
          leadId,
          fields: { name: 'Pooled', email: 'pool@example.com', source: 'Website' },
        }))
        .on('pool', (leadId) => ({ type: 'ClaimLead', leadId, claimId: ClaimId('c1') }), bob);
      const detail = await read(await model(scenario), bob, LeadId('pool'));
      expect(detail?.claim).toEqual({ state: 'claimed', by: 'bob', until: expect.any(String) });
    });
  });

  describe('unread', () => {
    it('is unread for its owner until they open it, and again when someone else changes it', async () => {
      // Created by the manager for Alice: someone else's change she has not seen.
      const scenario = new Scenario().on('ada', (leadId) => ({
        type: 'CreateLead',
        leadId,
        ownerId: UserId('alice'),
        fields: { name: 'Ada', email: 'ada@example.com', source: 'Referral' },
      }));
      expect((await read(await model(scenario)))?.unread).toBe(true);
      scenario.on('ada', (leadId) => ({ type: 'MarkLeadRead', leadId }), alice);
      expect((await read(await model(scenario)))?.unread).toBe(false);
      // Her own changes keep it read.
      scenario.on('ada', (leadId) => ({ type: 'LogNote', leadId, noteId: NoteId('n1'), text: 'Called' }), alice);
      expect((await read(await model(scenario)))?.unread).toBe(false);
      // The manager's change makes it unread again; opening reads it again.
      scenario.on('ada', (leadId) => ({ type: 'ChangeStage', leadId, stageId: StageId('CONTACTED') }));
      const changed = await model(scenario);
      expect((await read(changed))?.unread).toBe(true);
      // Unread is the owner's: the manager sees it as read.
      expect((await read(changed, manager))?.unread).toBe(false);
      scenario.on('ada', (leadId) => ({ type: 'MarkLeadRead', leadId }), alice);
      expect((await read(await model(scenario)))?.unread).toBe(false);
    });

    it('is not unread for an owner who created the lead themselves', async () => {
      const scenario = new Scenario().on(
        'ada',
        (leadId) => ({
          type: 'CreateLead',
          leadId,
          ownerId: UserId('alice'),
          fields: { name: 'Ada', email: 'ada@example.com', source: 'Referral' },
        }),
        alice,
      );
      const detail = await read(await model(scenario));
      expect(detail?.ownerId).toBe('alice');
      expect(detail?.unread).toBe(false);
    });
  });
}
