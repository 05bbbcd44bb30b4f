// The contact key table in the event store's own SQLite file. `secure_delete` is on for this connection,
// so an erased key's bytes are overwritten in the file, and the WAL is checkpointed after each erasure,
// so no copy of the page survives in the -wal file either (docs/privacy.md).
import { newContactKey, type ContactKeyStore } from '@leadline/eventstore';
import Database from 'better-sqlite3';
import { createKeyTable, INSERT_KEY } from './key-table.js';

export interface SqliteKeyStoreOptions {
  /** The event store's file (`:memory:` works, but keys then die with the process). */
  readonly file: string;
  readonly busyTimeoutMs?: number;
}

export interface SqliteKeyStore extends ContactKeyStore {
  close(): void;
}

interface KeyRow {
  readonly key_id: string;
  readonly key: Buffer;
}

export function openSqliteKeyStore(options: SqliteKeyStoreOptions): SqliteKeyStore {
  const db = new Database(options.file, { timeout: options.busyTimeoutMs ?? 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('secure_delete = ON');
  createKeyTable(db);
  const byContact = db.prepare<[string], KeyRow>(
    'SELECT key_id, key FROM personal_data_keys WHERE contact_id = ? ORDER BY key_id LIMIT 1',
  );
  const byId = db.prepare<[string], KeyRow>('SELECT key_id, key FROM personal_data_keys WHERE key_id = ?');
  const insert = db.prepare<[string, string, Buffer]>(INSERT_KEY);
  const byIds = db.prepare<[string], KeyRow>(
    'SELECT key_id, key FROM personal_data_keys WHERE key_id IN (SELECT value FROM json_each(?))',
  );
  const remove = db.prepare<[string]>('DELETE FROM personal_data_keys WHERE contact_id = ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM personal_data_keys');
  const keyFor = db.transaction((contactId: string) => {
    const held = byContact.get(contactId);
    if (held !== undefined) return { keyId: held.key_id, key: held.key };
    const created = newContactKey();
    insert.run(created.keyId, contactId, Buffer.from(created.key));
    return created;
  });
  return {
    keyFor: (contactId) => Promise.resolve(keyFor.immediate(contactId)),
    find(contactId) {
      const held = byContact.get(contactId);
      return Promise.resolve(held === undefined ? null : { keyId: held.key_id, key: held.key });
    },
    adopt: (key) => Promise.resolve(insert.run(key.keyId, key.contactId, Buffer.from(key.key)).changes > 0),
    keyById: (keyId) => Promise.resolve(byId.get(keyId)?.key ?? null),
    keysById(keyIds) {
      const found = new Map<string, Uint8Array | null>(keyIds.map((keyId) => [keyId, null]));
      for (const row of byIds.all(JSON.stringify(keyIds))) found.set(row.key_id, row.key);
      return Promise.resolve(found);
    },
    erase(contactId) {
      const { changes } = remove.run(contactId);
      // The freed pages are zeroed in the main file once the WAL is copied back into it.
      if (changes > 0) db.pragma('wal_checkpoint(TRUNCATE)');
      return Promise.resolve(changes);
    },
    count: () => Promise.resolve(count.get()?.n ?? 0),
    close: () => db.close(),
  };
}
