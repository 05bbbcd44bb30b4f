// Throwaway event stores for one trial of a workload: in memory, a SQLite file in a temporary folder, a
// PostgreSQL schema of its own. Each `close` removes what its `open` made.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryEventStore } from '@leadline/eventstore';
import { openPostgresEventStore } from '@leadline/postgres';
import { openSqliteEventStore } from '@leadline/sqlite';
import { Pool } from 'pg';
import type { OpenedStore } from './through-the-port.js';

export const postgresBenchUrl = (): string | undefined =>
  process.env.LEADLINE_BENCH_POSTGRES_URL ?? process.env.LEADLINE_TEST_POSTGRES_URL;

/** Why the PostgreSQL workloads cannot run, or undefined when they can. */
export const postgresUnavailable = (): string | undefined =>
  postgresBenchUrl() === undefined
    ? 'set LEADLINE_BENCH_POSTGRES_URL (or LEADLINE_TEST_POSTGRES_URL) to a PostgreSQL database'
    : undefined;

/** A schema name no other run uses. */
export const benchSchema = (): string => `leadline_bench_${process.pid}_${randomBytes(4).toString('hex')}`;

export async function openScratchMemoryStore(): Promise<OpenedStore> {
  const store = createMemoryEventStore();
  return { store, close: () => store.dispose() };
}

/** At durability `normal`, as every SQLite workload and its ceiling: the ratios compare layers, not fsyncs (docs/performance.md). */
export async function openScratchSqliteStore(): Promise<OpenedStore> {
  const folder = mkdtempSync(join(tmpdir(), 'leadline-bench-store-'));
  const store = openSqliteEventStore({ file: join(folder, 'events.db'), durability: 'normal' });
  return {
    store,
    close: async () => {
      await store.dispose();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export async function openScratchPostgresStore(poolSize?: number): Promise<OpenedStore> {
  const pool = new Pool({ connectionString: postgresBenchUrl(), ...(poolSize === undefined ? {} : { max: poolSize }) });
  const schema = benchSchema();
  const store = await openPostgresEventStore({ pool, schema });
  return {
    store,
    close: async () => {
      await store.dispose();
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    },
  };
}
