// Two leased projection runners on one SQLite file (as two processes on one machine would be): they
// split the projections, a runner that stops hands its leases over at once, and every event is applied
// exactly once with the models equal to a clean rebuild.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from '@jest/globals';
import { createMemoryEventStore } from '@leadline/eventstore';
import { ALL_PROJECTORS, createLeasedProjectionRunner, createProjectionRunner } from '@leadline/projections';
import { applyCountingProjector, eventAppliesTable } from '@leadline/projections/histories';
import { appendHistory, dumpReadModel, generateSeededHistory, seededSteps } from '@leadline/projections/testing';
import { openSqliteReadModelStore } from './sqlite-read-model-store.js';

const folder = mkdtempSync(join(tmpdir(), 'leadline-leases-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const PROJECTORS = [...ALL_PROJECTORS, applyCountingProjector];

it('split the projections, hand them over on stop, and apply every event once', async () => {
  const file = join(folder, 'rm.db');
  const eventStore = createMemoryEventStore();
  const history = generateSeededHistory(600, seededSteps(5));
  await appendHistory(eventStore, history.slice(0, 400));
  const [first, second] = [openSqliteReadModelStore({ file }), openSqliteReadModelStore({ file })];
  const runner = (store: typeof first, owner: string) =>
    createLeasedProjectionRunner({
      eventStore,
      store,
      projectors: PROJECTORS,
      batchSize: 50,
      lease: { owner, takeoverWithinMs: 3000 },
    });
  const ada = runner(first, 'ada');
  const bob = runner(second, 'bob');
  await ada.start();
  await bob.start();
  // Bob joined after Ada took everything: Ada gives up her excess at a later tick and Bob takes it.
  for (let waited = 0; bob.owned().length === 0 || ada.owned().length === 0; waited += 100) {
    if (waited > 30_000) throw new Error('the projections were not split within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await bob.waitForPosition(400n);
  expect(ada.owned().filter((lease) => bob.owned().includes(lease))).toEqual([]);
  expect(ada.owned().length + bob.owned().length).toBeLessThanOrEqual(PROJECTORS.length);

  await ada.stop();
  await appendHistory(eventStore, history.slice(400));
  await bob.waitForPosition(600n);
  await bob.stop();

  const counts = await first.select({ name: applyCountingProjector.name }, eventAppliesTable.name);
  expect(counts.filter((row) => row['applies'] !== 1)).toEqual([]);
  expect(counts).toHaveLength(600);
  const clean = openSqliteReadModelStore({ file: ':memory:' });
  await createProjectionRunner({ eventStore, store: clean, projectors: ALL_PROJECTORS }).catchUp();
  for (const projector of ALL_PROJECTORS)
    expect(await dumpReadModel(first, projector)).toEqual(await dumpReadModel(clean, projector));
  expect((await first.leases.list()).filter((lease) => lease.held)).toEqual([]);
  await Promise.all([first.dispose(), second.dispose(), clean.dispose()]);
}, 60_000);
