// The bookkeeping tables of the SQLite read-model store: checkpoints, the live version of each
// projector, and the schema of every version's tables (so another process can query and drop them).
import type Database from 'better-sqlite3';

export const META_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS projection_checkpoints (
     name TEXT NOT NULL, version INTEGER NOT NULL, position INTEGER NOT NULL, updated_at TEXT NOT NULL,
     PRIMARY KEY (name, version))`,
  `CREATE TABLE IF NOT EXISTS projection_versions (
     name TEXT PRIMARY KEY, live_version INTEGER NOT NULL, switched_at TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS projection_tables (
     name TEXT NOT NULL, version INTEGER NOT NULL, table_name TEXT NOT NULL, schema_json TEXT NOT NULL,
     PRIMARY KEY (name, version, table_name))`,
];

export interface MetaStatements {
  readonly checkpoint: Database.Statement<[string, number], { position: number | bigint }>;
  readonly saveCheckpoint: Database.Statement<[string, number, number, string]>;
  readonly deleteCheckpoint: Database.Statement<[string, number]>;
  readonly live: Database.Statement<[string], { live_version: number }>;
  readonly setLive: Database.Statement<[string, number, string]>;
  readonly clearLive: Database.Statement<[string]>;
  readonly tables: Database.Statement<[string, number], { table_name: string; schema_json: string }>;
  readonly registerTable: Database.Statement<[string, number, string, string]>;
  readonly forgetTables: Database.Statement<[string, number]>;
}

export function metaStatements(db: Database.Database): MetaStatements {
  return {
    checkpoint: db.prepare<[string, number], { position: number | bigint }>(
      'SELECT position FROM projection_checkpoints WHERE name = ? AND version = ?',
    ),
    saveCheckpoint: db.prepare<[string, number, number, string]>(
      `INSERT INTO projection_checkpoints (name, version, position, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name, version) DO UPDATE SET position = MAX(position, excluded.position), updated_at = excluded.updated_at`,
    ),
    deleteCheckpoint: db.prepare<[string, number]>('DELETE FROM projection_checkpoints WHERE name = ? AND version = ?'),
    live: db.prepare<[string], { live_version: number }>('SELECT live_version FROM projection_versions WHERE name = ?'),
    setLive: db.prepare<[string, number, string]>(
      `INSERT INTO projection_versions (name, live_version, switched_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET live_version = excluded.live_version, switched_at = excluded.switched_at`,
    ),
    clearLive: db.prepare<[string]>('DELETE FROM projection_versions WHERE name = ?'),
    tables: db.prepare<[string, number], { table_name: string; schema_json: string }>(
      'SELECT table_name, schema_json FROM projection_tables WHERE name = ? AND version = ? ORDER BY table_name',
    ),
    registerTable: db.prepare<[string, number, string, string]>(
      'INSERT OR REPLACE INTO projection_tables (name, version, table_name, schema_json) VALUES (?, ?, ?, ?)',
    ),
    forgetTables: db.prepare<[string, number]>('DELETE FROM projection_tables WHERE name = ? AND version = ?'),
  };
}
