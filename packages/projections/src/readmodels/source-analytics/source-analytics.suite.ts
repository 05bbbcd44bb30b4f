// The source analytics read model's queries, specified once and run on every SQL store (see testing/).
import { describe, expect, it } from '@jest/globals';
import { ClientId, StageId } from '@leadline/domain';
import fc from 'fast-check';
import type { ReadModelReader } from '../../store/port.js';
import type { ReadModelStoreFactory } from '../../testing/factory.js';
import { storesFrom } from '../../testing/factory.js';
import { feed, prepareLive } from '../../testing/feed.js';
import { generateHistory, generateSeededHistory } from '../../testing/history/interpreter.js';
import { historyStepsArbitrary, seededSteps } from '../../testing/history/steps.js';
import { WORLD_ORGS, workflowIdOf } from '../../testing/history/world.js';
import { Scenario } from '../../testing/scenario.js';
import { readModelDb } from '../database.js';
import { addDurations, BUCKET_RELATIVE_WIDTH, parseDurationBuckets } from '../shared/duration-buckets.js';
import { durationMs } from '../shared/stats.js';
import { Period, periodStart } from './periods.js';
import { sourceAnalyticsProjector } from './projector.js';
import { sourceAnalytics } from './queries.js';

/** A cell as the kept table holds it, or as recomputed from the per-lead rows. */
interface DayCell {
  readonly created: number;
  readonly contacted: number;
  readonly qualified: number;
  readonly converted: number;
  readonly lost: number;
  readonly timeToConvertSumMs: number;
  readonly timeToConvertBuckets: unknown;
  readonly valueWon: Record<string, [number, number]>;
}

/** The kept cells that hold leads, by organisation, period, its first day and source. */
async function keptCells(reader: ReadModelReader): Promise<Record<string, DayCell>> {
  const rows = await readModelDb(reader)
    .selectFrom('source_analytics_periods')
    .selectAll()
    .where('created', '>', 0)
    .execute();
  return Object.fromEntries(
    rows.map((row) => [
      `${row.org_id}/${row.period}/${row.starts}/${row.source}`,
      {
        created: row.created,
        contacted: row.contacted,
        qualified: row.qualified,
        converted: row.converted,
        lost: row.lost,
        timeToConvertSumMs: row.time_to_convert_sum_ms,
        timeToConvertBuckets: [...parseDurationBuckets(row.time_to_convert_buckets)],
        valueWon: JSON.parse(row.value_won) as Record<string, [number, number]>,
      },
    ]),
  );
}

/** The same cells counted again from the per-lead rows, without the projector's bookkeeping. */
async function recountedCells(reader: ReadModelReader): Promise<Record<string, DayCell>> {
  const leads = await readModelDb(reader)
    .selectFrom('source_analytics_leads')
    .selectAll()
    .where('state', '=', 'active')
    .execute();
  const cells = new Map<string, { cell: DayCell; times: number[] }>();
  for (const lead of leads.flatMap((row) =>
    [Period.Day, Period.Week, Period.Month].map((period) => ({ ...row, period })),
  )) {
    const key = `${lead.org_id}/${lead.period}/${periodStart(lead.created_at, lead.period)}/${lead.source}`;
    const found = cells.get(key) ?? {
      cell: {
        created: 0,
        contacted: 0,
        qualified: 0,
        converted: 0,
        lost: 0,
        timeToConvertSumMs: 0,
        timeToConvertBuckets: [],
        valueWon: {},
      },
      times: [],
    };
    const time = lead.converted_at === null ? null : durationMs(lead.created_at, lead.converted_at);
    if (time !== null) found.times.push(time);
    const valueWon = { ...found.cell.valueWon };
    if (lead.value_won_currency !== null && lead.value_won_minor !== null) {
      const [count, minor] = valueWon[lead.value_won_currency] ?? [0, 0];
      valueWon[lead.value_won_currency] = [count + 1, minor + lead.value_won_minor];
    }
    cells.set(key, {
      times: found.times,
      cell: {
        created: found.cell.created + 1,
        contacted: found.cell.contacted + (lead.contacted_at === null ? 0 : 1),
        qualified: found.cell.qualified + (lead.qualified_at === null ? 0 : 1),
        converted: found.cell.converted + (time === null ? 0 : 1),
        lost: found.cell.lost + (lead.lost_at === null ? 0 : 1),
        timeToConvertSumMs: found.cell.timeToConvertSumMs + (time ?? 0),
        timeToConvertBuckets: [],
        valueWon,
      },
    });
  }
  return Object.fromEntries(
    [...cells].map(([key, { cell, times }]) => [
      key,
      { ...cell, timeToConvertBuckets: [...parseDurationBuckets(addDurations(null, times, 1))] },
    ]),
  );
}

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

    it('selects whole UTC days by from and to: a day counts when any of it lies in the range', async () => {
      const store = await given();
      const rows = async (from: string, to: string) =>
        (await sourceAnalytics(store, { orgId: ORG, period: 'day', from: new Date(from), to: new Date(to) })).map(
          (row) => [row.source, row.period, row.created],
        );
      expect(await rows('2026-01-05T12:00:00.000Z', '2026-01-12T00:00:00.000Z')).toEqual([
        ['Referral', '2026-01-05', 3],
        ['Website', '2026-01-05', 2],
      ]);
      expect(await rows('2026-01-06T00:00:00.000Z', '2026-01-12T08:00:00.001Z')).toEqual([
        ['Referral', '2026-01-12', 1],
      ]);
    });

    it('reads whole periods from their own cells and a period the range cuts from its days, the same figures either way', async () => {
      const store = await open();
      await prepareLive(store, [sourceAnalyticsProjector]);
      await feed(store, [sourceAnalyticsProjector], generateSeededHistory(2500, seededSteps(15)), {
        batchSizes: [400],
      });
      expect((await sourceAnalytics(store, { orgId: ORG, period: 'day' })).length).toBeGreaterThan(20);
      const cases: [string | undefined, string | undefined][] = [
        [undefined, undefined],
        ['2026-01-07T10:00:00.000Z', undefined],
        [undefined, '2026-03-18T00:00:00.000Z'],
        ['2026-01-12T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
        ['2026-02-03T09:00:00.000Z', '2026-02-05T17:00:00.000Z'],
        ['2026-01-20T00:00:00.000Z', '2026-05-20T12:00:00.000Z'],
      ];
      for (const period of [Period.Week, Period.Month]) {
        for (const [from, to] of cases) {
          const range = {
            ...(from === undefined ? {} : { from: new Date(from) }),
            ...(to === undefined ? {} : { to: new Date(to) }),
          };
          const counted = new Map<string, number>();
          for (const row of await sourceAnalytics(store, { orgId: ORG, period: 'day', ...range })) {
            const key = `${periodStart(row.period, period)}/${row.source}`;
            counted.set(key, (counted.get(key) ?? 0) + row.created);
          }
          const rows = await sourceAnalytics(store, { orgId: ORG, period, ...range });
          expect({ period, from, to, rows: rows.map((row) => [`${row.period}/${row.source}`, row.created]) }).toEqual({
            period,
            from,
            to,
            rows: [...counted].sort(([a], [b]) => (a < b ? -1 : 1)),
          });
        }
      }
    });

    it('keeps day, week and month cells equal to counting the active leads again, after any history, in any batches, every event twice or not', async () => {
      await fc.assert(
        fc.asyncProperty(
          historyStepsArbitrary(60),
          fc.constantFrom([1], [3, 17], [500]),
          fc.boolean(),
          async (steps, batchSizes, twice) => {
            const store = await open();
            await prepareLive(store, [sourceAnalyticsProjector]);
            await feed(store, [sourceAnalyticsProjector], generateHistory(steps, 'often'), { batchSizes, twice });
            expect(await keptCells(store)).toEqual(await recountedCells(store));
          },
        ),
        { numRuns: 4 },
      );
      const store = await open();
      await prepareLive(store, [sourceAnalyticsProjector]);
      await feed(store, [sourceAnalyticsProjector], generateSeededHistory(2500, seededSteps(15)), {
        batchSizes: [7, 300],
        twice: true,
      });
      const kept = await keptCells(store);
      expect(Object.values(kept).filter((cell) => cell.converted > 1).length).toBeGreaterThan(1);
      expect(kept).toEqual(await recountedCells(store));
    });

    it('reads the median time to convert from buckets: within one bucket width (~4.4%) of the exact median', async () => {
      const store = await open();
      await prepareLive(store, [sourceAnalyticsProjector]);
      await feed(store, [sourceAnalyticsProjector], generateSeededHistory(2500, seededSteps(15)), {
        batchSizes: [400],
      });
      const leads = await readModelDb(store)
        .selectFrom('source_analytics_leads')
        .selectAll()
        .where('org_id', '=', ORG)
        .where('state', '=', 'active')
        .where('converted_at', 'is not', null)
        .execute();
      const [row] = await sourceAnalytics(store, { orgId: ORG, period: 'month', source: leads[0]?.source ?? '' });
      const times = leads
        .filter((lead) => lead.source === row?.source && lead.created_at.startsWith(row.period.slice(0, 7)))
        .map((lead) => durationMs(lead.created_at, lead.converted_at ?? lead.created_at))
        .sort((a, b) => a - b);
      expect(times.length).toBeGreaterThan(2);
      const middle = Math.floor(times.length / 2);
      const exact =
        times.length % 2 === 1 ? (times[middle] ?? 0) : ((times[middle - 1] ?? 0) + (times[middle] ?? 0)) / 2;
      expect(Math.abs((row?.medianTimeToConvertMs ?? Number.NaN) - exact)).toBeLessThanOrEqual(
        BUCKET_RELATIVE_WIDTH * exact * (1 + 1e-9) + 1000,
      );
      expect(row?.meanTimeToConvertMs).toBeCloseTo(times.reduce((sum, time) => sum + time, 0) / times.length, 6);
    });

    it('names periods by their first day in UTC, weeks starting on Monday', () => {
      expect(periodStart('2026-01-11T23:59:59.999Z', 'week')).toBe('2026-01-05');
      expect(periodStart('2026-01-12T00:00:00.000Z', 'week')).toBe('2026-01-12');
      expect(periodStart('2026-02-28T10:00:00.000Z', 'month')).toBe('2026-02-01');
      expect(periodStart('2026-02-28T10:00:00.000Z', 'day')).toBe('2026-02-28');
    });
  });
}
