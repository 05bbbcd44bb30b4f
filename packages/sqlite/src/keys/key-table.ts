// The contact key table, in the event store's own file: created by the key store, or by the event store
// on its first append that stores keys (whichever comes first).
import type Database from 'better-sqlite3';

export function createKeyTable(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS personal_data_keys (
    key_id TEXT PRIMARY KEY,
    contact_id TEXT NOT NULL,
    key BLOB NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS personal_data_keys_contact ON personal_data_keys (contact_id);`);
}

/** Stores a key unless one of its id is held (an append retried, a key adopted twice). */
export const INSERT_KEY = 'INSERT OR IGNORE INTO personal_data_keys (key_id, contact_id, key) VALUES (?, ?, ?)';
