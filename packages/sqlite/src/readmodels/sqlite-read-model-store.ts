// The read-model store on SQLite (better-sqlite3): plain typed tables per projector version, a view
// per table under its public name pointing at the live version, and batches applied in one immediate
// transaction together with their checkpoint.
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type {
  ColumnType,
  LeaseFence,
  Projector,
  ProjectorBatch,
  ProjectorTarget,
  Query,
  NoTables,
  ReadModelDatabase,
  ReadModelStore,
  ReadTarget,
  Row,
  SqlValue,
  TableSchema,
} from '@leadline/projections';
import {
  BatchOverlay,
  createTableSql,
  createViewSql,
  describeTarget,
  patchSql,
  primaryKeyTypes,
  quote,
  ReadModelError,
  ReadModelErrorCode,
  rowFromSql,
  selectSql,
  tableOf,
  updateWhereSql,
  validateQuery,
  versionedTableName,
  viewsReading,
} from '@leadline/projections';
import { sqliteDialect as dialect } from './dialect.js';
import { META_SCHEMA, metaStatements } from './meta.js';
import { prefetchRows } from './prefetch.js';
import { sqliteLeaseStore } from './leases.js';
import { cachingDatabase } from './statement-cache.js';
import { dropSubstringIndexSql, substringIndexSql, substringViewSql } from './substring-index.js';
import type { TableUpsert } from './upsert.js';
import { tableUpsert } from './upsert.js';

export interface SqliteReadModelStoreOptions {
  /** The database file (may be the event store's own file); `:memory:` for a private in-memory one. */
  readonly file: string;
  /** How long a batch waits for another writer's lock, in ms (default 5000). */
  readonly busyTimeoutMs?: number;
}

const physical = (table: string, version: number): string => quote(versionedTableName(table, version));

export function openSqliteReadModelStore(options: SqliteReadModelStoreOptions): ReadModelStore {
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  for (const statement of META_SCHEMA) db.exec(statement);
  const meta = metaStatements(db);
  const schemas = new Map<string, readonly TableSchema[]>();
  const statements = new Map<string, Database.Statement>();
  const upserts = new Map<string, TableUpsert>();
  let disposed = false;

  const statement = (sql: string): Database.Statement => {
    let prepared = statements.get(sql);
    if (prepared === undefined) {
      prepared = db.prepare(sql);
      statements.set(sql, prepared);
    }
    return prepared;
  };
  const open = (): void => {
    if (disposed)
      throw new ReadModelError(
        ReadModelErrorCode.Disposed,
        'store',
        'not-disposed',
        'The SQLite read-model store was closed.',
      );
  };

  /** The version's tables, from this process's prepare() or from what another process registered. */
  const tablesOf = (target: ProjectorTarget): readonly TableSchema[] => {
    const key = `${target.name}\u0000${target.version}`;
    let tables = schemas.get(key);
    if (tables === undefined) {
      const stored = meta.tables.all(target.name, target.version);
      if (stored.length === 0) {
        throw new ReadModelError(
          ReadModelErrorCode.NotReady,
          target.name,
          'prepared',
          `${describeTarget(target)} has no tables in this database: run the projections first.`,
        );
      }
      tables = stored.map((row) => JSON.parse(row.schema_json) as TableSchema);
      schemas.set(key, tables);
    }
    return tables;
  };

  const readers = new Map<
    string,
    { readonly statement: Database.Statement; readonly keyTypes: readonly ColumnType[] }
  >();
  /** The prepared read by primary key of one physical table, built once. */
  const rowReader = (table: TableSchema, version: number) => {
    const name = physical(table.name, version);
    let reader = readers.get(name);
    if (reader === undefined) {
      const where = table.primaryKey.map((column) => `${quote(column)} = ?`).join(' AND ');
      reader = {
        statement: db.prepare(`SELECT * FROM ${name} WHERE ${where}`),
        keyTypes: primaryKeyTypes(table),
      };
      readers.set(name, reader);
    }
    return reader;
  };

  const applyBatch = (batch: ProjectorBatch): void => {
    const version = batch.projector.version;
    const readBase = (table: TableSchema, key: readonly SqlValue[]): Row | undefined => {
      const reader = rowReader(table, version);
      const raw = reader.statement.get(
        ...key.map((value, index) => dialect.toSql(reader.keyTypes[index] ?? 'text', value)),
      ) as Record<string, unknown> | undefined;
      return raw === undefined ? undefined : rowFromSql(dialect, table, raw);
    };
    const preloaded = prefetchRows(statement, (table) => physical(table, version), batch);
    const overlay = new BatchOverlay(batch.projector.tables, readBase, preloaded.rows, true, preloaded.prefixes);
    for (const event of batch.events) {
      overlay.at(event.position);
      batch.projector.apply(event, overlay.tx);
    }
    const { pending, rows } = overlay.result();
    for (const write of pending) {
      const target = physical(write.table.name, version);
      const compiled =
        write.kind === 'updateWhere'
          ? updateWhereSql(dialect, target, write.table, write.where, write.changes, write.position)
          : patchSql(dialect, target, write.table, write.key, write.changes, write.position);
      statement(compiled.sql).run(...compiled.params);
    }
    for (const [table, changed] of rows) {
      const name = physical(table.name, version);
      let upsert = upserts.get(name);
      if (upsert === undefined) {
        upsert = tableUpsert(db, name, table);
        upserts.set(name, upsert);
      }
      upsert.write(changed);
    }
    meta.saveCheckpoint.run(batch.projector.name, version, Number(batch.checkpoint), new Date().toISOString());
  };
  const leases = sqliteLeaseStore(db);
  const applyAll = db.transaction((batches: readonly ProjectorBatch[], fences: readonly LeaseFence[]) => {
    leases.check(fences);
    for (const batch of batches) applyBatch(batch);
  });

  // Kysely runs the typed queries on this same connection (better-sqlite3 is synchronous, so a query
  // never interleaves with a batch). Never destroyed: dispose closes the database itself.
  const kysely = new Kysely<NoTables>({ dialect: new SqliteDialect({ database: cachingDatabase(db) }) });

  /** Makes the version live: its public views, and the analyst views over them once all they read is live. */
  const switchLive = (target: ProjectorTarget): void => {
    const analystViews = viewsReading(target.name);
    for (const view of analystViews) db.exec(`DROP VIEW IF EXISTS ${quote(view.name)}`);
    meta.setLive.run(target.name, target.version, new Date().toISOString());
    repointViews(target);
    for (const view of analystViews) {
      if (view.reads.every((name) => meta.live.get(name) !== undefined))
        db.exec(createViewSql(view, kysely.$extendTables<ReadModelDatabase>(), quote(view.name)));
    }
  };

  const repointViews = (target: ProjectorTarget): void => {
    for (const table of tablesOf(target)) {
      db.exec(`DROP VIEW IF EXISTS ${quote(table.name)}`);
      db.exec(`CREATE VIEW ${quote(table.name)} AS SELECT * FROM ${physical(table.name, target.version)}`);
      for (const sql of substringViewSql(versionedTableName(table.name, target.version), table)) db.exec(sql);
    }
  };

  return {
    kind: 'sqlite',
    sql: { engine: 'sqlite', db: kysely },

    async prepare(projector: Projector): Promise<void> {
      open();
      db.transaction(() => {
        for (const table of projector.tables) {
          for (const sql of createTableSql(
            dialect,
            physical(table.name, projector.version),
            table,
            `_v${projector.version}`,
          ))
            db.exec(sql);
          for (const sql of substringIndexSql(versionedTableName(table.name, projector.version), table)) db.exec(sql);
          meta.registerTable.run(projector.name, projector.version, table.name, JSON.stringify(table));
        }
      }).immediate();
      schemas.set(`${projector.name}\u0000${projector.version}`, projector.tables);
    },

    async checkpoint(target: ProjectorTarget): Promise<bigint | null> {
      open();
      const row = meta.checkpoint.get(target.name, target.version);
      return row === undefined ? null : BigInt(row.position);
    },

    leases,

    async applyBatches(batches: readonly ProjectorBatch[], fences: readonly LeaseFence[] = []): Promise<void> {
      open();
      applyAll.immediate(batches, fences);
    },

    async liveVersion(name: string): Promise<number | null> {
      open();
      return meta.live.get(name)?.live_version ?? null;
    },

    async makeLive(target: ProjectorTarget): Promise<void> {
      open();
      db.transaction(() => switchLive(target)).immediate();
    },

    async dropVersion(target: ProjectorTarget, dropOptions: { readonly evenIfLive?: boolean } = {}): Promise<void> {
      open();
      const isLive = meta.live.get(target.name)?.live_version === target.version;
      if (isLive && dropOptions.evenIfLive !== true) {
        throw new ReadModelError(
          ReadModelErrorCode.LiveVersion,
          target.name,
          'not-live',
          `${describeTarget(target)} is live; make another version live before dropping it.`,
        );
      }
      const stored = meta.tables
        .all(target.name, target.version)
        .map((row) => JSON.parse(row.schema_json) as TableSchema);
      db.transaction(() => {
        if (isLive) for (const view of viewsReading(target.name)) db.exec(`DROP VIEW IF EXISTS ${quote(view.name)}`);
        for (const table of stored) {
          if (isLive) db.exec(`DROP VIEW IF EXISTS ${quote(table.name)}`);
          for (const sql of dropSubstringIndexSql(versionedTableName(table.name, target.version), table, isLive))
            db.exec(sql);
          db.exec(`DROP TABLE IF EXISTS ${physical(table.name, target.version)}`);
        }
        if (isLive) meta.clearLive.run(target.name);
        meta.forgetTables.run(target.name, target.version);
        meta.deleteCheckpoint.run(target.name, target.version);
      }).immediate();
      schemas.delete(`${target.name}\u0000${target.version}`);
      statements.clear();
      upserts.clear();
      readers.clear();
    },

    async select(target: ReadTarget, table: string, query: Query = {}): Promise<Row[]> {
      open();
      const version = target.version ?? meta.live.get(target.name)?.live_version;
      if (version === undefined) {
        throw new ReadModelError(
          ReadModelErrorCode.NotReady,
          target.name,
          'live-version',
          `No version of ${target.name} is live yet: run the projections first.`,
        );
      }
      const schema = tableOf(
        tablesOf({ name: target.name, version }),
        table,
        describeTarget({ name: target.name, version }),
      );
      validateQuery(schema, query);
      const compiled = selectSql(dialect, physical(table, version), schema, query);
      const raw = statement(compiled.sql).all(...compiled.params) as Record<string, unknown>[];
      return raw.map((row) => rowFromSql(dialect, schema, row));
    },

    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      statements.clear();
      upserts.clear();
      db.close();
    },
  };
}
