// Test helpers for code that runs against a real PostgreSQL server: skip with one clear line when no
// server is configured, fail (never skip) when one is configured but unreachable, and give every test
// run a schema of its own so parallel runs never see each other's data.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { Pool } from 'pg';

export const POSTGRES_TEST_URL_VARIABLE = 'LEADLINE_TEST_POSTGRES_URL';

export const POSTGRES_TESTS_SKIPPED = `PostgreSQL tests skipped: set ${POSTGRES_TEST_URL_VARIABLE}=postgres://user@host:5432/db to run them`;

/** The server the PostgreSQL tests use, or undefined when the variable is not set. */
export function postgresTestUrl(): string | undefined {
  const url = process.env[POSTGRES_TEST_URL_VARIABLE]?.trim();
  return url === undefined || url === '' ? undefined : url;
}

/**
 * `describe` for PostgreSQL tests. Without the URL variable it registers one skipped test that says how
 * to enable them; with it, the tests run, and an unreachable server makes them fail.
 */
export function describeWithPostgres(name: string, fn: () => void): void {
  if (postgresTestUrl() === undefined) {
    describe(name, () => {
      it.skip(POSTGRES_TESTS_SKIPPED, () => undefined);
    });
    return;
  }
  describe(name, fn);
}

export interface TestSchema {
  /** A fresh, quoted-safe schema name (lower-case letters, digits and underscores). */
  readonly name: string;
  /** Drops the schema and everything in it. Safe to call twice. */
  drop(): Promise<void>;
}

/** A schema name unique to this process and call, safe to splice into SQL unquoted. */
export function uniqueSchemaName(prefix = 'leadline_test'): string {
  return `${prefix}_${process.pid}_${randomBytes(5).toString('hex')}`;
}

/** Creates a schema of its own for one test run; call `drop()` after (usePostgresTestSchema does). */
export async function createTestSchema(pool: Pool, prefix?: string): Promise<TestSchema> {
  const name = uniqueSchemaName(prefix);
  await pool.query(`CREATE SCHEMA "${name}"`);
  let dropped = false;
  return {
    name,
    async drop(): Promise<void> {
      if (dropped) return;
      dropped = true;
      await pool.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
    },
  };
}

export interface PostgresTestContext {
  readonly url: string;
  /** A pool on the test server, opened in beforeAll and ended in afterAll. */
  readonly pool: Pool;
  /** This run's own schema, created in beforeAll and dropped in afterAll. */
  readonly schema: string;
}

/**
 * Registers beforeAll/afterAll hooks that open a pool and a schema of its own, and returns a handle
 * whose fields are readable inside tests. Call it inside `describeWithPostgres`.
 *
 * Jest runs afterAll hooks in the order they were declared, so this one (declared first) ends the pool
 * before a later afterAll of yours runs: dispose stores that hold connections of this pool (a live
 * subscription holds one) inside the test, or give them a pool of their own.
 */
export function usePostgresTestSchema(
  options: { readonly prefix?: string; readonly poolSize?: number } = {},
): PostgresTestContext {
  let pool: Pool | undefined;
  let schema: TestSchema | undefined;
  const url = postgresTestUrl();
  beforeAll(async () => {
    if (url === undefined) throw new Error(POSTGRES_TESTS_SKIPPED);
    pool = new Pool({ connectionString: url, max: options.poolSize ?? 10 });
    try {
      schema = await createTestSchema(pool, options.prefix);
    } catch (error) {
      throw new Error(
        `PostgreSQL at ${redactPassword(url)} is configured (${POSTGRES_TEST_URL_VARIABLE}) but unreachable or unusable: ${String(error)}`,
        { cause: error },
      );
    }
  });
  afterAll(async () => {
    await schema?.drop();
    await pool?.end();
  });
  return {
    get url(): string {
      if (url === undefined) throw new Error(POSTGRES_TESTS_SKIPPED);
      return url;
    },
    get pool(): Pool {
      if (pool === undefined)
        throw new Error('The PostgreSQL test pool is opened in beforeAll; read it inside a test.');
      return pool;
    },
    get schema(): string {
      if (schema === undefined)
        throw new Error('The PostgreSQL test schema is created in beforeAll; read it inside a test.');
      return schema.name;
    },
  };
}

function redactPassword(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
