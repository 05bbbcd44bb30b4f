// The bookkeeping tables of the PostgreSQL read-model store, in the store's schema.
export const metaSchema = (schema: string): string[] => [
  `CREATE SCHEMA IF NOT EXISTS "${schema}"`,
  `CREATE TABLE IF NOT EXISTS "${schema}".projection_checkpoints (
     name text NOT NULL, version integer NOT NULL, position bigint NOT NULL, updated_at timestamptz NOT NULL,
     PRIMARY KEY (name, version))`,
  `CREATE TABLE IF NOT EXISTS "${schema}".projection_versions (
     name text PRIMARY KEY, live_version integer NOT NULL, switched_at timestamptz NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS "${schema}".projection_tables (
     name text NOT NULL, version integer NOT NULL, table_name text NOT NULL, schema_json text NOT NULL,
     PRIMARY KEY (name, version, table_name))`,
];

export const metaSql = (schema: string) => ({
  checkpoint: `SELECT position FROM "${schema}".projection_checkpoints WHERE name = $1 AND version = $2`,
  /** Locks the checkpoint row so two runners of one version apply batches one after the other. */
  lockCheckpoint: `INSERT INTO "${schema}".projection_checkpoints (name, version, position, updated_at) VALUES ($1, $2, 0, now())
     ON CONFLICT (name, version) DO UPDATE SET updated_at = "${schema}".projection_checkpoints.updated_at RETURNING position`,
  saveCheckpoint: `UPDATE "${schema}".projection_checkpoints SET position = GREATEST(position, $3), updated_at = now() WHERE name = $1 AND version = $2`,
  deleteCheckpoint: `DELETE FROM "${schema}".projection_checkpoints WHERE name = $1 AND version = $2`,
  live: `SELECT live_version FROM "${schema}".projection_versions WHERE name = $1`,
  setLive: `INSERT INTO "${schema}".projection_versions (name, live_version, switched_at) VALUES ($1, $2, now())
     ON CONFLICT (name) DO UPDATE SET live_version = excluded.live_version, switched_at = excluded.switched_at`,
  clearLive: `DELETE FROM "${schema}".projection_versions WHERE name = $1`,
  tables: `SELECT table_name, schema_json FROM "${schema}".projection_tables WHERE name = $1 AND version = $2 ORDER BY table_name`,
  registerTable: `INSERT INTO "${schema}".projection_tables (name, version, table_name, schema_json) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name, version, table_name) DO UPDATE SET schema_json = excluded.schema_json`,
  forgetTables: `DELETE FROM "${schema}".projection_tables WHERE name = $1 AND version = $2`,
});
