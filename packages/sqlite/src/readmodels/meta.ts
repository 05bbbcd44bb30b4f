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
     build INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (name, version, table_name))`,
  // A rebuild of a live version beside its tables: which build it loads, where it stands, and whether
  // its secondary indexes exist yet. One row while it runs; gone once it is switched in or dropped.
  `CREATE TABLE IF NOT EXISTS projection_rebuilds (
     name TEXT NOT NULL, version INTEGER NOT NULL, build INTEGER NOT NULL, position INTEGER,
     indexed INTEGER NOT NULL, started_at TEXT NOT NULL, PRIMARY KEY (name, version))`,
];

/** Brings bookkeeping tables made by earlier releases up to META_SCHEMA (a column added since). */
export function migrateMeta(db: Database.Database): void {
  const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('projection_tables')").all();
  if (!columns.some((column) => column.name === 'build'))
    db.exec('ALTER TABLE projection_tables ADD COLUMN build INTEGER NOT NULL DEFAULT 0');
}

export interface ShadowRow {
  readonly build: number;
  readonly position: number | bigint | null;
  readonly indexed: number;
}

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
  /** Which build's physical tables hold the version (0 until a rebuild beside them was switched in). */
  readonly buildOf: Database.Statement<[string, number], { build: number }>;
  readonly setBuild: Database.Statement<[number, string, number]>;
  readonly shadow: Database.Statement<[string, number], ShadowRow>;
  readonly startShadow: Database.Statement<[string, number, number, string]>;
  readonly saveShadowCheckpoint: Database.Statement<[number, string, number, number]>;
  readonly markShadowIndexed: Database.Statement<[string, number]>;
  readonly forgetShadow: Database.Statement<[string, number]>;
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
      `INSERT INTO projection_tables (name, version, table_name, schema_json) VALUES (?, ?, ?, ?)
       ON CONFLICT (name, version, table_name) DO UPDATE SET schema_json = excluded.schema_json`,
    ),
    forgetTables: db.prepare<[string, number]>('DELETE FROM projection_tables WHERE name = ? AND version = ?'),
    buildOf: db.prepare<[string, number], { build: number }>(
      'SELECT build FROM projection_tables WHERE name = ? AND version = ? LIMIT 1',
    ),
    setBuild: db.prepare<[number, string, number]>(
      'UPDATE projection_tables SET build = ? WHERE name = ? AND version = ?',
    ),
    shadow: db.prepare<[string, number], ShadowRow>(
      'SELECT build, position, indexed FROM projection_rebuilds WHERE name = ? AND version = ?',
    ),
    startShadow: db.prepare<[string, number, number, string]>(
      `INSERT OR REPLACE INTO projection_rebuilds (name, version, build, position, indexed, started_at)
       VALUES (?, ?, ?, NULL, 0, ?)`,
    ),
    saveShadowCheckpoint: db.prepare<[number, string, number, number]>(
      `UPDATE projection_rebuilds SET position = MAX(COALESCE(position, 0), ?)
       WHERE name = ? AND version = ? AND build = ?`,
    ),
    markShadowIndexed: db.prepare<[string, number]>(
      'UPDATE projection_rebuilds SET indexed = 1 WHERE name = ? AND version = ?',
    ),
    forgetShadow: db.prepare<[string, number]>('DELETE FROM projection_rebuilds WHERE name = ? AND version = ?'),
  };
}
