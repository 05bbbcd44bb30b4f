import { join } from 'node:path';
import { it } from '@jest/globals';
import {
  appendHistory,
  expectKilledRunnerRecovers,
  generateSeededHistory,
  seededSteps,
} from '@leadline/projections/testing';
import { openPostgresEventStore } from '../../eventstore/index.js';
import { describeWithPostgres, usePostgresTestSchema, uniqueSchemaName } from '../../testing/index.js';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { openPostgresReadModelStore } from '../postgres-read-model-store.js';

describeWithPostgres('PostgreSQL read models, runner killed mid-batch', () => {
  const postgres = usePostgresTestSchema({ prefix: 'leadline_kill_events' });
  const readModelSchema = uniqueSchemaName('leadline_kill_rm');

  it('recover to a clean rebuild after restart', async () => {
    const eventStore = await openPostgresEventStore({ pool: postgres.pool, schema: postgres.schema });
    await appendHistory(eventStore, generateSeededHistory(2400, seededSteps(13)));
    await expectKilledRunnerRecovers(
      {
        script: join(__dirname, 'stalling-runner.ts'),
        cwd: join(__dirname, '..', '..', '..'),
        args: [postgres.url, postgres.schema, readModelSchema],
        eventStore,
        openStore: () => openPostgresReadModelStore({ pool: postgres.pool, schema: readModelSchema }),
        // The clean rebuild on SQLite: the PostgreSQL models must equal it row for row.
        openCleanStore: async () => openSqliteReadModelStore({ file: ':memory:' }),
      },
      [700n, 1900n],
    );
    await eventStore.dispose();
    await postgres.pool.query(`DROP SCHEMA IF EXISTS "${readModelSchema}" CASCADE`);
  }, 180_000);
});
