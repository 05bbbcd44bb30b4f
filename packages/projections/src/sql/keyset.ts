// Keyset paging: the WHERE clause that starts a page strictly after a cursor, for an ascending order over
// several columns (the last one unique, the id), and pages over a nullable first column sorted NULLS LAST
// read as two index-ordered ranges (SQLite's indexes keep NULLs first, so a NULLS LAST sort over one range
// would sort every matching row).
import type { RawBuilder, SelectQueryBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { CursorValue } from './cursor.js';

/** Rows after `values` in the ascending order of `columns` (none null; same length). */
export function afterKey(columns: readonly string[], values: readonly CursorValue[]): RawBuilder<SqlBool> {
  const [first, ...rest] = columns;
  const [value, ...restValues] = values;
  if (first === undefined) return sql<SqlBool>`1 = 0`;
  const ref = sql.ref(first);
  if (rest.length === 0) return sql<SqlBool>`${ref} > ${value}`;
  return sql<SqlBool>`(${ref} > ${value} OR (${ref} = ${value} AND ${afterKey(rest, restValues)}))`;
}

/** Orders the query by the columns, ascending. */
export function orderedBy<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  columns: readonly string[],
): SelectQueryBuilder<DB, TB, O> {
  return columns.reduce((ordered, column) => ordered.orderBy(sql.ref(column)), query);
}

/**
 * Up to `size + 1` rows in the order of `columns`, after `cursor` (its values in the same order).
 * `constant` names columns the query's filters hold to one value (`owner_id IS NULL`): they lead the ORDER
 * BY, outside the cursor, because PostgreSQL takes an index's order past a column only when the ORDER BY
 * names it (it does not count `IS NULL` as fixing it, and sorted every matching row instead).
 */
export function keysetPage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  columns: readonly string[],
  cursor: readonly CursorValue[] | null,
  size: number,
  constant: readonly string[] = [],
): Promise<O[]> {
  const after = cursor === null ? query : query.where(afterKey(columns, cursor));
  return orderedBy(after, [...constant, ...columns])
    .limit(size + 1)
    .execute();
}

/**
 * Up to `size + 1` rows ordered by `nullable` NULLS LAST, then `rest` (ending with a unique column), after
 * `cursor` ([nullable, ...rest] values): the rows where it is set, in index order, then those where it
 * is null. An index on (filters..., nullable, ...rest) serves both reads without sorting.
 */
export async function keysetPageNullsLast<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  nullable: string,
  rest: readonly string[],
  cursor: readonly CursorValue[] | null,
  size: number,
): Promise<O[]> {
  const column = sql.ref(nullable);
  const [first = null, ...restValues] = cursor ?? [];
  const set: O[] =
    cursor !== null && first === null
      ? []
      : await keysetPage(query.where(sql<SqlBool>`${column} IS NOT NULL`), [nullable, ...rest], cursor, size);
  if (set.length > size) return set;
  const unset = await keysetPage(
    query.where(sql<SqlBool>`${column} IS NULL`),
    rest,
    cursor !== null && first === null ? restValues : null,
    size - set.length,
    [nullable],
  );
  return [...set, ...unset];
}
