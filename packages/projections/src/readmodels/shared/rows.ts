// Reading typed values back out of rows; a read model's own columns, so a wrong type is a bug.
import type { Money } from '@leadline/domain';
import { StageCategory } from '@leadline/domain';
import { ReadModelError, ReadModelErrorCode } from '../../store/errors.js';
import type { Row } from '../../store/schema.js';

export const text = (row: Row, column: string): string => String(row[column]);
export const textOrNull = (row: Row, column: string): string | null => {
  const value = row[column];
  return value === null || value === undefined ? null : String(value);
};
export const numberOrNull = (row: Row, column: string): number | null => {
  const value = row[column];
  return value === null || value === undefined ? null : Number(value);
};
export const integer = (row: Row, column: string): number => Number(row[column]);

export function moneyOf(row: Row, amountColumn: string, currencyColumn: string): Money | null {
  const amountMinor = numberOrNull(row, amountColumn);
  const currency = textOrNull(row, currencyColumn);
  return amountMinor === null || currency === null ? null : { amountMinor, currency };
}

/** Sums per currency, in currency order: values in different currencies never add up. */
export function sumMoney(values: readonly (Money | null)[]): Money[] {
  const totals = new Map<string, number>();
  for (const value of values) {
    if (value !== null) totals.set(value.currency, (totals.get(value.currency) ?? 0) + value.amountMinor);
  }
  return [...totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, amountMinor]) => ({ currency, amountMinor }));
}

const CATEGORIES: readonly string[] = Object.values(StageCategory);

/** A stage category read from a row; the projectors write only these, so anything else is corruption. */
export function stageCategory(value: string): StageCategory {
  const found = Object.values(StageCategory).find((category) => category === value);
  if (found === undefined) {
    throw new ReadModelError(
      ReadModelErrorCode.InvalidArgument,
      'category',
      `one-of:${CATEGORIES.join(',')}`,
      `Stage category "${value}" is not one of ${CATEGORIES.join(', ')}.`,
    );
  }
  return found;
}
