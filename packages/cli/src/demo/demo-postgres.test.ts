// The demo on PostgreSQL tells the same story as on SQLite: for one seed, the same --json summary, the
// event log's digest included (the claim expiry worker's ids come from the claims, not from the order in
// which its lanes finish).
import { afterAll, expect, it } from '@jest/globals';
import { describeWithPostgres, usePostgresTestSchema } from '@leadline/postgres/testing';
import { jsonOf, runCliProcess, scratchDirectory } from '../test-support/spawn-cli.js';

interface DemoSummary {
  readonly digest: string;
  readonly tallies: Record<string, number>;
  readonly explore: readonly string[];
}

describeWithPostgres('leadline demo on PostgreSQL', () => {
  const postgres = usePostgresTestSchema({ prefix: 'leadline_demo', poolSize: 1 });
  const scratch = scratchDirectory('demo-pg');
  afterAll(() => scratch.remove());

  it('prints the same summary and digest as on SQLite for the same seed', async () => {
    const [onSqlite, onPostgres] = await Promise.all([
      runCliProcess(['demo', '--seed', '5', '--store', 'sqlite:demo.db', '--json'], { cwd: scratch.path }),
      runCliProcess(['demo', '--seed', '5', '--store', `${postgres.url}?schema=${postgres.schema}`, '--json'], {
        cwd: scratch.path,
      }),
    ]);
    expect(onSqlite.code).toBe(0);
    expect(onPostgres.code).toBe(0);
    // The suggested commands name each run's own store; everything else must match.
    const withoutStore = (run: DemoSummary): DemoSummary => ({ ...run, explore: [] });
    const sqlite = withoutStore(jsonOf<DemoSummary>(onSqlite));
    expect(withoutStore(jsonOf<DemoSummary>(onPostgres))).toEqual(sqlite);
    expect(sqlite.tallies['claimsLapsed']).toBeGreaterThan(0);
  }, 600_000);
});
