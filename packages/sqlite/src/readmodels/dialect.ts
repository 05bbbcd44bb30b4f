// SQLite's side of the read-model SQL: types, booleans as 0/1, instants as ISO 8601 text.
import type { ColumnType, SqlDialect, SqlValue } from '@leadline/projections';

const TYPES: Record<ColumnType, string> = {
  text: 'TEXT',
  integer: 'INTEGER',
  real: 'REAL',
  boolean: 'INTEGER',
  timestamp: 'TEXT',
};

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  placeholder: () => '?',
  columnType: (type) => TYPES[type],
  toSql: (type, value) => (type === 'boolean' && typeof value === 'boolean' ? (value ? 1 : 0) : value),
  fromSql: (type, value): SqlValue => {
    if (value === null || value === undefined) return null;
    if (type === 'boolean') return value === 1 || value === 1n || value === true;
    if (typeof value === 'bigint') return Number(value);
    return value as SqlValue;
  },
  binaryCollation: '',
  // instr and substr compare bytes; SQLite's LIKE would ignore ASCII case.
  startsWith: (column, value) => `substr(${column}, 1, length(${value()})) = ${value()}`,
  endsWith: (column, value) =>
    `(length(${column}) >= length(${value()}) AND substr(${column}, length(${column}) - length(${value()}) + 1) = ${value()})`,
  contains: (column, value) => `instr(${column}, ${value()}) > 0`,
};
