// Keyset cursors: the sort key and id of the last row of a page, as an opaque base64url string. The next
// page starts strictly after it, so pages stay stable while rows are added and never need OFFSET.
import { invalidArgument } from '../store/errors.js';

export type CursorValue = string | number | null;

export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** The values of a cursor with `arity` parts; a clear error naming `field` for anything else. */
export function decodeCursor(cursor: string, arity: number, field = 'after'): CursorValue[] {
  const invalid = () =>
    invalidArgument(field, 'cursor', `"${cursor}" is not a cursor of this query: pass a nextCursor it returned.`);
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(values) || values.length !== arity) throw invalid();
  const checked: CursorValue[] = [];
  for (const value of values as unknown[]) {
    if (value !== null && typeof value !== 'string' && typeof value !== 'number') throw invalid();
    checked.push(value);
  }
  return checked;
}
