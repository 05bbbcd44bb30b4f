import { describe, expect, it } from '@jest/globals';
import {
  describeWithPostgres,
  POSTGRES_TESTS_SKIPPED,
  postgresTestUrl,
  uniqueSchemaName,
  usePostgresTestSchema,
} from './index.js';

describe('postgresTestUrl', () => {
  it('reads LEADLINE_TEST_POSTGRES_URL and treats a blank value as absent', () => {
    const saved = process.env.LEADLINE_TEST_POSTGRES_URL;
    try {
      process.env.LEADLINE_TEST_POSTGRES_URL = '  ';
      expect(postgresTestUrl()).toBeUndefined();
      process.env.LEADLINE_TEST_POSTGRES_URL = 'postgres://someone@db:5432/x';
      expect(postgresTestUrl()).toBe('postgres://someone@db:5432/x');
    } finally {
      if (saved === undefined) delete process.env.LEADLINE_TEST_POSTGRES_URL;
      else process.env.LEADLINE_TEST_POSTGRES_URL = saved;
    }
  });

  it('says in one line how to enable the skipped tests', () => {
    expect(POSTGRES_TESTS_SKIPPED).toBe(
      'PostgreSQL tests skipped: set LEADLINE_TEST_POSTGRES_URL=postgres://user@host:5432/db to run them',
    );
  });

  it('makes schema names that are unique and safe to splice into SQL', () => {
    const names = new Set(Array.from({ length: 50 }, () => uniqueSchemaName()));
    expect(names.size).toBe(50);
    for (const name of names) expect(name).toMatch(/^[a-z0-9_]+$/);
  });
});

describeWithPostgres('usePostgresTestSchema', () => {
  const postgres = usePostgresTestSchema();

  it('gives this run a schema of its own on the configured server', async () => {
    const result = await postgres.pool.query<{ exists: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM information_schema.schemata WHERE schema_name = $1) AS exists',
      [postgres.schema],
    );
    expect(result.rows[0]?.exists).toBe(true);
    await postgres.pool.query(`CREATE TABLE "${postgres.schema}".probe (id int)`);
  });
});
