// The stage transitions read model's queries, specified once and run on every SQL store (see testing/).
import { describe, expect, it } from '@jest/globals';
import type { LeadCommand, LeadId } from '@leadline/domain';
import { ClientId, StageId } from '@leadline/domain';
import type { ReadModelStoreFactory } from '../../testing/factory.js';
import { storesFrom } from '../../testing/factory.js';
import { feed, prepareLive } from '../../testing/feed.js';
import { WORLD_ORGS, workflowIdOf } from '../../testing/history/world.js';
import { Scenario } from '../../testing/scenario.js';
import { stageTransitionsProjector } from './projector.js';
import { stageFunnel, stagePaths } from './queries.js';

/** Registers the suite; `factory` opens a fresh, empty store of the kind under test. */
export function describeStageTransitionsQueries(factory: ReadModelStoreFactory): void {
  const open = storesFrom(factory);

  const ORG = WORLD_ORGS[0];
  const HOUR_MS = 3_600_000;
  const create =
    (name: string) =>
    (leadId: LeadId): LeadCommand => ({
      type: 'CreateLead',
      leadId,
      fields: { name, email: `${name}@example.com`, source: 'Website' },
    });
  const to =
    (stage: string) =>
    (leadId: LeadId): LeadCommand => ({ type: 'ChangeStage', leadId, stageId: StageId(stage) });

  async function given() {
    const scenario = new Scenario()
      .on('a', create('a'))
      .on('b', create('b'))
      .on('c', create('c'))
      .after(60)
      .on('a', to('CONTACTED'))
      .on('b', to('CONTACTED'))
      .on('c', to('CONTACTED'))
      .after(60)
      .on('a', to('QUALIFIED'))
      .on('b', to('NOT_CONTACTED'))
      .after(60)
      .on('b', to('CONTACTED'))
      .on('c', (leadId) => ({ type: 'MarkLeadLost', leadId, reason: 'No budget' }))
      .after(60)
      .on('a', (leadId) => ({ type: 'ConvertToClient', leadId, clientId: ClientId('client-a'), mode: 'new' }));
    const store = await open();
    await prepareLive(store, [stageTransitionsProjector]);
    await feed(store, [stageTransitionsProjector], scenario.events, { batchSizes: [4] });
    return store;
  }

  describe('stage transitions', () => {
    it('gives the funnel: leads, entries, re-entries, stage-to-stage conversion and time in stage', async () => {
      const funnel = await stageFunnel(await given(), { orgId: ORG, workflowId: workflowIdOf(ORG, 0) });
      expect(
        funnel.map((stage) => [
          stage.name,
          stage.leads,
          stage.entries,
          stage.reEntries,
          stage.current,
          stage.progressed,
        ]),
      ).toEqual([
        ['Not contacted', 3, 4, 1, 0, 3],
        ['Contacted', 3, 4, 1, 1, 1],
        ['Qualified', 1, 1, 0, 0, 1],
        ['Converted', 1, 1, 0, 1, 0],
        ['Lost', 1, 1, 0, 1, 0],
      ]);
      expect(funnel[1]?.conversionToNext).toBeCloseTo(1 / 3);
      expect(funnel[2]).toMatchObject({ meanTimeInStageMs: 2 * HOUR_MS, medianTimeInStageMs: 2 * HOUR_MS });
    });

    it('lists the most common paths of converted and of lost leads with their durations', async () => {
      const store = await given();
      expect(await stagePaths(store, { orgId: ORG, outcome: 'converted' })).toEqual([
        {
          path: ['Not contacted', 'Contacted', 'Qualified', 'Converted'],
          leads: 1,
          meanDurationMs: 4 * HOUR_MS,
          medianDurationMs: 4 * HOUR_MS,
        },
      ]);
      expect(await stagePaths(store, { orgId: ORG, outcome: 'lost' })).toEqual([
        {
          path: ['Not contacted', 'Contacted', 'Lost'],
          leads: 1,
          meanDurationMs: 3 * HOUR_MS,
          medianDurationMs: 3 * HOUR_MS,
        },
      ]);
    });
  });
}
