// The source analytics read model's queries, specified once and run on every SQL store (see testing/).
import { describe, expect, it } from '@jest/globals';
import { ClientId, StageId } from '@leadline/domain';
import type { ReadModelStoreFactory } from '../../testing/factory.js';
import { storesFrom } from '../../testing/factory.js';
import { feed, prepareLive } from '../../testing/feed.js';
import { WORLD_ORGS, workflowIdOf } from '../../testing/history/world.js';
import { Scenario } from '../../testing/scenario.js';
import { periodStart } from './periods.js';
import { sourceAnalyticsProjector } from './projector.js';
import { sourceAnalytics } from './queries.js';

/** Registers the suite; `factory` opens a fresh, empty store of the kind under test. */
export function describeSourceAnalyticsQueries(factory: ReadModelStoreFactory): void {
  const open = storesFrom(factory);

  const ORG = WORLD_ORGS[0];
  const HOUR = 60;
  const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

  async function given() {
    // HISTORY_START is Monday 2026-01-05 08:00 UTC.
    const scenario = new Scenario()
      .on('won', (leadId) => ({
        type: 'CreateLead',
        leadId,
        fields: { name: 'Won', email: 'w@example.com', source: 'Referral', estimatedValue: eur(10_000) },
      }))
      .on('won2', (leadId) => ({
        type: 'CreateLead',
        leadId,
        fields: { name: 'Won Two', email: 'w2@example.com', source: 'Referral', estimatedValue: eur(30_000) },
      }))
      .on('lost', (leadId) => ({
        type: 'CreateLead',
        leadId,
        fields: { name: 'Lost', email: 'l@example.com', source: 'Referral' },
      }))
      .on('web', (leadId) => ({
        type: 'CreateLead',
        leadId,
        fields: { name: 'Web', email: 'web@example.com', source: 'Website' },
      }))
      .on('custom', (leadId) => ({
        type: 'CreateLead',
        leadId,
        workflowId: workflowIdOf(ORG, 1),
        fields: { name: 'Custom', email: 'c@example.com', source: 'Website' },
      }))
      .after(2 * HOUR)
      .on('won', (leadId) => ({ type: 'ChangeStage', leadId, stageId: StageId('CONTACTED') }))
      .on('lost', (leadId) => ({ type: 'ChangeStage', leadId, stageId: StageId('CONTACTED') }))
      .on('custom', (leadId) => ({ type: 'ChangeStage', leadId, stageId: StageId('proposal') }))
      .after(2 * HOUR)
      .on('won', (leadId) => ({ type: 'ConvertToClient', leadId, clientId: ClientId('client-1'), mode: 'new' }))
      .on('lost', (leadId) => ({ type: 'MarkLeadLost', leadId, reason: 'No budget' }))
      .after(8 * HOUR)
      .on('won2', (leadId) => ({ type: 'ConvertToClient', leadId, clientId: ClientId('client-2'), mode: 'new' }))
      .after(7 * 24 * HOUR)
      .on('next', (leadId) => ({
        type: 'CreateLead',
        leadId,
        fields: { name: 'Next week', email: 'n@example.com', source: 'Referral' },
      }));
    const store = await open();
    await prepareLive(store, [sourceAnalyticsProjector]);
    await feed(store, [sourceAnalyticsProjector], scenario.events, { batchSizes: [3] });
    return store;
  }

  describe('source analytics', () => {
    it('counts created, contacted, qualified, converted and lost per source and week, with conversion rate, time to convert and value won', async () => {
      const rows = await sourceAnalytics(await given(), { orgId: ORG, period: 'week' });
      expect(rows).toEqual([
        {
          source: 'Referral',
          period: '2026-01-05',
          created: 3,
          contacted: 3,
          qualified: 2,
          converted: 2,
          lost: 1,
          conversionRate: 2 / 3,
          medianTimeToConvertMs: 8 * 3_600_000,
          meanTimeToConvertMs: 8 * 3_600_000,
          valueWon: [eur(40_000)],
        },
        {
          source: 'Website',
          period: '2026-01-05',
          created: 2,
          contacted: 1,
          qualified: 1,
          converted: 0,
          lost: 0,
          conversionRate: 0,
          medianTimeToConvertMs: null,
          meanTimeToConvertMs: null,
          valueWon: [],
        },
        {
          source: 'Referral',
          period: '2026-01-12',
          created: 1,
          contacted: 0,
          qualified: 0,
          converted: 0,
          lost: 0,
          conversionRate: 0,
          medianTimeToConvertMs: null,
          meanTimeToConvertMs: null,
          valueWon: [],
        },
      ]);
    });

    it('groups by day and month and filters by source and time range', async () => {
      const store = await given();
      expect(
        (await sourceAnalytics(store, { orgId: ORG, period: 'month' })).map((row) => [
          row.source,
          row.period,
          row.created,
        ]),
      ).toEqual([
        ['Referral', '2026-01-01', 4],
        ['Website', '2026-01-01', 2],
      ]);
      const day = await sourceAnalytics(store, {
        orgId: ORG,
        period: 'day',
        source: 'Referral',
        from: new Date('2026-01-10T00:00:00.000Z'),
      });
      expect(day.map((row) => [row.period, row.created])).toEqual([['2026-01-12', 1]]);
      await expect(sourceAnalytics(store, { orgId: ORG, period: 'year' as never })).rejects.toMatchObject({
        field: 'period',
      });
    });

    it('changes nothing when a stage change is delivered again after its workflow was reordered', async () => {
      const scenario = new Scenario()
        .on('lead', (leadId) => ({
          type: 'CreateLead',
          leadId,
          fields: { name: 'Lead', email: 'lead@example.com', source: 'Event' },
        }))
        .on('lead', (leadId) => ({ type: 'ChangeStage', leadId, stageId: StageId('CONTACTED') }));
      const moved = scenario.events[scenario.events.length - 1];
      scenario.world.strict = true;
      scenario.world.workflow(ORG, {
        type: 'ReorderStages',
        workflowId: workflowIdOf(ORG, 0),
        order: ['NOT_CONTACTED', 'QUALIFIED', 'CONTACTED', 'CONVERTED', 'LOST'].map(StageId),
      });
      const store = await open();
      await prepareLive(store, [sourceAnalyticsProjector]);
      await feed(store, [sourceAnalyticsProjector], scenario.events);
      const before = await sourceAnalytics(store, { orgId: ORG, period: 'month' });
      expect(before[0]).toMatchObject({ contacted: 1, qualified: 0 });
      await feed(store, [sourceAnalyticsProjector], moved === undefined ? [] : [moved]);
      expect(await sourceAnalytics(store, { orgId: ORG, period: 'month' })).toEqual(before);
    });

    it('names periods by their first day in UTC, weeks starting on Monday', () => {
      expect(periodStart('2026-01-11T23:59:59.999Z', 'week')).toBe('2026-01-05');
      expect(periodStart('2026-01-12T00:00:00.000Z', 'week')).toBe('2026-01-12');
      expect(periodStart('2026-02-28T10:00:00.000Z', 'month')).toBe('2026-02-01');
      expect(periodStart('2026-02-28T10:00:00.000Z', 'day')).toBe('2026-02-28');
    });
  });
}
