// Two runners of the same projector versions on one PostgreSQL schema (two processes after a deploy):
// batches take turns on the checkpoint row's lock and redelivered events change nothing.
import { expect, it } from '@jest/globals';
import { createMemoryEventStore } from '@leadline/eventstore';
import { ALL_PROJECTORS, createProjectionRunner } from '@leadline/projections';
import { appendHistory, dumpReadModel, generateSeededHistory, seededSteps } from '@leadline/projections/testing';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { describeWithPostgres, usePostgresTestSchema } from '../testing/index.js';
import { openPostgresReadModelStore } from './postgres-read-model-store.js';

describeWithPostgres('PostgreSQL read models with two runners at once', () => {
  const postgres = usePostgresTestSchema({ prefix: 'leadline_rm_two_runners' });

  it('end equal to a single clean rebuild', async () => {
    const eventStore = createMemoryEventStore();
    await appendHistory(eventStore, generateSeededHistory(1500, seededSteps(17)));
    const [first, second] = [
      await openPostgresReadModelStore({ pool: postgres.pool, schema: postgres.schema }),
      await openPostgresReadModelStore({ pool: postgres.pool, schema: postgres.schema }),
    ];
    await Promise.all([
      createProjectionRunner({ eventStore, store: first, projectors: ALL_PROJECTORS, batchSize: 100 }).catchUp(),
      createProjectionRunner({ eventStore, store: second, projectors: ALL_PROJECTORS, batchSize: 170 }).catchUp(),
    ]);
    const clean = openSqliteReadModelStore({ file: ':memory:' });
    await createProjectionRunner({ eventStore, store: clean, projectors: ALL_PROJECTORS }).catchUp();
    for (const projector of ALL_PROJECTORS) {
      expect(await dumpReadModel(first, projector)).toEqual(await dumpReadModel(clean, projector));
      expect(await first.checkpoint(projector)).toBe(1500n);
    }
    await Promise.all([first.dispose(), second.dispose(), clean.dispose()]);
  }, 120_000);
});
