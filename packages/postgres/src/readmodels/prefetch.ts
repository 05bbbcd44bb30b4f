// Loads, in one query per table, every row a batch's handlers will read (the projector's prefetch),
// so handlers run against memory and PostgreSQL sees few round trips.
import type { PoolClient } from 'pg';
import type { ProjectorBatch, Row, SqlValue, TableSchema } from '@leadline/projections';
import { encodeKey, prefetchWanted, quote, rowFromSql, versionedTableName } from '@leadline/projections';
import { postgresDialect as dialect } from './dialect';

const KEYS_PER_QUERY = 1000;

export async function prefetchRows(client: PoolClient, schema: string, batch: ProjectorBatch): Promise<Map<string, Map<string, Row | null>>> {
  const loaded = new Map<string, Map<string, Row | null>>();
  for (const { table, keys } of prefetchWanted(batch)) {
    const rows = new Map<string, Row | null>();
    for (const encoded of keys.keys()) rows.set(encoded, null);
    const all = [...keys.values()];
    for (let start = 0; start < all.length; start += KEYS_PER_QUERY) {
      for (const row of await loadKeys(client, schema, table, batch.projector.version, all.slice(start, start + KEYS_PER_QUERY))) {
        rows.set(encodeKey(table.primaryKey.map((column) => row[column] ?? null)), row);
      }
    }
    loaded.set(table.name, rows);
  }
  return loaded;
}

async function loadKeys(client: PoolClient, schema: string, table: TableSchema, version: number, keys: readonly (readonly SqlValue[])[]): Promise<Row[]> {
  const physical = `${quote(schema)}.${quote(versionedTableName(table.name, version))}`;
  const types = table.primaryKey.map((column) => dialect.columnType(table.columns.find((candidate) => candidate.name === column)?.type ?? 'text'));
  // One array parameter per key column, zipped by unnest: a fixed statement whatever the key count.
  const arrays = table.primaryKey.map((_, index) => keys.map((key) => key[index] ?? null));
  const unnest = types.map((type, index) => `$${index + 1}::${type}[]`).join(', ');
  const columns = table.primaryKey.map(quote).join(', ');
  const sql = `SELECT t.* FROM ${physical} t WHERE (${table.primaryKey.map((column) => `t.${quote(column)}`).join(', ')}) IN (SELECT * FROM unnest(${unnest}) AS k(${columns}))`;
  const result = await client.query(sql, arrays);
  return result.rows.map((raw: Record<string, unknown>) => rowFromSql(dialect, table, raw));
}
