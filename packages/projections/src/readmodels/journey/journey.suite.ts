// The journey read model's queries, specified once and run on every SQL store (see testing/).
import { describe, expect, it } from '@jest/globals';
import { ClaimId, LeadId, MergeId, NoteId, StageId, UserId } from '@leadline/domain';
import type { ReadModelStoreFactory } from '../../testing/factory.js';
import { storesFrom } from '../../testing/factory.js';
import { feed, prepareLive } from '../../testing/feed.js';
import { managerActor, repActor, WORLD_ORGS } from '../../testing/history/world.js';
import { Scenario } from '../../testing/scenario.js';
import { journeyProjector } from './projector.js';
import { journeyTimeline, verifyJourney, verifyJourneys, verifyJourneySteps } from './queries.js';

/** Registers the suite; `factory` opens a fresh, empty store of the kind under test. */
export function describeJourneyQueries(factory: ReadModelStoreFactory): void {
  const open = storesFrom(factory);

  const ORG = WORLD_ORGS[0];

  function given(): Scenario {
    return new Scenario()
      .on('ada', (leadId) => ({
        type: 'CreateLead',
        leadId,
        fields: { name: 'Ada', email: 'ada@example.com', source: 'Referral' },
      }))
      .after(5)
      .on('ada', (leadId) => ({ type: 'ClaimLead', leadId, claimId: ClaimId('c1') }), repActor(UserId('alice')))
      .on(
        'ada',
        (leadId) => ({ type: 'LogNote', leadId, noteId: NoteId('n1'), text: 'Keen on a demo', outcome: 'CONNECTED' }),
        repActor(UserId('alice')),
      )
      .on('ada', (leadId) => ({ type: 'ChangeStage', leadId, stageId: StageId('CONTACTED') }))
      .on('ada', (leadId) => ({ type: 'MarkLeadLost', leadId, reason: 'No budget' }))
      .on('dup', (leadId) => ({
        type: 'CreateLead',
        leadId,
        fields: { name: 'Ada L.', email: 'ada.l@example.com', source: 'Website' },
      }))
      .on('dup', (leadId) => ({ type: 'MarkLeadMerged', leadId, mergeId: MergeId('m1'), survivorId: LeadId('ada') }))
      .on('gone', (leadId) => ({
        type: 'CreateLead',
        leadId,
        fields: { name: 'Gone', email: 'gone@example.com', source: 'Website' },
      }))
      .on('gone', (leadId) => ({ type: 'DeleteLead', leadId, reason: 'spam' }), managerActor);
  }

  async function model() {
    const store = await open();
    await prepareLive(store, [journeyProjector]);
    await feed(store, [journeyProjector], given().events, { batchSizes: [2] });
    return store;
  }

  describe('journey timeline', () => {
    it('lists every step of a lead in order with time, actor, kind and a readable summary', async () => {
      const steps = await journeyTimeline(await model(), { orgId: ORG, leadId: LeadId('ada') });
      expect(steps.map((step) => [step.seq, step.actorId, step.kind, step.summary])).toEqual([
        [1, 'morgan', 'LeadCreated', 'Created "Ada" from Referral, in the pool'],
        [2, 'alice', 'LeadClaimed', expect.stringMatching(/^Claimed by alice until 2026-01-06 08:05 UTC$/)],
        [3, 'alice', 'NoteLogged', 'Note (connected): Keen on a demo'],
        [4, 'morgan', 'StageChanged', 'Moved from Not contacted to Contacted'],
        [5, 'morgan', 'StageChanged', 'Marked lost (Contacted → Lost): No budget'],
      ]);
      expect(steps[1]?.occurredAt).toBe('2026-01-05T08:05:00.000Z');
      expect(await verifyJourney(await model(), { orgId: ORG, leadId: LeadId('ada') })).toEqual({ ok: true, steps: 5 });
      expect(await verifyJourneys(await model(), { orgId: ORG })).toEqual({ leads: 3, steps: 9, broken: [] });
    });

    it('keeps the journeys of merged and deleted leads, and shows nothing to another organisation', async () => {
      const store = await model();
      expect((await journeyTimeline(store, { orgId: ORG, leadId: LeadId('dup') })).map((step) => step.summary)).toEqual(
        ['Created "Ada L." from Website, in the pool', 'Merged into lead ada'],
      );
      expect(
        (await journeyTimeline(store, { orgId: ORG, leadId: LeadId('gone') })).map((step) => step.summary),
      ).toEqual(['Created "Gone" from Website, in the pool', 'Deleted: spam']);
      expect(await journeyTimeline(store, { orgId: WORLD_ORGS[1], leadId: LeadId('ada') })).toEqual([]);
    });

    it('reports the first broken link when a step was altered, removed or re-chained', async () => {
      const steps = await journeyTimeline(await model(), { orgId: ORG, leadId: LeadId('ada') });
      const altered = steps.map((step) => (step.seq === 3 ? { ...step, summary: 'Note: nothing said' } : step));
      expect(verifyJourneySteps(altered)).toEqual({ ok: false, steps: 5, brokenAt: 3, reason: 'hash' });
      expect(verifyJourneySteps(steps.filter((step) => step.seq !== 2))).toEqual({
        ok: false,
        steps: 4,
        brokenAt: 3,
        reason: 'sequence',
      });
      const rechained = steps.map((step) => (step.seq === 4 ? { ...step, prevHash: '0'.repeat(64) } : step));
      expect(verifyJourneySteps(rechained)).toEqual({ ok: false, steps: 5, brokenAt: 4, reason: 'prev-hash' });
    });
  });
}
