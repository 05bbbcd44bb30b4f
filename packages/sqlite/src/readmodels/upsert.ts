// Writes a batch's changed rows into one physical table: a multi-row upsert prepared once per table and
// run for every full chunk, its parameters filled into one reused array. Building the SQL text and a
// parameter array per row for every chunk cost more than a third of what SQLite itself spent (profiled).
import type Database from 'better-sqlite3';
import type { Row, TableSchema } from '@leadline/projections';
import { upsertSql } from '@leadline/projections';
import { sqliteDialect as dialect } from './dialect.js';

/** Rows per statement: well under SQLite's 32,766 bound parameters for the widest table. */
export const ROWS_PER_INSERT = 200;

export interface TableUpsert {
  /** Upserts these rows (each with every column), ROWS_PER_INSERT at a time, the rest one by one. */
  write(rows: readonly Row[]): void;
}

export function tableUpsert(db: Database.Database, physical: string, table: TableSchema): TableUpsert {
  const columns = table.columns.map((column) => column.name);
  const booleans = table.columns.map((column) => column.type === 'boolean');
  const chunk = db.prepare(upsertSql(dialect, physical, table, ROWS_PER_INSERT));
  const single = db.prepare(upsertSql(dialect, physical, table, 1));
  const params: unknown[] = new Array<unknown>(ROWS_PER_INSERT * columns.length);
  const one: unknown[] = new Array<unknown>(columns.length);

  const fill = (target: unknown[], offset: number, row: Row): void => {
    for (let index = 0; index < columns.length; index += 1) {
      const value = row[columns[index] ?? ''] ?? null;
      target[offset + index] = booleans[index] === true ? dialect.toSql('boolean', value) : value;
    }
  };

  return {
    write(rows) {
      let start = 0;
      for (; start + ROWS_PER_INSERT <= rows.length; start += ROWS_PER_INSERT) {
        for (let index = 0; index < ROWS_PER_INSERT; index += 1)
          fill(params, index * columns.length, rows[start + index] ?? {});
        chunk.run(params);
      }
      for (; start < rows.length; start += 1) {
        fill(one, 0, rows[start] ?? {});
        single.run(one);
      }
    },
  };
}
