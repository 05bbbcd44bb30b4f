// The PostgreSQL example runs against the test server in a schema of its own, twice (the second run
// finds what the first wrote). Skips with one line without LEADLINE_TEST_POSTGRES_URL.
import { expect, it } from '@jest/globals';
import { describeWithPostgres, usePostgresTestSchema } from '@leadline/postgres/testing';
import { runOnPostgres } from './on-postgres.js';

describeWithPostgres('examples/postgres', () => {
  const postgres = usePostgresTestSchema({ prefix: 'leadline_example', poolSize: 1 });

  it('imports, claims and reads the board; a rerun changes nothing', async () => {
    const first = await runOnPostgres(postgres.url, postgres.schema);
    expect(first).toEqual({ imported: 3, onBoard: 3, claimedBy: 'ada' });
    expect(await runOnPostgres(postgres.url, postgres.schema)).toEqual(first);
  });
});
