// Loads every row a batch's handlers will read or patch (the projector's prefetch) in a few statements
// per table before the batch: one statement run per row read was most of a SQLite rebuild (profiled).
// Rows named by a key prefix (all stages of a workflow) are loaded by one statement per prefix.
import type Database from 'better-sqlite3';
import type { ColumnType, PrefetchedRows, ProjectorBatch, Row, SqlValue, TableSchema } from '@leadline/projections';
import { encodeKey, prefetchWanted, primaryKeyTypes, quote, rowFromSql } from '@leadline/projections';
import { sqliteDialect as dialect } from './dialect.js';

/** Keys per statement; a short last chunk repeats a key, so one prepared statement serves every chunk. */
const KEYS_PER_QUERY = 250;

function selectByKeysSql(physical: string, table: TableSchema): string {
  const key = table.primaryKey.map(quote);
  const one = key.length === 1 ? '?' : `(${key.map(() => '?').join(', ')})`;
  const list = Array.from({ length: KEYS_PER_QUERY }, () => one).join(', ');
  return key.length === 1
    ? `SELECT * FROM ${physical} WHERE ${key.join('')} IN (${list})`
    : `SELECT * FROM ${physical} WHERE (${key.join(', ')}) IN (VALUES ${list})`;
}

export function prefetchRows(
  statement: (sql: string) => Database.Statement,
  physical: (table: string) => string,
  batch: ProjectorBatch,
): PrefetchedRows {
  const loaded = new Map<string, Map<string, Row | null>>();
  const prefixes = new Map<string, Set<string>>();
  for (const { table, keys, prefixes: wantedPrefixes } of prefetchWanted(batch)) {
    const rows = new Map<string, Row | null>();
    const keep = (raw: Record<string, unknown>): void => {
      const row = rowFromSql(dialect, table, raw);
      rows.set(encodeKey(table.primaryKey.map((column) => row[column] ?? null)), row);
    };
    for (const encoded of keys.keys()) rows.set(encoded, null);
    const types = primaryKeyTypes(table);
    const all = [...keys.values()];
    if (all.length > 0) {
      const select = statement(selectByKeysSql(physical(table.name), table));
      for (let start = 0; start < all.length; start += KEYS_PER_QUERY) {
        const params: unknown[] = [];
        for (let index = start; index < start + KEYS_PER_QUERY; index += 1) {
          const key = all[Math.min(index, all.length - 1)] ?? [];
          types.forEach((type, column) => params.push(dialect.toSql(type, key[column] ?? null)));
        }
        for (const raw of select.all(...params) as Record<string, unknown>[]) keep(raw);
      }
    }
    for (const prefix of wantedPrefixes.values()) {
      for (const raw of statement(selectByPrefixSql(physical(table.name), table, prefix.length)).all(
        ...prefixParams(types, prefix),
      ) as Record<string, unknown>[])
        keep(raw);
    }
    loaded.set(table.name, rows);
    if (wantedPrefixes.size > 0) prefixes.set(table.name, new Set(wantedPrefixes.keys()));
  }
  return { rows: loaded, prefixes };
}

function selectByPrefixSql(physical: string, table: TableSchema, length: number): string {
  return `SELECT * FROM ${physical} WHERE ${table.primaryKey
    .slice(0, length)
    .map((column) => `${quote(column)} = ?`)
    .join(' AND ')}`;
}

const prefixParams = (types: readonly ColumnType[], prefix: readonly SqlValue[]): unknown[] =>
  prefix.map((value, index) => dialect.toSql(types[index] ?? 'text', value));
