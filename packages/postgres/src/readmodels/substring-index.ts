// A table's substring index on PostgreSQL: a GIN index with pg_trgm's trigram operator class on the
// indexed column, which serves LIKE '%text%' (3 characters or more) without a sequential scan; its
// scope columns (the organisation) first, through btree_gin, so one index answers both filters.
import type { PoolClient } from 'pg';
import type { TableSchema } from '@leadline/projections';
import { quote } from '@leadline/projections';

/**
 * Creates pg_trgm if it is missing (one creator at a time across schemas) and the GIN index of the
 * table's substring column; nothing for a table without one. `physical` is the qualified table name.
 */
export async function createSubstringIndex(
  client: PoolClient,
  physical: string,
  indexName: string,
  table: TableSchema,
): Promise<void> {
  const column = table.substringIndex;
  if (column === undefined) return;
  const scope = table.substringScope ?? [];
  await client.query("SELECT pg_advisory_xact_lock(hashtext('leadline.extensions'))");
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  if (scope.length > 0) await client.query('CREATE EXTENSION IF NOT EXISTS btree_gin');
  // The operator class is named with its schema: the store's search_path may not reach the extension's.
  const found = await client.query<{ schema: string }>(
    "SELECT n.nspname AS schema FROM pg_opclass c JOIN pg_namespace n ON n.oid = c.opcnamespace WHERE c.opcname = 'gin_trgm_ops'",
  );
  const schema = found.rows[0]?.schema;
  if (schema === undefined) throw new Error('pg_trgm is installed but its gin_trgm_ops operator class is missing.');
  const columns = [...scope.map(quote), `${quote(column)} ${quote(schema)}.gin_trgm_ops`];
  await client.query(`CREATE INDEX IF NOT EXISTS ${quote(indexName)} ON ${physical} USING gin (${columns.join(', ')})`);
}
