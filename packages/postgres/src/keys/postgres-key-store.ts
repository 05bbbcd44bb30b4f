// The contact key table in the event store's own PostgreSQL schema. A deleted key's row version stays
// in the table's file until VACUUM reclaims it; docs/privacy.md says what to run and when.
import { InvalidArgumentError, newContactKey, type ContactKey, type ContactKeyStore } from '@leadline/eventstore';
import type { Pool } from 'pg';
import { ownPool } from '../own-pool.js';
import { POSTGRES_DEFAULT_SCHEMA } from '../eventstore/index.js';
import { keyTableSql } from './key-table.js';

export interface PostgresKeyStoreOptions {
  readonly connectionString?: string;
  readonly pool?: Pool;
  /** The event store's schema (default `leadline`). */
  readonly schema?: string;
}

export interface PostgresKeyStore extends ContactKeyStore {
  close(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const plainIdentifier = /^[a-z_][a-z0-9_]{0,39}$/;

export async function openPostgresKeyStore(options: PostgresKeyStoreOptions): Promise<PostgresKeyStore> {
  const schema = options.schema ?? POSTGRES_DEFAULT_SCHEMA;
  if (!plainIdentifier.test(schema)) {
    throw new InvalidArgumentError(
      'schema',
      'lower-case identifier',
      `schema must be a plain identifier, got ${JSON.stringify(schema)}.`,
    );
  }
  const ownsPool = options.pool === undefined;
  const pool = options.pool ?? ownPool(options.connectionString);
  const table = `"${schema}".personal_data_keys`;
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await pool.query(keyTableSql(schema));
  } catch (error) {
    if (ownsPool) await pool.end();
    throw error;
  }
  async function find(contactId: string): Promise<ContactKey | null> {
    const held = await pool.query<{ key_id: string; key: Buffer }>(
      `SELECT key_id, key FROM ${table} WHERE contact_id = $1 ORDER BY key_id LIMIT 1`,
      [contactId],
    );
    const row = held.rows[0];
    return row === undefined ? null : { keyId: row.key_id, key: row.key };
  }
  return {
    find,
    async keyFor(contactId) {
      const held = await find(contactId);
      if (held !== null) return held;
      // Two processes may both create a first key; both are the contact's, and erasure deletes both.
      const created = newContactKey();
      await pool.query(`INSERT INTO ${table} (key_id, contact_id, key) VALUES ($1, $2, $3)`, [
        created.keyId,
        contactId,
        Buffer.from(created.key),
      ]);
      return created;
    },
    async adopt(key) {
      if (!UUID.test(key.keyId)) return false;
      const stored = await pool.query(
        `INSERT INTO ${table} (key_id, contact_id, key) VALUES ($1, $2, $3) ON CONFLICT (key_id) DO NOTHING`,
        [key.keyId, key.contactId, Buffer.from(key.key)],
      );
      return (stored.rowCount ?? 0) > 0;
    },
    async keysById(keyIds) {
      const found = new Map<string, Uint8Array | null>(keyIds.map((keyId) => [keyId, null]));
      const ids = keyIds.filter((keyId) => UUID.test(keyId));
      if (ids.length === 0) return found;
      const { rows } = await pool.query<{ key_id: string; key: Buffer }>(
        `SELECT key_id, key FROM ${table} WHERE key_id = ANY ($1::uuid[])`,
        [ids],
      );
      for (const row of rows) found.set(row.key_id, row.key);
      return found;
    },
    async keyById(keyId) {
      if (!UUID.test(keyId)) return null;
      const found = await pool.query<{ key: Buffer }>(`SELECT key FROM ${table} WHERE key_id = $1`, [keyId]);
      return found.rows[0]?.key ?? null;
    },
    async erase(contactId) {
      const removed = await pool.query(`DELETE FROM ${table} WHERE contact_id = $1`, [contactId]);
      return removed.rowCount ?? 0;
    },
    async count() {
      const counted = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      return Number(counted.rows[0]?.n ?? 0);
    },
    async close() {
      if (ownsPool) await pool.end();
    },
  };
}
