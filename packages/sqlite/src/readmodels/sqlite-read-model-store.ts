// The read-model store on SQLite (better-sqlite3): plain typed tables per projector version, a view
// per table under its public name pointing at the live version, and batches applied in one immediate
// transaction together with their checkpoint.
import { availableParallelism } from 'node:os';
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
  ShadowBuild,
  ShadowTarget,
  SqlValue,
  TableSchema,
} from '@leadline/projections';
import {
  BatchOverlay,
  buildSuffix,
  buildTableName,
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
  substringViewName,
  tableOf,
  updateWhereSql,
  validateQuery,
  viewsReading,
} from '@leadline/projections';
import { sqliteDialect as dialect } from './dialect.js';
import { META_SCHEMA, metaStatements, migrateMeta, type ShadowRow } from './meta.js';
import { prefetchRows } from './prefetch.js';
import { sqliteLeaseStore } from './leases.js';
import { cachingDatabase } from './statement-cache.js';
import { dropSubstringIndexSql, substringIndexSql, substringRebuildSql, substringViewSql } from './substring-index.js';
import type { TableUpsert } from './upsert.js';
import { tableUpsert } from './upsert.js';

export interface SqliteReadModelStoreOptions {
  /**
   * The database file (may be the event store's own file); `''` for a private temporary one (deleted at
   * close; what the `memory:` URL opens), `:memory:` for one held in the process.
   */
  readonly file: string;
  /** How long a batch waits for another writer's lock, in ms (default 5000). */
  readonly busyTimeoutMs?: number;
}

/** Helper threads SQLite's sorter may use to build a shadow's indexes (none for queries). */
const INDEX_BUILD_THREADS = Math.min(availableParallelism(), 4);

/** The quoted physical table of one build of a version (see buildTableName). */
const physical = (table: string, version: number, build: number): string =>
  quote(buildTableName(table, version, build));

const shadowOf = (target: ProjectorTarget, row: ShadowRow): ShadowBuild => ({
  name: target.name,
  version: target.version,
  build: row.build,
  checkpoint: row.position === null ? null : BigInt(row.position),
  indexed: row.indexed === 1,
});

export function openSqliteReadModelStore(options: SqliteReadModelStoreOptions): ReadModelStore {
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Erasure overwrites personal values in rows: their old bytes must not linger in freed pages.
  db.pragma('secure_delete = ON');
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  for (const statement of META_SCHEMA) db.exec(statement);
  migrateMeta(db);
  const meta = metaStatements(db);
  /** Which build's tables hold the version now: read in the caller's transaction, never cached. */
  const buildOf = (name: string, version: number): number => meta.buildOf.get(name, version)?.build ?? 0;
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

  /** The recorded rebuild this target names, or READ_MODEL_NOT_READY when it was switched in or dropped. */
  const requireShadow = (shadow: ShadowTarget): ShadowRow => {
    const row = meta.shadow.get(shadow.name, shadow.version);
    if (row === undefined || row.build !== shadow.build) {
      throw new ReadModelError(
        ReadModelErrorCode.NotReady,
        shadow.name,
        'shadow',
        `${describeTarget(shadow)} has no rebuild ${shadow.build} beside its live tables.`,
      );
    }
    return row;
  };

  /** Creates a shadow's secondary indexes and substring index and marks it indexed, in one transaction. */
  const buildShadowIndexes = (shadow: ShadowTarget): void => {
    db.transaction(() => {
      const row = requireShadow(shadow);
      if (row.indexed === 1) return;
      for (const table of tablesOf(shadow)) {
        const name = buildTableName(table.name, shadow.version, shadow.build);
        const [, ...indexes] = createTableSql(dialect, quote(name), table, buildSuffix(shadow.version, shadow.build));
        for (const sql of indexes) db.exec(sql);
        for (const sql of substringIndexSql(name, table)) db.exec(sql);
        // The triggers keep the FTS table from now on; the rows loaded so far are indexed in one pass.
        if (table.substringIndex !== undefined) db.exec(substringRebuildSql(name));
      }
      meta.markShadowIndexed.run(shadow.name, shadow.version);
    }).immediate();
  };

  const readers = new Map<
    string,
    { readonly statement: Database.Statement; readonly keyTypes: readonly ColumnType[] }
  >();
  /** The prepared read by primary key of one physical table, built once. */
  const rowReader = (table: TableSchema, version: number, build: number) => {
    const name = physical(table.name, version, build);
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
    const { name: projectorName, version } = batch.projector;
    const build = batch.build ?? buildOf(projectorName, version);
    const readBase = (table: TableSchema, key: readonly SqlValue[]): Row | undefined => {
      const reader = rowReader(table, version, build);
      const raw = reader.statement.get(
        ...key.map((value, index) => dialect.toSql(reader.keyTypes[index] ?? 'text', value)),
      ) as Record<string, unknown> | undefined;
      return raw === undefined ? undefined : rowFromSql(dialect, table, raw);
    };
    const preloaded = prefetchRows(statement, (table) => physical(table, version, build), batch);
    const overlay = new BatchOverlay(batch.projector.tables, readBase, preloaded.rows, true, preloaded.prefixes);
    for (const event of batch.events) {
      overlay.at(event.position);
      batch.projector.apply(event, overlay.tx);
    }
    const { pending, rows } = overlay.result();
    // Final rows first: a row the batch holds is already what its events made it (updates included),
    // and the guarded updates that follow reach only the rows the batch did not load.
    for (const [table, changed] of rows) {
      const name = physical(table.name, version, build);
      let upsert = upserts.get(name);
      if (upsert === undefined) {
        upsert = tableUpsert(db, name, table);
        upserts.set(name, upsert);
      }
      upsert.write(changed);
    }
    for (const write of pending) {
      const target = physical(write.table.name, version, build);
      const compiled =
        write.kind === 'updateWhere'
          ? updateWhereSql(dialect, target, write.table, write.where, write.changes, write.position)
          : patchSql(dialect, target, write.table, write.key, write.changes, write.position);
      statement(compiled.sql).run(...compiled.params);
    }
    if (batch.build === undefined) {
      meta.saveCheckpoint.run(projectorName, version, Number(batch.checkpoint), new Date().toISOString());
    } else if (
      meta.saveShadowCheckpoint.run(Number(batch.checkpoint), projectorName, version, batch.build).changes === 0
    ) {
      // The rebuild was switched in or dropped meanwhile (another process): nothing of this batch lands.
      throw new ReadModelError(
        ReadModelErrorCode.NotReady,
        projectorName,
        'shadow',
        `${describeTarget(batch.projector)} has no rebuild ${batch.build} beside its live tables any more.`,
      );
    }
  };
  const leases = sqliteLeaseStore(db);
  const applyAll = db.transaction((batches: readonly ProjectorBatch[], fences: readonly LeaseFence[]) => {
    leases.check(fences);
    for (const batch of batches) applyBatch(batch);
  });

  // Kysely runs the typed queries on this same connection (better-sqlite3 is synchronous, so a query
  // never interleaves with a batch). Never destroyed: dispose closes the database itself.
  const kysely = new Kysely<NoTables>({ dialect: new SqliteDialect({ database: cachingDatabase(db) }) });

  /**
   * Repoints the public views at one build of the version (after `work`, in the same transaction), and
   * the analyst views over them once everything they read is live.
   */
  const switchLive = (target: ProjectorTarget, build: number, work: () => void = () => undefined): void => {
    const analystViews = viewsReading(target.name);
    for (const view of analystViews) db.exec(`DROP VIEW IF EXISTS ${quote(view.name)}`);
    meta.setLive.run(target.name, target.version, new Date().toISOString());
    for (const table of tablesOf(target)) {
      db.exec(`DROP VIEW IF EXISTS ${quote(table.name)}`);
      db.exec(`CREATE VIEW ${quote(table.name)} AS SELECT * FROM ${physical(table.name, target.version, build)}`);
      for (const sql of substringViewSql(buildTableName(table.name, target.version, build), table)) db.exec(sql);
    }
    work();
    for (const view of analystViews) {
      if (view.reads.every((name) => meta.live.get(name) !== undefined))
        db.exec(createViewSql(view, kysely.$extendTables<ReadModelDatabase>(), quote(view.name)));
    }
  };

  /** Drops one build's tables and substring indexes (the public views are the caller's business). */
  const dropBuild = (tables: readonly TableSchema[], version: number, build: number): void => {
    for (const table of tables) {
      for (const sql of dropSubstringIndexSql(buildTableName(table.name, version, build), table)) db.exec(sql);
      db.exec(`DROP TABLE IF EXISTS ${physical(table.name, version, build)}`);
    }
  };

  const forgetStatements = (): void => {
    statements.clear();
    upserts.clear();
    readers.clear();
  };

  return {
    kind: 'sqlite',
    sql: { engine: 'sqlite', db: kysely },

    async prepare(projector: Projector): Promise<void> {
      open();
      db.transaction(() => {
        // After a rebuild beside them, the version lives in that build's tables: never recreate build 0.
        const build = buildOf(projector.name, projector.version);
        for (const table of projector.tables) {
          for (const sql of createTableSql(
            dialect,
            physical(table.name, projector.version, build),
            table,
            buildSuffix(projector.version, build),
          ))
            db.exec(sql);
          for (const sql of substringIndexSql(buildTableName(table.name, projector.version, build), table))
            db.exec(sql);
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
      db.transaction(() => switchLive(target, buildOf(target.name, target.version))).immediate();
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
        if (isLive) {
          for (const view of viewsReading(target.name)) db.exec(`DROP VIEW IF EXISTS ${quote(view.name)}`);
          for (const table of stored) {
            db.exec(`DROP VIEW IF EXISTS ${quote(table.name)}`);
            if (table.substringIndex !== undefined)
              db.exec(`DROP VIEW IF EXISTS ${quote(substringViewName(table.name))}`);
          }
        }
        const shadow = meta.shadow.get(target.name, target.version);
        if (shadow !== undefined) dropBuild(stored, target.version, shadow.build);
        dropBuild(stored, target.version, buildOf(target.name, target.version));
        if (isLive) meta.clearLive.run(target.name);
        meta.forgetShadow.run(target.name, target.version);
        meta.forgetTables.run(target.name, target.version);
        meta.deleteCheckpoint.run(target.name, target.version);
      }).immediate();
      schemas.delete(`${target.name}\u0000${target.version}`);
      forgetStatements();
    },

    async openShadow(projector: Projector, shadowOptions: { readonly fresh?: boolean } = {}): Promise<ShadowBuild> {
      open();
      const target = { name: projector.name, version: projector.version };
      if (meta.live.get(target.name)?.live_version !== target.version) {
        throw new ReadModelError(
          ReadModelErrorCode.NotReady,
          target.name,
          'live-version',
          `${describeTarget(target)} is not live: only the live version is rebuilt beside its tables.`,
        );
      }
      const opened = db
        .transaction((): ShadowBuild => {
          const leftover = meta.shadow.get(target.name, target.version);
          if (leftover !== undefined && shadowOptions.fresh !== true) return shadowOf(target, leftover);
          if (leftover !== undefined) dropBuild(projector.tables, target.version, leftover.build);
          const build = Math.max(buildOf(target.name, target.version), leftover?.build ?? 0) + 1;
          // Primary keys only: the secondary indexes come after the bulk load (indexShadow).
          for (const table of projector.tables)
            for (const sql of createTableSql(
              dialect,
              physical(table.name, target.version, build),
              { ...table, indexes: [] },
              buildSuffix(target.version, build),
            ))
              db.exec(sql);
          meta.startShadow.run(target.name, target.version, build, new Date().toISOString());
          return { ...target, build, checkpoint: null, indexed: false };
        })
        .immediate();
      forgetStatements();
      return opened;
    },

    async indexShadow(shadow: ShadowTarget): Promise<void> {
      open();
      // Index builds are sorts: let SQLite's sorter use helper threads for them (a fifth less time at
      // 100,000 leads), then none again, as queries had before.
      db.pragma(`threads = ${INDEX_BUILD_THREADS}`);
      try {
        buildShadowIndexes(shadow);
      } finally {
        db.pragma('threads = 0');
      }
    },

    async switchToShadow(shadow: ShadowTarget): Promise<boolean> {
      open();
      const switched = db
        .transaction((): boolean => {
          const row = requireShadow(shadow);
          if (row.indexed !== 1) {
            throw new ReadModelError(
              ReadModelErrorCode.InvalidArgument,
              shadow.name,
              'indexed',
              `The rebuild of ${describeTarget(shadow)} has no secondary indexes yet: index it before switching.`,
            );
          }
          if (meta.live.get(shadow.name)?.live_version !== shadow.version) {
            throw new ReadModelError(
              ReadModelErrorCode.NotReady,
              shadow.name,
              'live-version',
              `${describeTarget(shadow)} is no longer live: its rebuild beside the live tables cannot take over.`,
            );
          }
          const position = row.position === null ? 0 : Number(row.position);
          const live = meta.checkpoint.get(shadow.name, shadow.version);
          if (live !== undefined && Number(live.position) > position) return false;
          const previous = buildOf(shadow.name, shadow.version);
          switchLive(shadow, shadow.build, () => dropBuild(tablesOf(shadow), shadow.version, previous));
          meta.setBuild.run(shadow.build, shadow.name, shadow.version);
          meta.saveCheckpoint.run(shadow.name, shadow.version, position, new Date().toISOString());
          meta.forgetShadow.run(shadow.name, shadow.version);
          return true;
        })
        .immediate();
      if (switched) forgetStatements();
      return switched;
    },

    async dropShadow(target: ProjectorTarget): Promise<void> {
      open();
      db.transaction(() => {
        const row = meta.shadow.get(target.name, target.version);
        if (row === undefined) return;
        dropBuild(tablesOf(target), target.version, row.build);
        meta.forgetShadow.run(target.name, target.version);
      }).immediate();
      forgetStatements();
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
      const compiled = selectSql(dialect, physical(table, version, buildOf(target.name, version)), schema, query);
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
