// Checks a query against a table's schema before any store runs it: column names are spliced into SQL,
// and a typo should fail the same way on every store.
import { ReadModelError, ReadModelErrorCode, invalidArgument } from './errors.js';
import type { Query } from './query.js';
import type { TableSchema } from './schema.js';

export function validateQuery(table: TableSchema, query: Query): void {
  const known = new Set(table.columns.map((column) => column.name));
  const check = (column: string): void => {
    if (!known.has(column)) {
      throw new ReadModelError(
        ReadModelErrorCode.UnknownColumn,
        `${table.name}.${column}`,
        'declared-column',
        `Table ${table.name} has no column ${column}.`,
      );
    }
  };
  for (const condition of query.where ?? []) check(condition.column);
  for (const order of query.orderBy ?? []) check(order.column);
  for (const [field, value] of [
    ['limit', query.limit],
    ['offset', query.offset],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw invalidArgument(
        field,
        'non-negative-integer',
        `A query's ${field} must be a whole number of zero or more (got ${value}).`,
      );
    }
  }
}

export function tableOf(tables: readonly TableSchema[], name: string, owner: string): TableSchema {
  const table = tables.find((candidate) => candidate.name === name);
  if (table === undefined) {
    throw new ReadModelError(ReadModelErrorCode.UnknownTable, name, 'declared-table', `${owner} has no table ${name}.`);
  }
  return table;
}
