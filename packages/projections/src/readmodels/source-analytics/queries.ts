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
import { durationMs, mean, median, ratio } from '../shared/stats.js';
import type { Period } from './periods.js';
import { Period as Periods } from './periods.js';

export interface SourceAnalyticsQuery {
  readonly orgId: OrgId;
  readonly period: Period;
  /** Leads created at or after this instant. */
  readonly from?: Date;
  /** Leads created before this instant. */
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

/** The first day (YYYY-MM-DD, UTC) of the period `created_at` falls in, as periodStart computes it. */
function periodOf(engine: SqlEngine, period: Period): RawBuilder<string> {
  if (engine === 'sqlite') {
    if (period === Periods.Day) return sql<string>`substr(created_at, 1, 10)`;
    if (period === Periods.Month) return sql<string>`substr(created_at, 1, 7) || '-01'`;
    return sql<string>`date(created_at, '-' || ((cast(strftime('%w', created_at) as integer) + 6) % 7) || ' days')`;
  }
  const utc = sql`(created_at AT TIME ZONE 'UTC')`;
  if (period === Periods.Day) return sql<string>`to_char(${utc}, 'YYYY-MM-DD')`;
  if (period === Periods.Month) return sql<string>`to_char(${utc}, 'YYYY-MM') || '-01'`;
  return sql<string>`to_char(date_trunc('week', ${utc}), 'YYYY-MM-DD')`;
}

/**
 * One row per source and period that had leads created, ordered by period then source. Counts are SQL
 * aggregates; times to convert and values won are read for converted leads only (a median needs them).
 */
export async function sourceAnalytics(
  reader: ReadModelReader,
  query: SourceAnalyticsQuery,
): Promise<SourcePeriodStats[]> {
  if (!Object.values(Periods).includes(query.period)) {
    throw invalidArgument('period', 'day-week-month', `period must be day, week or month (got "${query.period}").`);
  }
  let leads = readModelDb(reader)
    .selectFrom('source_analytics_leads')
    .where('org_id', '=', query.orgId)
    .where('state', '=', 'active');
  if (query.from !== undefined) leads = leads.where('created_at', '>=', query.from.toISOString());
  if (query.to !== undefined) leads = leads.where('created_at', '<', query.to.toISOString());
  if (query.source !== undefined) leads = leads.where('source', '=', query.source);
  const period = periodOf(reader.sql.engine, query.period);
  const groups = await leads
    .select((eb) => [
      period.as('period'),
      'source',
      eb.fn.countAll<number>().as('created'),
      eb.fn.count<number>('contacted_at').as('contacted'),
      eb.fn.count<number>('qualified_at').as('qualified'),
      eb.fn.count<number>('converted_at').as('converted'),
      eb.fn.count<number>('lost_at').as('lost'),
    ])
    .groupBy([period, 'source'])
    .execute();
  const conversions = await leads
    .select([period.as('period'), 'source', 'created_at', 'converted_at', 'value_won_minor', 'value_won_currency'])
    .where('converted_at', 'is not', null)
    .execute();
  const key = (row: { readonly period: string; readonly source: string }): string => `${row.period}\u0000${row.source}`;
  const converted = new Map<string, (typeof conversions)[number][]>();
  for (const row of conversions) {
    const group = converted.get(key(row));
    if (group === undefined) converted.set(key(row), [row]);
    else group.push(row);
  }
  return Array.from(groups, (group): SourcePeriodStats => {
    const won = converted.get(key(group)) ?? [];
    const times = won.map((row) => durationMs(row.created_at, row.converted_at ?? row.created_at));
    const created = group.created;
    const convertedCount = group.converted;
    return {
      source: group.source,
      period: group.period,
      created,
      contacted: group.contacted,
      qualified: group.qualified,
      converted: convertedCount,
      lost: group.lost,
      conversionRate: ratio(convertedCount, created),
      medianTimeToConvertMs: median(times),
      meanTimeToConvertMs: mean(times),
      valueWon: sumMoney(
        won.map((row) =>
          row.value_won_minor === null || row.value_won_currency === null
            ? null
            : { amountMinor: row.value_won_minor, currency: row.value_won_currency },
        ),
      ),
    };
  }).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
