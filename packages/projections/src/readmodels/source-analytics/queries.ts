// Typed source analytics: per source and per period (the period a lead was created in), how many leads
// came, were contacted, qualified, converted or lost, the conversion rate, time to convert and value won.
import type { Money, OrgId } from '@leadline/domain';
import { invalidArgument } from '../../store/errors.js';
import type { ReadModelReader } from '../../store/port.js';
import type { Condition } from '../../store/query.js';
import { eq, gte, lt } from '../../store/query.js';
import type { Row } from '../../store/schema.js';
import { moneyOf, sumMoney, text } from '../shared/rows.js';
import { durationMs, mean, median, ratio } from '../shared/stats.js';
import type { Period } from './periods.js';
import { Period as Periods, periodStart } from './periods.js';
import { sourceAnalyticsProjector } from './projector.js';
import { sourceAnalyticsLeads } from './tables.js';

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

function stats(source: string, period: string, rows: readonly Row[]): SourcePeriodStats {
  const count = (column: string): number => rows.filter((row) => row[column] !== null).length;
  const converted = rows.filter((row) => row['converted_at'] !== null);
  const times = converted.map((row) => durationMs(text(row, 'created_at'), text(row, 'converted_at')));
  return {
    source,
    period,
    created: rows.length,
    contacted: count('contacted_at'),
    qualified: count('qualified_at'),
    converted: converted.length,
    lost: count('lost_at'),
    conversionRate: ratio(converted.length, rows.length),
    medianTimeToConvertMs: median(times),
    meanTimeToConvertMs: mean(times),
    valueWon: sumMoney(converted.map((row) => moneyOf(row, 'value_won_minor', 'value_won_currency'))),
  };
}

/** One row per source and period that had leads created, ordered by period then source. */
export async function sourceAnalytics(
  reader: ReadModelReader,
  query: SourceAnalyticsQuery,
): Promise<SourcePeriodStats[]> {
  if (!Object.values(Periods).includes(query.period)) {
    throw invalidArgument('period', 'day-week-month', `period must be day, week or month (got "${query.period}").`);
  }
  const where: Condition[] = [eq('org_id', query.orgId), eq('state', 'active')];
  if (query.from !== undefined) where.push(gte('created_at', query.from.toISOString()));
  if (query.to !== undefined) where.push(lt('created_at', query.to.toISOString()));
  if (query.source !== undefined) where.push(eq('source', query.source));
  const rows = await reader.select({ name: sourceAnalyticsProjector.name }, sourceAnalyticsLeads.name, { where });
  const groups = new Map<string, { source: string; period: string; rows: Row[] }>();
  for (const row of rows) {
    const source = text(row, 'source');
    const period = periodStart(text(row, 'created_at'), query.period);
    const key = `${period}\u0000${source}`;
    const group = groups.get(key) ?? { source, period, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, group]) => stats(group.source, group.period, group.rows));
}
