// Relative date filters ("created in the last 7 days", "next call this week") as a concrete range at the
// instant a list is read. Days and weeks are UTC days; a week starts on Monday.
import type { FilterOperator } from './fields.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A half-open range: from <= value < before (either side may be open). ISO instants or calendar dates. */
export interface DateRange {
  readonly from: string | null;
  readonly before: string | null;
}

export type RelativeDateOperator = Extract<FilterOperator, 'inLastDays' | 'inNextDays' | 'today' | 'thisWeek'>;

export const isRelativeDateOperator = (op: FilterOperator): op is RelativeDateOperator =>
  op === 'inLastDays' || op === 'inNextDays' || op === 'today' || op === 'thisWeek';

const startOfUtcDay = (millis: number): number => Math.floor(millis / DAY_MS) * DAY_MS;

/** Monday 00:00 UTC of the week holding `millis` (1970-01-01 was a Thursday). */
const startOfUtcWeek = (millis: number): number => {
  const day = startOfUtcDay(millis);
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return day - weekday * DAY_MS;
};

/**
 * The range a relative operator means at `now`. Instants: the last N days are [now - N days, now], the next
 * N days [now, now + N days]. Calendar dates: whole days, today included.
 */
export function relativeDateRange(
  op: RelativeDateOperator,
  days: number,
  now: Date,
  kind: 'instant' | 'date',
): DateRange {
  const at = now.getTime();
  const today = startOfUtcDay(at);
  const range = ((): { from: number; before: number } => {
    switch (op) {
      case 'inLastDays':
        return kind === 'instant'
          ? { from: at - days * DAY_MS, before: at + 1 }
          : { from: today - days * DAY_MS, before: today + DAY_MS };
      case 'inNextDays':
        return kind === 'instant'
          ? { from: at, before: at + days * DAY_MS + 1 }
          : { from: today, before: today + (days + 1) * DAY_MS };
      case 'today':
        return { from: today, before: today + DAY_MS };
      case 'thisWeek':
        return { from: startOfUtcWeek(at), before: startOfUtcWeek(at) + 7 * DAY_MS };
    }
  })();
  const show = (millis: number): string =>
    kind === 'instant' ? new Date(millis).toISOString() : new Date(millis).toISOString().slice(0, 10);
  return { from: show(range.from), before: show(range.before) };
}
