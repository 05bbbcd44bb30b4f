import { Pool } from 'pg';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWithPostgres, postgresTestUrl } from '../testing/index.js';
import { QueryPipeline } from './pipeline.js';

describeWithPostgres('QueryPipeline', () => {
  let pool: Pool;
  beforeAll(() => {
    pool = new Pool({ connectionString: postgresTestUrl(), max: 1 });
  });
  afterAll(() => pool.end());

  it('runs what was sent in order, one query at a time, and drains', async () => {
    const client = await pool.connect();
    try {
      await client.query('CREATE TEMP TABLE sent (n integer)');
      const pipeline = new QueryPipeline(client);
      for (let n = 1; n <= 5; n += 1) pipeline.send('INSERT INTO sent (n) VALUES ($1)', [n]);
      await pipeline.drain();
      expect((await client.query('SELECT n FROM sent ORDER BY ctid')).rows.map((row: { n: number }) => row.n)).toEqual([
        1, 2, 3, 4, 5,
      ]);
    } finally {
      client.release();
    }
  });

  it('raises the first error on drain', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('CREATE TEMP TABLE after_error (n integer)');
      const pipeline = new QueryPipeline(client);
      pipeline.send('SELECT 1 / 0');
      pipeline.send('INSERT INTO after_error (n) VALUES (1)');
      await expect(pipeline.drain()).rejects.toThrow(/division by zero/);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });
});
