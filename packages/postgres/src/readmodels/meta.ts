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
  // Which build's physical tables hold the version: 0 until a rebuild beside them is switched in.
  // (Checked first: ALTER TABLE would take an exclusive lock on every open even when the column exists.)
  `DO $$ BEGIN
     IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                    WHERE table_schema = '${schema}' AND table_name = 'projection_tables' AND column_name = 'build') THEN
       ALTER TABLE "${schema}".projection_tables ADD COLUMN build integer NOT NULL DEFAULT 0;
     END IF;
   END $$`,
  // A rebuild of a live version beside its tables while it runs: its build, position and whether its
  // secondary indexes exist yet; gone once it is switched in or dropped.
  `CREATE TABLE IF NOT EXISTS "${schema}".projection_rebuilds (
     name text NOT NULL, version integer NOT NULL, build integer NOT NULL, position bigint,
     indexed boolean NOT NULL, started_at timestamptz NOT NULL, PRIMARY KEY (name, version))`,
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
  buildOf: `SELECT build FROM "${schema}".projection_tables WHERE name = $1 AND version = $2 LIMIT 1`,
  /** The build of every version of these projectors, read after the batch's locks. */
  buildsOf: `SELECT DISTINCT name, version, build FROM "${schema}".projection_tables WHERE name = ANY($1::text[])`,
  setBuild: `UPDATE "${schema}".projection_tables SET build = $3 WHERE name = $1 AND version = $2`,
  /** Locks the rebuild's row: its batches take turns, and a switch or drop waits for the one in flight. */
  lockShadow: `SELECT build, position, indexed FROM "${schema}".projection_rebuilds WHERE name = $1 AND version = $2 FOR UPDATE`,
  startShadow: `INSERT INTO "${schema}".projection_rebuilds (name, version, build, position, indexed, started_at)
     VALUES ($1, $2, $3, NULL, false, now())`,
  saveShadowCheckpoint: `UPDATE "${schema}".projection_rebuilds SET position = GREATEST(COALESCE(position, 0), $4)
     WHERE name = $1 AND version = $2 AND build = $3`,
  markShadowIndexed: `UPDATE "${schema}".projection_rebuilds SET indexed = true WHERE name = $1 AND version = $2`,
  forgetShadow: `DELETE FROM "${schema}".projection_rebuilds WHERE name = $1 AND version = $2`,
});
