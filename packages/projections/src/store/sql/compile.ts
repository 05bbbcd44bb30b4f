// SQL for the read-model stores, from table schemas and the query language, for either dialect.
import type { Condition, Query } from '../query.js';
import { emptyRow } from '../row-shape.js';
import type { ColumnType, Row, SqlValue, TableSchema } from '../schema.js';
import { POSITION_COLUMN } from '../schema.js';
import type { SqlDialect } from './dialect.js';
import { quote } from './dialect.js';

export interface CompiledSql {
  readonly sql: string;
  readonly params: unknown[];
}

const typeOf = (table: TableSchema, column: string): ColumnType => {
  const found = table.columns.find((candidate) => candidate.name === column);
  if (found === undefined) throw new Error(`Table ${table.name} has no column ${column}.`);
  return found.type;
};

/** CREATE TABLE and CREATE INDEX statements for one physical table (index names get its suffix). */
export function createTableSql(dialect: SqlDialect, physical: string, table: TableSchema, suffix: string): string[] {
  // Text columns take the binary collation, so every ORDER BY and comparison (the typed queries' keyset
  // pages included) is byte-wise on every engine and gives the same pages.
  const columns = table.columns.map(
    (column) =>
      `${quote(column.name)} ${dialect.columnType(column.type)}${column.type === 'text' ? dialect.binaryCollation : ''}${column.nullable ? '' : ' NOT NULL'}`,
  );
  const primaryKey = `PRIMARY KEY (${table.primaryKey.map(quote).join(', ')})`;
  return [
    `CREATE TABLE IF NOT EXISTS ${physical} (${[...columns, primaryKey].join(', ')})`,
    ...table.indexes.map(
      (index) =>
        `CREATE INDEX IF NOT EXISTS ${quote(`${index.name}${suffix}`)} ON ${physical} (${index.columns.map(quote).join(', ')})`,
    ),
  ];
}

class Params {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: SqlDialect) {}
  add(value: unknown): string {
    this.values.push(value);
    return this.dialect.placeholder(this.values.length);
  }
}

function compileCondition(dialect: SqlDialect, table: TableSchema, condition: Condition, params: Params): string {
  const type = typeOf(table, condition.column);
  const column = quote(condition.column);
  const text = type === 'text' ? `${column}${dialect.binaryCollation}` : column;
  switch (condition.op) {
    case 'isNull':
      return `${column} IS NULL`;
    case 'notNull':
      return `${column} IS NOT NULL`;
    case 'in':
      return condition.values.length === 0
        ? '1 = 0'
        : `${text} IN (${condition.values.map((value) => params.add(dialect.toSql(type, value))).join(', ')})`;
    case 'startsWith':
      return dialect.startsWith(column, () => params.add(condition.value));
    case 'endsWith':
      return dialect.endsWith(column, () => params.add(condition.value));
    case 'contains':
      return dialect.contains(column, () => params.add(condition.value));
    default: {
      const operator = { eq: '=', ne: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' }[condition.op];
      return `${text} ${operator} ${params.add(dialect.toSql(type, condition.value))}`;
    }
  }
}

function compileWhere(
  dialect: SqlDialect,
  table: TableSchema,
  where: readonly Condition[] | undefined,
  params: Params,
): string {
  if (where === undefined || where.length === 0) return '';
  return ` WHERE ${where.map((condition) => compileCondition(dialect, table, condition, params)).join(' AND ')}`;
}

export function selectSql(dialect: SqlDialect, physical: string, table: TableSchema, query: Query): CompiledSql {
  const params = new Params(dialect);
  let sql = `SELECT ${table.columns.map((column) => quote(column.name)).join(', ')} FROM ${physical}${compileWhere(dialect, table, query.where, params)}`;
  if (query.orderBy !== undefined && query.orderBy.length > 0) {
    sql += ` ORDER BY ${query.orderBy
      .map((order) => {
        const collation = typeOf(table, order.column) === 'text' ? dialect.binaryCollation : '';
        return `${quote(order.column)}${collation} ${order.direction === 'desc' ? 'DESC' : 'ASC'} NULLS ${order.nulls === 'first' ? 'FIRST' : 'LAST'}`;
      })
      .join(', ')}`;
  }
  if (query.limit !== undefined) sql += ` LIMIT ${params.add(query.limit)}`;
  if (query.offset !== undefined)
    sql += `${query.limit === undefined ? ` LIMIT ${dialect.name === 'sqlite' ? '-1' : 'ALL'}` : ''} OFFSET ${params.add(query.offset)}`;
  return { sql, params: params.values };
}

/** Guarded bulk update: rows already changed by a later event keep their values. */
export function updateWhereSql(
  dialect: SqlDialect,
  physical: string,
  table: TableSchema,
  where: readonly Condition[],
  changes: Row,
  position: number,
): CompiledSql {
  const params = new Params(dialect);
  const sets = Object.entries({ ...changes, [POSITION_COLUMN]: position }).map(
    ([column, value]) => `${quote(column)} = ${params.add(dialect.toSql(typeOf(table, column), value))}`,
  );
  // Parameters are numbered in the order they are added (`?` in SQLite): the conditions before the guard.
  const conditions = compileWhere(dialect, table, where, params);
  const guard = `${quote(POSITION_COLUMN)} <= ${params.add(position)}`;
  return {
    sql: `UPDATE ${physical} SET ${sets.join(', ')}${conditions === '' ? ` WHERE ${guard}` : `${conditions} AND ${guard}`}`,
    params: params.values,
  };
}

/** Guarded update of one row by primary key. */
export function patchSql(
  dialect: SqlDialect,
  physical: string,
  table: TableSchema,
  key: readonly SqlValue[],
  changes: Row,
  position: number,
): CompiledSql {
  const where = table.primaryKey.map((column, index): Condition => ({
    column,
    op: 'eq',
    value: key[index] as string | number | boolean,
  }));
  return updateWhereSql(dialect, physical, table, where, changes, position);
}

/**
 * INSERT of many full rows, replacing a stored row only when it was not changed by a later event.
 * `rows` placeholders per statement: `table.columns.length * rows`.
 */
export function upsertSql(dialect: SqlDialect, physical: string, table: TableSchema, rows: number): string {
  const names = table.columns.map((column) => quote(column.name));
  let index = 0;
  const tuples = Array.from(
    { length: rows },
    () => `(${table.columns.map(() => dialect.placeholder(++index)).join(', ')})`,
  );
  return `INSERT INTO ${physical} (${names.join(', ')}) VALUES ${tuples.join(', ')} ${upsertConflictSql(physical, table)}`;
}

/** The ON CONFLICT clause of every upsert: a stored row is replaced only when no later event changed it. */
export function upsertConflictSql(physical: string, table: TableSchema): string {
  const updates = table.columns
    .filter((column) => !table.primaryKey.includes(column.name))
    .map((column) => `${quote(column.name)} = excluded.${quote(column.name)}`);
  const conflict =
    updates.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${updates.join(', ')} WHERE ${physical}.${quote(POSITION_COLUMN)} <= excluded.${quote(POSITION_COLUMN)}`;
  return `ON CONFLICT (${table.primaryKey.map(quote).join(', ')}) ${conflict}`;
}

/** A row read from the driver, back in the port's representation. */
export function rowFromSql(dialect: SqlDialect, table: TableSchema, raw: Record<string, unknown>): Row {
  const row = emptyRow(table);
  for (const column of table.columns) row[column.name] = dialect.fromSql(column.type, raw[column.name]);
  return row;
}
