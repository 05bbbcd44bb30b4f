// What differs between the SQL stores: placeholders, column types, how values are bound and read back,
// and the text functions conditions compile to. Everything else in SQL generation is shared.
import type { ColumnType, SqlValue } from '../schema.js';

export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  /** The n-th (1-based) bound parameter. */
  placeholder(index: number): string;
  columnType(type: ColumnType): string;
  /** A value as it is bound for a column of this type. */
  toSql(type: ColumnType, value: SqlValue): unknown;
  /** A value as the driver returns it, back in the port's representation. */
  fromSql(type: ColumnType, value: unknown): SqlValue;
  /** Appended to text columns in comparisons and ORDER BY so text orders the same everywhere (binary). */
  readonly binaryCollation: string;
  /** `value()` binds the pattern (again) and returns its placeholder: call it once per use. */
  startsWith(column: string, value: () => string): string;
  endsWith(column: string, value: () => string): string;
  contains(column: string, value: () => string): string;
}

/** Quotes an identifier; names are checked by defineTable, quoting keeps reserved words safe. */
export const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;
