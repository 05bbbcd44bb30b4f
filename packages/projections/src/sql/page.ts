// One page of a list: its items and the cursor of the next page (null on the last one).
import { invalidArgument } from '../store/errors.js';
import type { CursorValue } from './cursor.js';
import { encodeCursor } from './cursor.js';

export interface Page<T> {
  readonly items: readonly T[];
  /** Pass it as `after` to read the next page; null when this page is the last. */
  readonly nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** A page size from a query: `fallback` when absent, else a whole number from `min` to MAX_PAGE_SIZE. */
export function pageSize(limit: number | undefined, field = 'limit', fallback = DEFAULT_PAGE_SIZE, min = 1): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < min || limit > MAX_PAGE_SIZE) {
    throw invalidArgument(
      field,
      `integer-${min}-to-${MAX_PAGE_SIZE}`,
      `${field} must be a whole number from ${min} to ${MAX_PAGE_SIZE} (got ${String(limit)}).`,
    );
  }
  return limit;
}

/**
 * A page from up to `size + 1` rows read in order: the extra row only says another page follows, and
 * the cursor is the sort key of the last row kept.
 */
export function pageOf<R, T>(
  rows: readonly R[],
  size: number,
  sortKey: (row: R) => readonly CursorValue[],
  item: (row: R) => T,
): Page<T> {
  const kept = rows.slice(0, size);
  const last = kept[kept.length - 1];
  return {
    // Array.from builds the page in this module's realm: drivers' native arrays may come from another
    // (Jest's sandbox), which strict deep equality tells apart.
    items: Array.from(kept, (row) => item(row)),
    nextCursor: rows.length > size && last !== undefined ? encodeCursor(sortKey(last)) : null,
  };
}
