// The read-model store on PostgreSQL (pg): plain typed tables per projector version in one schema, a
// view per table under its public name for the live version, and every batch applied with its
// checkpoint in one transaction that holds the checkpoint row's lock.
import type { Pool, PoolClient } from 'pg';
import { ownPool } from '../own-pool.js';
import type {
  LeaseFence,
  PrefetchedRows,
  Projector,
  ProjectorBatch,
  ProjectorTarget,
  Query,
  ReadModelDatabase,
  ReadModelStore,
  ReadTarget,
  Row,
  ShadowBuild,
  ShadowTarget,
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
  quote,
  ReadModelError,
  ReadModelErrorCode,
  rowFromSql,
  selectSql,
  tableOf,
  updateWhereSql,
  validateQuery,
  viewsReading,
} from '@leadline/projections';
import { postgresDialect as dialect } from './dialect.js';
import { createSubstringIndex } from './substring-index.js';
import { metaSchema, metaSql } from './meta.js';
import { QueryPipeline, yieldToEventLoop } from './pipeline.js';
import { columnsOf, commentsSql } from './comments.js';
import { readModelKysely } from './kysely.js';
import { prefetchRows } from './prefetch.js';
import { ROWS_PER_UPSERT, unnestUpsert } from './upsert.js';
import { checkFences, leaseTableSql, postgresLeaseStore } from './leases.js';

export interface PostgresReadModelStoreOptions {
  /** Where to connect; the store opens a pool of its own and ends it on dispose. */
  readonly connectionString?: string;
  /** A pool you own instead (the store never ends it). */
  readonly pool?: Pool;
  /** The schema holding the read-model tables (default `leadline`). */
  readonly schema?: string;
}

export const POSTGRES_READ_MODEL_DEFAULT_SCHEMA = 'leadline';

const missingShadow = (shadow: ShadowTarget): ReadModelError =>
  new ReadModelError(
    ReadModelErrorCode.NotReady,
    shadow.name,
    'shadow',
    `${describeTarget(shadow)} has no rebuild ${shadow.build} beside its live tables any more.`,
  );

/** Events applied between two turns of the event loop, in which node-pg sends the writes queued so far. */
const EVENTS_BETWEEN_YIELDS = 500;

export async function openPostgresReadModelStore(options: PostgresReadModelStoreOptions): Promise<ReadModelStore> {
  const schema = options.schema ?? POSTGRES_READ_MODEL_DEFAULT_SCHEMA;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new ReadModelError(
      ReadModelErrorCode.InvalidArgument,
      'schema',
      'identifier',
      `Schema "${schema}" must be lower-case letters, digits and _.`,
    );
  }
  if ((options.pool === undefined) === (options.connectionString === undefined)) {
    throw new ReadModelError(
      ReadModelErrorCode.InvalidArgument,
      'pool',
      'one-of-pool-or-connection-string',
      'Give exactly one of pool and connectionString.',
    );
  }
  const ownsPool = options.pool === undefined;
  const pool = options.pool ?? ownPool(options.connectionString);
  const lockFor = (client: PoolClient, what: string) =>
    client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${schema}.${what}`]);
  {
    // Two processes opening the same schema at once must not race on CREATE ... IF NOT EXISTS.
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await lockFor(client, 'meta');
      for (const statement of [...metaSchema(schema), leaseTableSql(schema)]) await client.query(statement);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  const sql = metaSql(schema);
  const schemas = new Map<string, readonly TableSchema[]>();
  /** The qualified physical table of one build of a version (see buildTableName). */
  const physical = (table: string, version: number, build: number): string =>
    `${quote(schema)}.${quote(buildTableName(table, version, build))}`;
  let disposed = false;

  const open = (): void => {
    if (disposed)
      throw new ReadModelError(
        ReadModelErrorCode.Disposed,
        'store',
        'not-disposed',
        'The PostgreSQL read-model store was disposed.',
      );
  };
  const inTransaction = async <T>(work: (client: PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  const tablesOf = async (
    target: ProjectorTarget,
    client: Pool | PoolClient = pool,
  ): Promise<readonly TableSchema[]> => {
    const key = `${target.name}\u0000${target.version}`;
    const cached = schemas.get(key);
    if (cached !== undefined) return cached;
    const stored = await client.query<{ schema_json: string }>(sql.tables, [target.name, target.version]);
    if (stored.rows.length === 0) {
      throw new ReadModelError(
        ReadModelErrorCode.NotReady,
        target.name,
        'prepared',
        `${describeTarget(target)} has no tables in schema ${schema}: run the projections first.`,
      );
    }
    const tables = stored.rows.map((row) => JSON.parse(row.schema_json) as TableSchema);
    schemas.set(key, tables);
    return tables;
  };
  const liveOf = async (name: string, client: Pool | PoolClient = pool): Promise<number | null> =>
    (await client.query<{ live_version: number }>(sql.live, [name])).rows[0]?.live_version ?? null;
  /** Which build's tables hold the version now; read inside the caller's transaction, never cached. */
  const buildOf = async (target: ProjectorTarget, client: Pool | PoolClient = pool): Promise<number> =>
    (await client.query<{ build: number }>(sql.buildOf, [target.name, target.version])).rows[0]?.build ?? 0;

  /**
   * Locks the batch's checkpoint row (two runners of one version take turns; a switch waits for them),
   * or its rebuild's row for a batch loading a shadow, which must still exist.
   */
  const lock = async (client: PoolClient, batch: ProjectorBatch): Promise<void> => {
    const { name, version } = batch.projector;
    if (batch.build === undefined) {
      await client.query(sql.lockCheckpoint, [name, version]);
      return;
    }
    const shadow = (await client.query<{ build: number }>(sql.lockShadow, [name, version])).rows[0];
    if (shadow?.build !== batch.build) throw missingShadow({ name, version, build: batch.build });
  };

  /** The build each batch writes: its shadow's, or the one holding its version (read after the locks). */
  const buildsFor = async (client: PoolClient, batches: readonly ProjectorBatch[]): Promise<number[]> => {
    const names = [
      ...new Set(batches.filter((batch) => batch.build === undefined).map((batch) => batch.projector.name)),
    ];
    const held = new Map<string, number>();
    if (names.length > 0)
      for (const row of (await client.query<{ name: string; version: number; build: number }>(sql.buildsOf, [names]))
        .rows)
        held.set(`${row.name}\u0000${row.version}`, row.build);
    return batches.map(
      (batch) => batch.build ?? held.get(`${batch.projector.name}\u0000${batch.projector.version}`) ?? 0,
    );
  };

  /** Applies the batch's events in memory, letting queued writes go out every so often. */
  const applyEvents = async (batch: ProjectorBatch, preloaded: PrefetchedRows | undefined): Promise<BatchOverlay> => {
    const overlay = new BatchOverlay(batch.projector.tables, undefined, preloaded?.rows, false, preloaded?.prefixes);
    for (const [index, event] of batch.events.entries()) {
      if (index % EVENTS_BETWEEN_YIELDS === EVENTS_BETWEEN_YIELDS - 1) await yieldToEventLoop();
      overlay.at(event.position);
      batch.projector.apply(event, overlay.tx);
    }
    return overlay;
  };

  /** Queues the batch's writes and its checkpoint; they run while the next batch is applied. */
  const sendWrites = (pipeline: QueryPipeline, batch: ProjectorBatch, build: number, overlay: BatchOverlay): void => {
    const { projector } = batch;
    const { pending, rows } = overlay.result();
    // Final rows first: a row the batch holds is already what its events made it (updates included),
    // and the guarded updates that follow reach only the rows the batch did not load.
    for (const [table, changed] of rows) {
      for (let start = 0; start < changed.length; start += ROWS_PER_UPSERT) {
        const upsert = unnestUpsert(
          physical(table.name, projector.version, build),
          table,
          changed.slice(start, start + ROWS_PER_UPSERT),
        );
        pipeline.send(upsert.sql, upsert.params);
      }
    }
    for (const write of pending) {
      const target = physical(write.table.name, projector.version, build);
      const compiled =
        write.kind === 'updateWhere'
          ? updateWhereSql(dialect, target, write.table, write.where, write.changes, write.position)
          : patchSql(dialect, target, write.table, write.key, write.changes, write.position);
      pipeline.send(compiled.sql, compiled.params);
    }
    if (batch.build === undefined)
      pipeline.send(sql.saveCheckpoint, [projector.name, projector.version, batch.checkpoint.toString()]);
    else
      pipeline.send(sql.saveShadowCheckpoint, [
        projector.name,
        projector.version,
        batch.build,
        batch.checkpoint.toString(),
      ]);
  };

  /** Drops one build's tables (their indexes go with them); the public views are the caller's business. */
  const dropBuild = async (
    client: PoolClient,
    tables: readonly TableSchema[],
    version: number,
    build: number,
  ): Promise<void> => {
    for (const table of tables) await client.query(`DROP TABLE IF EXISTS ${physical(table.name, version, build)}`);
  };

  /** The rebuild this target names, its row locked; READ_MODEL_NOT_READY once switched in or dropped. */
  const lockedShadow = async (
    client: PoolClient,
    shadow: ShadowTarget,
  ): Promise<{ build: number; position: string | null; indexed: boolean }> => {
    const row = (
      await client.query<{ build: number; position: string | null; indexed: boolean }>(sql.lockShadow, [
        shadow.name,
        shadow.version,
      ])
    ).rows[0];
    if (row === undefined || row.build !== shadow.build) throw missingShadow(shadow);
    return row;
  };

  const kysely = readModelKysely(pool, schema);
  const qualified = (name: string): string => `${quote(schema)}.${quote(name)}`;

  /** Public views, then the analyst views over them once everything they read is live; all documented. */
  const repointViews = async (
    client: PoolClient,
    target: ProjectorTarget,
    build: number,
    work: () => Promise<void> = () => Promise.resolve(),
  ): Promise<void> => {
    await lockFor(client, `views.${target.name}`);
    // Analyst views depend on the public views: they go first and come back last.
    const analystViews = viewsReading(target.name);
    for (const view of analystViews) await client.query(`DROP VIEW IF EXISTS ${qualified(view.name)}`);
    const previous = await liveOf(target.name, client);
    if (previous !== null)
      for (const table of await tablesOf({ name: target.name, version: previous }, client))
        await client.query(`DROP VIEW IF EXISTS ${qualified(table.name)}`);
    for (const table of await tablesOf(target, client)) {
      await client.query(`DROP VIEW IF EXISTS ${qualified(table.name)}`);
      await client.query(
        `CREATE VIEW ${qualified(table.name)} AS SELECT * FROM ${physical(table.name, target.version, build)}`,
      );
      for (const statement of commentsSql('VIEW', qualified(table.name), table.description, columnsOf(table)))
        await client.query(statement);
    }
    await client.query(sql.setLive, [target.name, target.version]);
    await work();
    for (const view of analystViews) {
      const live = await Promise.all(view.reads.map((name) => liveOf(name, client)));
      if (live.some((version) => version === null)) continue;
      await client.query(createViewSql(view, kysely.$extendTables<ReadModelDatabase>(), qualified(view.name)));
      for (const statement of commentsSql('VIEW', qualified(view.name), view.description, Object.entries(view.columns)))
        await client.query(statement);
    }
  };

  return {
    kind: 'postgres',
    sql: { engine: 'postgres', db: kysely },

    async prepare(projector: Projector): Promise<void> {
      open();
      await inTransaction(async (client) => {
        // Serialises concurrent prepares of the same version (CREATE ... IF NOT EXISTS can race).
        await lockFor(client, `tables.${projector.name}.${projector.version}`);
        // After a rebuild beside them, the version lives in that build's tables: never recreate build 0.
        const build = await buildOf(projector, client);
        for (const table of projector.tables) {
          for (const statement of createTableSql(
            dialect,
            physical(table.name, projector.version, build),
            table,
            buildSuffix(projector.version, build),
          ))
            await client.query(statement);
          await createSubstringIndex(
            client,
            physical(table.name, projector.version, build),
            `${table.name}_substrings${buildSuffix(projector.version, build)}`,
            table,
          );
          for (const statement of commentsSql(
            'TABLE',
            physical(table.name, projector.version, build),
            table.description,
            columnsOf(table),
          ))
            await client.query(statement);
          await client.query(sql.registerTable, [projector.name, projector.version, table.name, JSON.stringify(table)]);
        }
      });
      schemas.set(`${projector.name}\u0000${projector.version}`, projector.tables);
    },

    async checkpoint(target: ProjectorTarget): Promise<bigint | null> {
      open();
      const row = (await pool.query<{ position: string }>(sql.checkpoint, [target.name, target.version])).rows[0];
      return row === undefined ? null : BigInt(row.position);
    },

    leases: postgresLeaseStore(pool, schema),

    async applyBatches(batches: readonly ProjectorBatch[], fences: readonly LeaseFence[] = []): Promise<void> {
      open();
      await inTransaction(async (client) => {
        await checkFences(client, schema, fences);
        // Every lock first, in the batches' order (as before: two runners lock in the same order).
        for (const batch of batches) await lock(client, batch);
        const builds = await buildsFor(client, batches);
        const loaded: PrefetchedRows[] = [];
        for (const [index, batch] of batches.entries())
          loaded.push(await prefetchRows(client, schema, batch, builds[index] ?? 0));
        const pipeline = new QueryPipeline(client);
        try {
          for (const [index, batch] of batches.entries())
            sendWrites(pipeline, batch, builds[index] ?? 0, await applyEvents(batch, loaded[index]));
        } catch (error) {
          // A handler threw: let what was sent settle, then the rollback follows it.
          await pipeline.drain().catch(() => undefined);
          throw error;
        }
        await pipeline.drain();
      });
    },

    async liveVersion(name: string): Promise<number | null> {
      open();
      return liveOf(name);
    },

    async makeLive(target: ProjectorTarget): Promise<void> {
      open();
      await inTransaction(async (client) => repointViews(client, target, await buildOf(target, client)));
    },

    async dropVersion(target: ProjectorTarget, dropOptions: { readonly evenIfLive?: boolean } = {}): Promise<void> {
      open();
      await inTransaction(async (client) => {
        await lockFor(client, `views.${target.name}`);
        const isLive = (await liveOf(target.name, client)) === target.version;
        if (isLive && dropOptions.evenIfLive !== true) {
          throw new ReadModelError(
            ReadModelErrorCode.LiveVersion,
            target.name,
            'not-live',
            `${describeTarget(target)} is live; make another version live before dropping it.`,
          );
        }
        const stored = await client.query<{ schema_json: string }>(sql.tables, [target.name, target.version]);
        const tables = stored.rows.map((row) => JSON.parse(row.schema_json) as TableSchema);
        if (isLive)
          for (const view of viewsReading(target.name))
            await client.query(`DROP VIEW IF EXISTS ${qualified(view.name)}`);
        if (isLive)
          for (const table of tables) await client.query(`DROP VIEW IF EXISTS ${quote(schema)}.${quote(table.name)}`);
        const shadow = (await client.query<{ build: number }>(sql.lockShadow, [target.name, target.version])).rows[0];
        if (shadow !== undefined) await dropBuild(client, tables, target.version, shadow.build);
        await dropBuild(client, tables, target.version, await buildOf(target, client));
        await client.query(sql.forgetShadow, [target.name, target.version]);
        if (isLive) await client.query(sql.clearLive, [target.name]);
        await client.query(sql.forgetTables, [target.name, target.version]);
        await client.query(sql.deleteCheckpoint, [target.name, target.version]);
      });
      schemas.delete(`${target.name}\u0000${target.version}`);
    },

    async select(target: ReadTarget, table: string, query: Query = {}): Promise<Row[]> {
      open();
      const version = target.version ?? (await liveOf(target.name));
      if (version === null) {
        throw new ReadModelError(
          ReadModelErrorCode.NotReady,
          target.name,
          'live-version',
          `No version of ${target.name} is live yet: run the projections first.`,
        );
      }
      const schemaOfTable = tableOf(
        await tablesOf({ name: target.name, version }),
        table,
        describeTarget({ name: target.name, version }),
      );
      validateQuery(schemaOfTable, query);
      const build = await buildOf({ name: target.name, version });
      const compiled = selectSql(dialect, physical(table, version, build), schemaOfTable, query);
      const result = await pool.query(compiled.sql, compiled.params);
      return result.rows.map((raw: Record<string, unknown>) => rowFromSql(dialect, schemaOfTable, raw));
    },

    async openShadow(projector: Projector, shadowOptions: { readonly fresh?: boolean } = {}): Promise<ShadowBuild> {
      open();
      const target = { name: projector.name, version: projector.version };
      return inTransaction(async (client): Promise<ShadowBuild> => {
        await lockFor(client, `tables.${target.name}.${target.version}`);
        if ((await liveOf(target.name, client)) !== target.version) {
          throw new ReadModelError(
            ReadModelErrorCode.NotReady,
            target.name,
            'live-version',
            `${describeTarget(target)} is not live: only the live version is rebuilt beside its tables.`,
          );
        }
        const leftover = (
          await client.query<{ build: number; position: string | null; indexed: boolean }>(sql.lockShadow, [
            target.name,
            target.version,
          ])
        ).rows[0];
        if (leftover !== undefined && shadowOptions.fresh !== true) {
          return {
            ...target,
            build: leftover.build,
            checkpoint: leftover.position === null ? null : BigInt(leftover.position),
            indexed: leftover.indexed,
          };
        }
        if (leftover !== undefined) {
          await dropBuild(client, projector.tables, target.version, leftover.build);
          await client.query(sql.forgetShadow, [target.name, target.version]);
        }
        const build = Math.max(await buildOf(target, client), leftover?.build ?? 0) + 1;
        // Primary keys only: the secondary indexes come after the bulk load (indexShadow).
        for (const table of projector.tables) {
          const name = physical(table.name, target.version, build);
          for (const statement of createTableSql(
            dialect,
            name,
            { ...table, indexes: [] },
            buildSuffix(target.version, build),
          ))
            await client.query(statement);
          for (const statement of commentsSql('TABLE', name, table.description, columnsOf(table)))
            await client.query(statement);
        }
        await client.query(sql.startShadow, [target.name, target.version, build]);
        return { ...target, build, checkpoint: null, indexed: false };
      });
    },

    async indexShadow(shadow: ShadowTarget): Promise<void> {
      open();
      await inTransaction(async (client) => {
        const row = await lockedShadow(client, shadow);
        if (row.indexed) return;
        // Index builds sort the whole table: give them room (this transaction only).
        await client.query("SET LOCAL maintenance_work_mem = '256MB'");
        for (const table of await tablesOf(shadow, client)) {
          const name = physical(table.name, shadow.version, shadow.build);
          const suffix = buildSuffix(shadow.version, shadow.build);
          const [, ...indexes] = createTableSql(dialect, name, table, suffix);
          for (const statement of indexes) await client.query(statement);
          await createSubstringIndex(client, name, `${table.name}_substrings${suffix}`, table);
        }
        await client.query(sql.markShadowIndexed, [shadow.name, shadow.version]);
      });
    },

    async switchToShadow(shadow: ShadowTarget): Promise<boolean> {
      open();
      return inTransaction(async (client): Promise<boolean> => {
        // The live checkpoint's row first, as every batch of the live tables takes it: a batch in flight
        // finishes before the switch reads where the live tables stand.
        const live = await client.query<{ position: string }>(sql.lockCheckpoint, [shadow.name, shadow.version]);
        const row = await lockedShadow(client, shadow);
        if (!row.indexed) {
          throw new ReadModelError(
            ReadModelErrorCode.InvalidArgument,
            shadow.name,
            'indexed',
            `The rebuild of ${describeTarget(shadow)} has no secondary indexes yet: index it before switching.`,
          );
        }
        if ((await liveOf(shadow.name, client)) !== shadow.version) {
          throw new ReadModelError(
            ReadModelErrorCode.NotReady,
            shadow.name,
            'live-version',
            `${describeTarget(shadow)} is no longer live: its rebuild beside the live tables cannot take over.`,
          );
        }
        const position = BigInt(row.position ?? '0');
        if (BigInt(live.rows[0]?.position ?? '0') > position) return false;
        const previous = await buildOf(shadow, client);
        const tables = await tablesOf(shadow, client);
        await repointViews(client, shadow, shadow.build, () => dropBuild(client, tables, shadow.version, previous));
        await client.query(sql.setBuild, [shadow.name, shadow.version, shadow.build]);
        await client.query(sql.saveCheckpoint, [shadow.name, shadow.version, position.toString()]);
        await client.query(sql.forgetShadow, [shadow.name, shadow.version]);
        return true;
      });
    },

    async dropShadow(target: ProjectorTarget): Promise<void> {
      open();
      await inTransaction(async (client) => {
        const row = (await client.query<{ build: number }>(sql.lockShadow, [target.name, target.version])).rows[0];
        if (row === undefined) return;
        await dropBuild(client, await tablesOf(target, client), target.version, row.build);
        await client.query(sql.forgetShadow, [target.name, target.version]);
      });
    },

    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      if (ownsPool) await pool.end();
    },
  };
}
