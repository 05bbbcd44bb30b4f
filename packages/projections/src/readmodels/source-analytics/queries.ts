// Typed source analytics: per source and per period (the period a lead was created in), how many leads
// came, were contacted, qualified, converted or lost, the conversion rate, time to convert and value won.
import type { Money, OrgId } from '@leadline/domain';
import type { RawBuilder } from 'kysely';
import { sql } from 'kysely';
import type { SqlEngine } from '../../sql/engine.js';
import { invalidArgument } from '../../store/errors.js';
import type { ReadModelReader } from '../../store/port.js';
import { readModelDb } from '../database.js';
import { sumMoney } from '../shared/rows.js';
import { bucketMedian, mergeDurationBuckets } from '../shared/duration-buckets.js';
import { ratio } from '../shared/stats.js';
import type { Period } from './periods.js';
import { Period as Periods } from './periods.js';

export interface SourceAnalyticsQuery {
  readonly orgId: OrgId;
  readonly period: Period;
  /** Leads created on the UTC day this instant falls in, or later (cells are whole days). */
  readonly from?: Date;
  /** Leads created before this instant, rounded up to the end of its UTC day (cells are whole days). */
  readonly to?: Date;
  readonly source?: string;
}

export interface SourcePeriodStats {
  readonly source: string;
  /** First day of the period, YYYY-MM-DD (UTC; weeks start on Monday). */
  readonly period: string;
  readonly created: number;
  readonly contacted: number;
  readonly qualified: number;
  readonly converted: number;
  readonly lost: number;
  /** converted / created; null when nothing was created. */
  readonly conversionRate: number | null;
  readonly medianTimeToConvertMs: number | null;
  readonly meanTimeToConvertMs: number | null;
  /** Estimated values at conversion, summed per currency. */
  readonly valueWon: readonly Money[];
}

/** The first day (YYYY-MM-DD, UTC) of the period a cell's `day` falls in, as periodStart computes it. */
function periodOf(engine: SqlEngine, period: Period): RawBuilder<string> {
  if (period === Periods.Day) return sql<string>`day`;
  if (period === Periods.Month) return sql<string>`substr(day, 1, 7) || '-01'`;
  if (engine === 'sqlite')
    return sql<string>`date(day, '-' || ((cast(strftime('%w', day) as integer) + 6) % 7) || ' days')`;
  return sql<string>`to_char(date_trunc('week', cast(day AS date)), 'YYYY-MM-DD')`;
}

const dayOf = (instant: Date): string => instant.toISOString().slice(0, 10);

/**
 * One row per source and period that had leads created, ordered by period then source, aggregated in
 * SQL from the kept day cells (at most days × sources rows). The median time to convert is read from the
 * cells' histograms (see duration-buckets.ts): within ~4.4% (or a second) of the exact median.
 */
export async function sourceAnalytics(
  reader: ReadModelReader,
  query: SourceAnalyticsQuery,
): Promise<SourcePeriodStats[]> {
  if (!Object.values(Periods).includes(query.period)) {
    throw invalidArgument('period', 'day-week-month', `period must be day, week or month (got "${query.period}").`);
  }
  let days = readModelDb(reader).selectFrom('source_analytics_days').where('org_id', '=', query.orgId);
  // A day counts when any of it lies in [from, to): ranges select whole UTC days.
  if (query.from !== undefined) days = days.where('day', '>=', dayOf(query.from));
  if (query.to !== undefined) days = days.where('day', '<=', dayOf(new Date(query.to.getTime() - 1)));
  if (query.source !== undefined) days = days.where('source', '=', query.source);
  const period = periodOf(reader.sql.engine, query.period);
  const groups = await days
    .select([
      period.as('period'),
      'source',
      sql<number>`cast(sum(created) AS bigint)`.as('created'),
      sql<number>`cast(sum(contacted) AS bigint)`.as('contacted'),
      sql<number>`cast(sum(qualified) AS bigint)`.as('qualified'),
      sql<number>`cast(sum(converted) AS bigint)`.as('converted'),
      sql<number>`cast(sum(lost) AS bigint)`.as('lost'),
      sql<number>`cast(sum(time_to_convert_sum_ms) AS bigint)`.as('time_to_convert_sum_ms'),
    ])
    .groupBy([period, 'source'])
    .having(sql<number>`sum(created)`, '>', 0)
    .execute();
  // Histograms and values won of the cells that had conversions: merged per group here.
  const conversions = await days
    .select([period.as('period'), 'source', 'time_to_convert_buckets', 'value_won'])
    .where('converted', '>', 0)
    .execute();
  const key = (row: { readonly period: string; readonly source: string }): string => `${row.period}\u0000${row.source}`;
  const converted = new Map<string, (typeof conversions)[number][]>();
  for (const row of conversions) {
    const group = converted.get(key(row));
    if (group === undefined) converted.set(key(row), [row]);
    else group.push(row);
  }
  return groups
    .map((group): SourcePeriodStats => {
      const cells = converted.get(key(group)) ?? [];
      return {
        source: group.source,
        period: group.period,
        created: group.created,
        contacted: group.contacted,
        qualified: group.qualified,
        converted: group.converted,
        lost: group.lost,
        conversionRate: ratio(group.converted, group.created),
        medianTimeToConvertMs: bucketMedian(mergeDurationBuckets(cells.map((cell) => cell.time_to_convert_buckets))),
        meanTimeToConvertMs: group.converted === 0 ? null : group.time_to_convert_sum_ms / group.converted,
        valueWon: sumMoney(cells.flatMap((cell) => valuesWon(cell.value_won))),
      };
    })
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** A cell's values won, one Money per currency. */
function valuesWon(json: string): Money[] {
  return Object.entries(JSON.parse(json) as Record<string, [number, number]>).map(([currency, [, amountMinor]]) => ({
    currency,
    amountMinor,
  }));
}
