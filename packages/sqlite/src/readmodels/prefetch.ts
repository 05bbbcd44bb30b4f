// Loads every row a batch's handlers will read (the projector's prefetch) in a few statements per
// table before the batch: one statement run per row read was most of a SQLite rebuild (profiled).
import type Database from 'better-sqlite3';
import type { ProjectorBatch, Row, TableSchema } from '@leadline/projections';
import { encodeKey, prefetchWanted, quote, rowFromSql } from '@leadline/projections';
import { sqliteDialect as dialect } from './dialect';

/** Keys per statement; a short last chunk repeats a key, so one prepared statement serves every chunk. */
const KEYS_PER_QUERY = 250;

function selectByKeysSql(physical: string, table: TableSchema): string {
  const key = table.primaryKey.map(quote);
  const one = key.length === 1 ? '?' : `(${key.map(() => '?').join(', ')})`;
  const list = Array.from({ length: KEYS_PER_QUERY }, () => one).join(', ');
  return key.length === 1 ? `SELECT * FROM ${physical} WHERE ${key.join('')} IN (${list})` : `SELECT * FROM ${physical} WHERE (${key.join(', ')}) IN (VALUES ${list})`;
}

/** Table name → encoded key → the stored row, or null when there is none. */
export function prefetchRows(
  statement: (sql: string) => Database.Statement,
  physical: (table: string) => string,
  batch: ProjectorBatch,
): Map<string, Map<string, Row | null>> {
  const loaded = new Map<string, Map<string, Row | null>>();
  for (const { table, keys } of prefetchWanted(batch)) {
    const rows = new Map<string, Row | null>();
    for (const encoded of keys.keys()) rows.set(encoded, null);
    const types = table.primaryKey.map((column) => table.columns.find((candidate) => candidate.name === column)?.type ?? 'text');
    const select = statement(selectByKeysSql(physical(table.name), table));
    const all = [...keys.values()];
    for (let start = 0; start < all.length; start += KEYS_PER_QUERY) {
      const params: unknown[] = [];
      for (let index = start; index < start + KEYS_PER_QUERY; index += 1) {
        const key = all[Math.min(index, all.length - 1)] ?? [];
        types.forEach((type, column) => params.push(dialect.toSql(type, key[column] ?? null)));
      }
      for (const raw of select.all(...params) as Record<string, unknown>[]) {
        const row = rowFromSql(dialect, table, raw);
        rows.set(encodeKey(table.primaryKey.map((column) => row[column] ?? null)), row);
      }
    }
    loaded.set(table.name, rows);
  }
  return loaded;
}
