// Upserts a table's changed rows with one array parameter per column (INSERT ... SELECT FROM unnest):
// a small fixed statement whatever the row count, instead of a VALUES list of thousands of parameters
// that PostgreSQL must parse and plan per batch.
import type { Row, TableSchema } from '@leadline/projections';
import { quote, upsertConflictSql } from '@leadline/projections';
import { postgresDialect as dialect } from './dialect.js';

/** Rows per statement: keeps each array parameter a few hundred kilobytes at most. */
export const ROWS_PER_UPSERT = 5000;

export function unnestUpsert(
  physical: string,
  table: TableSchema,
  rows: readonly Row[],
): { readonly sql: string; readonly params: unknown[] } {
  const names = table.columns.map((column) => quote(column.name)).join(', ');
  const arrays = table.columns.map((column) => rows.map((row) => dialect.toSql(column.type, row[column.name] ?? null)));
  const unnest = table.columns.map((column, index) => `$${index + 1}::${dialect.columnType(column.type)}[]`).join(', ');
  return {
    sql: `INSERT INTO ${physical} (${names}) SELECT * FROM unnest(${unnest}) ${upsertConflictSql(physical, table)}`,
    params: arrays,
  };
}
