// The small query language typed read-model queries are written in: conditions, order and limit.
// SQL stores translate it; the in-memory store and the batch overlay evaluate it with the functions here.
import type { Row, SqlValue } from './schema.js';

export type Condition =
  | {
      readonly column: string;
      readonly op: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte';
      readonly value: string | number | boolean;
    }
  | { readonly column: string; readonly op: 'in'; readonly values: readonly (string | number)[] }
  | { readonly column: string; readonly op: 'isNull' | 'notNull' }
  /** Case-sensitive text prefix / suffix / substring: normalise the column's content when it is written. */
  | { readonly column: string; readonly op: 'startsWith' | 'endsWith' | 'contains'; readonly value: string };

export interface OrderBy {
  readonly column: string;
  readonly direction?: 'asc' | 'desc';
  /** Defaults to last, whatever the direction. */
  readonly nulls?: 'first' | 'last';
}

export interface Query {
  readonly where?: readonly Condition[];
  readonly orderBy?: readonly OrderBy[];
  readonly limit?: number;
  readonly offset?: number;
}

export const eq = (column: string, value: string | number | boolean): Condition => ({ column, op: 'eq', value });
export const ne = (column: string, value: string | number | boolean): Condition => ({ column, op: 'ne', value });
export const lt = (column: string, value: string | number): Condition => ({ column, op: 'lt', value });
export const lte = (column: string, value: string | number): Condition => ({ column, op: 'lte', value });
export const gt = (column: string, value: string | number): Condition => ({ column, op: 'gt', value });
export const gte = (column: string, value: string | number): Condition => ({ column, op: 'gte', value });
export const isIn = (column: string, values: readonly (string | number)[]): Condition => ({ column, op: 'in', values });
export const isNull = (column: string): Condition => ({ column, op: 'isNull' });
export const notNull = (column: string): Condition => ({ column, op: 'notNull' });
export const startsWith = (column: string, value: string): Condition => ({ column, op: 'startsWith', value });
export const endsWith = (column: string, value: string): Condition => ({ column, op: 'endsWith', value });
export const contains = (column: string, value: string): Condition => ({ column, op: 'contains', value });

/** SQL semantics: a comparison with NULL is never true. */
export function matches(row: Row, condition: Condition): boolean {
  const actual = row[condition.column] ?? null;
  switch (condition.op) {
    case 'isNull':
      return actual === null;
    case 'notNull':
      return actual !== null;
    case 'in':
      return actual !== null && condition.values.includes(actual as string | number);
    case 'startsWith':
      return typeof actual === 'string' && actual.startsWith(condition.value);
    case 'endsWith':
      return typeof actual === 'string' && actual.endsWith(condition.value);
    case 'contains':
      return typeof actual === 'string' && actual.includes(condition.value);
    default:
      return actual !== null && compareOp(condition.op, compareValues(actual, condition.value));
  }
}

export const matchesAll = (row: Row, where: readonly Condition[] | undefined): boolean =>
  where === undefined || where.every((condition) => matches(row, condition));

function compareOp(op: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte', order: number): boolean {
  switch (op) {
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
    case 'lt':
      return order < 0;
    case 'lte':
      return order <= 0;
    case 'gt':
      return order > 0;
    case 'gte':
      return order >= 0;
  }
}

/** Binary (code unit) order for text, as SQLite's default collation and PostgreSQL's "C" do. */
export function compareValues(a: Exclude<SqlValue, null>, b: Exclude<SqlValue, null>): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = typeof a === 'boolean' ? Number(a) : a;
  const right = typeof b === 'boolean' ? Number(b) : b;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function compareRows(orderBy: readonly OrderBy[]): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const order of orderBy) {
      const left = a[order.column] ?? null;
      const right = b[order.column] ?? null;
      if (left === null || right === null) {
        if (left === right) continue;
        const nullsFirst = order.nulls === 'first';
        return (left === null) === nullsFirst ? -1 : 1;
      }
      const result = compareValues(left, right);
      if (result !== 0) return order.direction === 'desc' ? -result : result;
    }
    return 0;
  };
}

/** Runs a query over rows in memory: filter, order, offset, limit. */
export function runQuery(rows: Iterable<Row>, query: Query): Row[] {
  const selected: Row[] = [];
  for (const row of rows) if (matchesAll(row, query.where)) selected.push(row);
  if (query.orderBy !== undefined && query.orderBy.length > 0) selected.sort(compareRows(query.orderBy));
  const offset = query.offset ?? 0;
  return query.limit === undefined ? selected.slice(offset) : selected.slice(offset, offset + query.limit);
}
