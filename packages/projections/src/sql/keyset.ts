// The WHERE clause that starts a page strictly after a cursor, for an ascending order over several
// columns (the last one unique, the id). A column sorted NULLS LAST matches rows where it is null too.
import type { RawBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { CursorValue } from './cursor.js';

export interface SortColumn {
  /** A column of the table read (qualified when the query joins). */
  readonly column: string;
  /** The column may be null and sorts NULLS LAST. */
  readonly nullsLast?: boolean;
}

/** Rows after `values` in the order of `columns` (both ascending, same length). */
export function afterKey(columns: readonly SortColumn[], values: readonly CursorValue[]): RawBuilder<SqlBool> {
  const [first, ...rest] = columns;
  const [value, ...restValues] = values;
  if (first === undefined) return sql<SqlBool>`1 = 0`;
  const ref = sql.ref(first.column);
  const tail = rest.length === 0 ? null : afterKey(rest, restValues);
  if (first.nullsLast === true && value === null)
    return tail === null ? sql<SqlBool>`1 = 0` : sql<SqlBool>`(${ref} IS NULL AND ${tail})`;
  const equalThenTail = tail === null ? sql<SqlBool>`1 = 0` : sql<SqlBool>`(${ref} = ${value} AND ${tail})`;
  const nulls = first.nullsLast === true ? sql<SqlBool>` OR ${ref} IS NULL` : sql``;
  return sql<SqlBool>`(${ref} > ${value} OR ${equalThenTail}${nulls})`;
}

/** ORDER BY for the same columns, NULLS LAST where asked (SQLite 3.30+ and PostgreSQL both accept it). */
export function orderByKey(columns: readonly SortColumn[]): RawBuilder<unknown> {
  return sql.join(
    columns.map((column) =>
      column.nullsLast === true ? sql`${sql.ref(column.column)} ASC NULLS LAST` : sql`${sql.ref(column.column)} ASC`,
    ),
  );
}
