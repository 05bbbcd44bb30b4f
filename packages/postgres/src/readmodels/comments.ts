// COMMENT ON for every read-model table, view and column, so analysts see each one's meaning in any SQL
// client (psql's \d+, DBeaver...). COMMENT takes no parameters: descriptions are quoted as literals.
import type { TableSchema } from '@leadline/projections';

const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

export const columnsOf = (table: TableSchema): [string, string][] =>
  table.columns.map((column) => [column.name, column.description]);

/** `qualified` is the quoted, schema-qualified name; column names are quoted here. */
export function commentsSql(
  kind: 'TABLE' | 'VIEW',
  qualified: string,
  description: string,
  columns: readonly (readonly [string, string])[],
): string[] {
  return [
    `COMMENT ON ${kind} ${qualified} IS ${literal(description)}`,
    ...columns.map(
      ([name, text]) => `COMMENT ON COLUMN ${qualified}."${name.replace(/"/g, '""')}" IS ${literal(text)}`,
    ),
  ];
}
