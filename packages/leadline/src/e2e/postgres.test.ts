import { afterEach, it } from '@jest/globals';
import { describeWithPostgres, usePostgresTestSchema } from '@leadline/postgres/testing';
import type { Leadline } from '../leadline.js';
import { openLeadline } from '../store-url/open-leadline.js';
import { createManualClock } from '../testing/manual-clock.js';
import { CONTENDED_RETRY, runConcurrentCallers } from './concurrency.js';
import { expectedWorkerErrors } from './actors.js';
import { runWorkingDay } from './working-day.js';

describeWithPostgres('Leadline on the PostgreSQL event store', () => {
  const postgres = usePostgresTestSchema({ prefix: 'leadline_e2e' });
  let opened: Leadline[] = [];
  /** Schemas of their own that the tests open beside this run's; dropped after each test, as the run's is. */
  const schemas = new Set<string>();
  afterEach(async () => {
    for (const leadline of opened) await leadline.close();
    opened = [];
    for (const schema of schemas) await postgres.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    schemas.clear();
  });
  const open = async (schema: string, clock = createManualClock()): Promise<Leadline> => {
    const url = new URL(postgres.url);
    url.searchParams.set('schema', schema);
    schemas.add(schema);
    // Events and read models both in this run's schema of the test database, opened by URL.
    const leadline = await openLeadline({
      storeUrl: url.toString(),
      clock,
      timers: clock,
      retry: CONTENDED_RETRY,
      onWorkerError: expectedWorkerErrors,
    });
    opened.push(leadline);
    return leadline;
  };

  it('works through a scripted working day', async () => {
    const clock = createManualClock();
    await runWorkingDay(await open(`${postgres.schema}_day`, clock), clock);
  });

  it('lets several async callers work on one lead at once', async () => {
    const schema = `${postgres.schema}_race`;
    await runConcurrentCallers([await open(schema), await open(schema), await open(schema)]);
  });
});
