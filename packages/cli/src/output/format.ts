// How values read in tables: money, durations, rates and instants.
import type { Money } from '@leadline/domain';

export const formatMoney = (values: readonly Money[]): string =>
  values.length === 0
    ? '-'
    : values
        .map(
          (value) =>
            `${(value.amountMinor / 100).toLocaleString('en-GB', { maximumFractionDigits: 0 })} ${value.currency}`,
        )
        .join(' + ');

export function formatDuration(ms: number | null): string {
  if (ms === null) return '-';
  const hours = ms / 3_600_000;
  if (hours < 1) return `${Math.round(ms / 60_000)} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} d`;
}

export const formatRate = (rate: number | null): string => (rate === null ? '-' : `${(rate * 100).toFixed(1)}%`);

/** `2026-03-02 14:30` (UTC). */
export const formatInstant = (iso: string | null): string =>
  iso === null ? '-' : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
