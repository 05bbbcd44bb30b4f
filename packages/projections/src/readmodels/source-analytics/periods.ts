// Calendar periods in UTC: a day, an ISO week (starting Monday) or a month, named by its first day.

export const Period = { Day: 'day', Week: 'week', Month: 'month' } as const;
export type Period = (typeof Period)[keyof typeof Period];

/** The first day (YYYY-MM-DD, UTC) of the period an instant falls in. */
export function periodStart(instant: string, period: Period): string {
  const date = new Date(instant);
  const day = date.toISOString().slice(0, 10);
  if (period === Period.Day) return day;
  if (period === Period.Month) return `${day.slice(0, 7)}-01`;
  const weekday = (date.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - weekday))
    .toISOString()
    .slice(0, 10);
}

/** The first day (YYYY-MM-DD) of the period after the one `day` (YYYY-MM-DD) falls in. */
export function nextPeriodStart(day: string, period: Period): string {
  const start = new Date(`${periodStart(day, period)}T00:00:00.000Z`);
  if (period === Period.Day) start.setUTCDate(start.getUTCDate() + 1);
  else if (period === Period.Week) start.setUTCDate(start.getUTCDate() + 7);
  else start.setUTCMonth(start.getUTCMonth() + 1);
  return start.toISOString().slice(0, 10);
}
