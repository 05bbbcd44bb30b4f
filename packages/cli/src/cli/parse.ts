// Values typed on the command line, checked before anything is opened: a bad one is a refused input
// (exit 1) that names the option, the rule and the form expected.
import { RATING_ORDER, type Rating } from '@leadline/domain';
import { badInput } from './cli-error.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant: `2026-03-01` (midnight UTC ending that day's start) or a full ISO 8601 instant with zone. */
export function parseInstant(value: string, field: string): Date {
  const text = value.trim();
  const date = ISO_DATE.test(text) ? new Date(`${text}T00:00:00.000Z`) : ISO_INSTANT.test(text) ? new Date(text) : null;
  if (
    date === null ||
    Number.isNaN(date.getTime()) ||
    (ISO_DATE.test(text) && date.toISOString().slice(0, 10) !== text)
  ) {
    throw badInput(
      field,
      'iso-8601',
      `"${value}" is not a date or an instant.`,
      `Write it as 2026-03-01 or 2026-03-01T14:30:00Z.`,
    );
  }
  return date;
}

/** `--as-of`: a global position (digits) or a date/instant. */
export type AsOfInput = { readonly position: bigint } | { readonly instant: Date };

export function parseAsOf(value: string): AsOfInput {
  const text = value.trim();
  if (/^\d+$/.test(text)) return { position: BigInt(text) };
  if (ISO_DATE.test(text)) {
    // A bare date means "as the day ended", which is what people mean by "as of March 1st".
    const start = parseInstant(text, '--as-of');
    return { instant: new Date(start.getTime() + 24 * 60 * 60 * 1000 - 1) };
  }
  try {
    return { instant: parseInstant(text, '--as-of') };
  } catch {
    throw badInput(
      '--as-of',
      'date-or-position',
      `"${value}" is neither a date, an instant nor a global position.`,
      'Use 2026-03-01, 2026-03-01T14:30:00Z or a position such as 1200.',
    );
  }
}

export function parsePositiveInteger(value: string, field: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) <= 0 || !Number.isSafeInteger(Number(value))) {
    throw badInput(field, 'positive-integer', `"${value}" is not a positive whole number.`);
  }
  return Number(value);
}

/** `12500` or `12500.50 EUR`: money in minor units. */
export function parseMoney(
  value: string,
  field: string,
  defaultCurrency: string,
): { amountMinor: number; currency: string } {
  const match = /^\s*(\d+(?:\.\d{1,2})?)\s*([A-Za-z]{3})?\s*$/.exec(value);
  if (match === null) {
    throw badInput(
      field,
      'money',
      `"${value}" is not an amount.`,
      'Write an amount with up to two decimals and an optional currency, e.g. 12500 or 12500.50 EUR.',
    );
  }
  return { amountMinor: Math.round(Number(match[1]) * 100), currency: (match[2] ?? defaultCurrency).toUpperCase() };
}

export function parseRating(value: string): Rating {
  const rating = RATING_ORDER.find((known) => known === value.trim().toLowerCase());
  if (rating === undefined)
    throw badInput('--rating', 'one-of:hot,warm,cold', `"${value}" is not a rating.`, 'A rating is hot, warm or cold.');
  return rating;
}
