// Loads, in one query per table (and per key-prefix length), every row a batch's handlers will read or
// patch (the projector's prefetch), so handlers run against memory and PostgreSQL sees few round trips.
// A patch the overlay cannot see becomes an UPDATE of its own: one round trip per row.
import type { PoolClient } from 'pg';
import type { PrefetchedRows, ProjectorBatch, Row, SqlValue, TableSchema } from '@leadline/projections';
import { buildTableName, encodeKey, prefetchWanted, primaryKeyTypes, quote, rowFromSql } from '@leadline/projections';
import { postgresDialect as dialect } from './dialect.js';

const KEYS_PER_QUERY = 1000;

/** `build`: which build's tables of the batch's version to read (see buildTableName). */
export async function prefetchRows(
  client: PoolClient,
  schema: string,
  batch: ProjectorBatch,
  build: number,
): Promise<PrefetchedRows> {
  const loaded = new Map<string, Map<string, Row | null>>();
  const prefixes = new Map<string, Set<string>>();
  for (const { table, keys, prefixes: wantedPrefixes } of prefetchWanted(batch)) {
    const rows = new Map<string, Row | null>();
    for (const encoded of keys.keys()) rows.set(encoded, null);
    const byLength = new Map<number, (readonly SqlValue[])[]>();
    for (const prefix of wantedPrefixes.values()) {
      const sameLength = byLength.get(prefix.length);
      if (sameLength === undefined) byLength.set(prefix.length, [prefix]);
      else sameLength.push(prefix);
    }
    const lookups = [...byLength.values(), [...keys.values()]];
    for (const all of lookups) {
      for (let start = 0; start < all.length; start += KEYS_PER_QUERY) {
        for (const row of await loadKeys(
          client,
          schema,
          table,
          buildTableName(table.name, batch.projector.version, build),
          all.slice(start, start + KEYS_PER_QUERY),
        )) {
          rows.set(encodeKey(table.primaryKey.map((column) => row[column] ?? null)), row);
        }
      }
    }
    loaded.set(table.name, rows);
    if (wantedPrefixes.size > 0) prefixes.set(table.name, new Set(wantedPrefixes.keys()));
  }
  return { rows: loaded, prefixes };
}

/** The rows whose key, or key prefix (all of one length), is one of these. */
async function loadKeys(
  client: PoolClient,
  schema: string,
  table: TableSchema,
  physicalName: string,
  keys: readonly (readonly SqlValue[])[],
): Promise<Row[]> {
  const length = keys[0]?.length ?? 0;
  if (length === 0) return [];
  const physical = `${quote(schema)}.${quote(physicalName)}`;
  const columns = table.primaryKey.slice(0, length);
  const types = primaryKeyTypes(table)
    .slice(0, length)
    .map((type) => dialect.columnType(type));
  // One array parameter per key column, zipped by unnest: a fixed statement whatever the key count.
  const arrays = columns.map((_, index) => keys.map((key) => key[index] ?? null));
  const unnest = types.map((type, index) => `$${index + 1}::${type}[]`).join(', ');
  const sql = `SELECT t.* FROM ${physical} t WHERE (${columns.map((column) => `t.${quote(column)}`).join(', ')}) IN (SELECT * FROM unnest(${unnest}) AS k(${columns.map(quote).join(', ')}))`;
  const result = await client.query(sql, arrays);
  return result.rows.map((raw: Record<string, unknown>) => rowFromSql(dialect, table, raw));
}
