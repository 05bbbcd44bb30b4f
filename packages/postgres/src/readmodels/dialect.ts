// PostgreSQL's side of the read-model SQL: bigint, double precision, boolean, timestamptz; text
// compared with the "C" collation so it orders byte-wise like SQLite and the in-memory store.
import type { ColumnType, SqlDialect, SqlValue } from '@leadline/projections';

const TYPES: Record<ColumnType, string> = {
  text: 'text',
  integer: 'bigint',
  real: 'double precision',
  boolean: 'boolean',
  timestamp: 'timestamptz',
};

export const postgresDialect: SqlDialect = {
  name: 'postgres',
  placeholder: (index) => `$${index}`,
  columnType: (type) => TYPES[type],
  toSql: (_type, value) => value,
  fromSql: (type, value): SqlValue => {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return value.toISOString();
    if (type === 'integer' || type === 'real') return Number(value);
    return value as SqlValue;
  },
  binaryCollation: ' COLLATE "C"',
  startsWith: (column, value) => `starts_with(${column}, ${value()}::text)`,
  endsWith: (column, value) => `right(${column}, length(${value()}::text)) = ${value()}::text`,
  contains: (column, value) => `strpos(${column}, ${value()}::text) > 0`,
};
