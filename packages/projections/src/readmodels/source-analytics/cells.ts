// The source analytics cells, kept as leads move: an active lead counts once in the cell of its
// organisation, source and creation day, once in its creation week's and once in its month's, with the milestones it reached, its time to convert and its
// value won. Every lead event compares what the lead contributed before and after it and moves the
// difference, so the cells always equal an aggregate over the active leads' rows (the source-analytics
// suite checks both ways agree after random histories).
import type { ProjectionTx, RowRef } from '../../projector/projector.js';
import type { Row } from '../../store/schema.js';
import { addDurations } from '../shared/duration-buckets.js';
import { durationMs } from '../shared/stats.js';
import type { Period } from './periods.js';
import { Period as Periods, periodStart } from './periods.js';
import { sourceAnalyticsPeriods } from './tables.js';

const CELLS = sourceAnalyticsPeriods.name;
const PERIODS: readonly Period[] = [Periods.Day, Periods.Week, Periods.Month];

/** Leads won in one currency and their values summed, in minor units. */
type Won = [leads: number, minor: number];

type CellKey = readonly [orgId: string, source: string, createdAt: string];

interface Contribution {
  readonly key: CellKey;
  readonly contacted: number;
  readonly qualified: number;
  readonly converted: number;
  readonly lost: number;
  /** Time to convert in ms, when converted. */
  readonly timeToConvertMs: number | null;
  readonly valueWon: { readonly currency: string; readonly amountMinor: number } | null;
}

const text = (row: Row, column: string): string | null => {
  const value = row[column];
  return typeof value === 'string' ? value : null;
};

/** What one lead row adds to the cells: nothing unless it is active. */
function contributionOf(orgId: string, lead: Row | undefined): Contribution | null {
  if (lead?.['state'] !== 'active') return null;
  const createdAt = text(lead, 'created_at') ?? '';
  const convertedAt = text(lead, 'converted_at');
  const wonMinor = lead['value_won_minor'];
  const wonCurrency = text(lead, 'value_won_currency');
  return {
    key: [orgId, text(lead, 'source') ?? '', createdAt],
    contacted: text(lead, 'contacted_at') === null ? 0 : 1,
    qualified: text(lead, 'qualified_at') === null ? 0 : 1,
    converted: convertedAt === null ? 0 : 1,
    lost: text(lead, 'lost_at') === null ? 0 : 1,
    timeToConvertMs: convertedAt === null ? null : durationMs(createdAt, convertedAt),
    valueWon:
      typeof wonMinor === 'number' && wonCurrency !== null ? { currency: wonCurrency, amountMinor: wonMinor } : null,
  };
}

/** True when both contributions add the same to the same cell: moving one to the other changes nothing. */
const sameContribution = (a: Contribution, b: Contribution): boolean =>
  a.key.every((part, index) => part === b.key[index]) &&
  a.contacted === b.contacted &&
  a.qualified === b.qualified &&
  a.converted === b.converted &&
  a.lost === b.lost &&
  a.timeToConvertMs === b.timeToConvertMs &&
  a.valueWon?.currency === b.valueWon?.currency &&
  a.valueWon?.amountMinor === b.valueWon?.amountMinor;

/** The day, week and month a lead created at `createdAt` counts in; the last one asked is remembered. */
let lastStarts: { readonly createdAt: string; readonly starts: readonly string[] } | undefined;
function periodStarts(createdAt: string): readonly string[] {
  // Every event moves a lead's contribution out of its three cells and back in: the same instant six times.
  if (lastStarts?.createdAt !== createdAt)
    lastStarts = { createdAt, starts: PERIODS.map((period) => periodStart(createdAt, period)) };
  return lastStarts.starts;
}

const number = (row: Row | undefined, column: string): number => {
  const found = row?.[column];
  return typeof found === 'number' ? found : 0;
};

/** Adds one contribution to its cell of each period with `sign` (1 or -1). */
function add(tx: ProjectionTx, contribution: Contribution, sign: 1 | -1): void {
  const [orgId, source, createdAt] = contribution.key;
  const starts = periodStarts(createdAt);
  PERIODS.forEach((period, index) => addToCell(tx, [orgId, period, starts[index] ?? '', source], contribution, sign));
}

/** Adds one contribution to one cell: one write per call. */
function addToCell(
  tx: ProjectionTx,
  key: readonly [string, Period, string, string],
  contribution: Contribution,
  sign: 1 | -1,
): void {
  const cell = tx.get(CELLS, key);
  const won = contribution.valueWon;
  const stored = text(cell ?? {}, 'value_won') ?? '{}';
  let valueWon = stored;
  // Most contributions won nothing: the stored values stay as they are, without a JSON round trip.
  if (won !== null) {
    const values = new Map(Object.entries(JSON.parse(stored) as Record<string, Won>));
    const [leads, minor] = values.get(won.currency) ?? [0, 0];
    // A currency whose leads all left the cell is dropped, not kept at zero.
    if (leads + sign === 0) values.delete(won.currency);
    else values.set(won.currency, [leads + sign, minor + sign * won.amountMinor]);
    valueWon = JSON.stringify(Object.fromEntries(values));
  }
  const times = contribution.timeToConvertMs === null ? [] : [contribution.timeToConvertMs];
  const [org_id, period, starts, source] = key;
  tx.upsert(CELLS, {
    org_id,
    period,
    starts,
    source,
    created: number(cell, 'created') + sign,
    contacted: number(cell, 'contacted') + sign * contribution.contacted,
    qualified: number(cell, 'qualified') + sign * contribution.qualified,
    converted: number(cell, 'converted') + sign * contribution.converted,
    lost: number(cell, 'lost') + sign * contribution.lost,
    time_to_convert_sum_ms: number(cell, 'time_to_convert_sum_ms') + sign * (contribution.timeToConvertMs ?? 0),
    time_to_convert_buckets: addDurations(text(cell ?? {}, 'time_to_convert_buckets'), times, sign),
    value_won: valueWon,
  });
}

/** Moves the lead's contribution from what it was before the event to what it is after. */
export function keepSourceCells(
  tx: ProjectionTx,
  orgId: string,
  before: Row | undefined,
  after: Row | undefined,
): void {
  const was = contributionOf(orgId, before);
  const is = contributionOf(orgId, after);
  if (was !== null && is !== null && sameContribution(was, is)) return;
  if (was !== null) add(tx, was, -1);
  if (is !== null) add(tx, is, 1);
}

/** The organisation's cells, loaded once per batch by stores that prefetch (PostgreSQL). */
export const sourceCellsPrefetch = (event: { readonly metadata: { readonly orgId: string } }): RowRef => ({
  table: CELLS,
  key: [event.metadata.orgId],
});
