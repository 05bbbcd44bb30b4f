// Two leased projection runners on one read-model database (each with a store of its own, as two
// processes would have), fed from any event store: they split the projections, a runner that stops
// hands its leases over at once, and every event is applied exactly once with the models equal to a
// clean rebuild. Run by the SQLite store's test and, fed from EventStoreDB, by the facade's.
import { expect } from '@jest/globals';
import type { EventStore, RecordedEvent } from '@leadline/eventstore';
import { createLeasedProjectionRunner } from '../leases/leased-runner.js';
import { ALL_PROJECTORS } from '../readmodels/index.js';
import { createProjectionRunner } from '../runner/runner.js';
import type { ReadModelStore } from '../store/port.js';
import { appendHistory } from './event-store.js';
import { dumpReadModel } from './feed.js';
import { applyCountingProjector, eventAppliesTable } from './history/apply-counter.js';

const PROJECTORS = [...ALL_PROJECTORS, applyCountingProjector];
const SPLIT_WITHIN_MS = 30_000;

export interface LeasedRunnersCase {
  readonly eventStore: EventStore;
  /** Two stores on the same read-model database. */
  readonly stores: readonly [ReadModelStore, ReadModelStore];
  /** A fresh, empty store for the clean rebuild compared with. */
  readonly clean: ReadModelStore;
  /** Appended in two parts: before both runners start, and after the first stopped. */
  readonly history: readonly RecordedEvent[];
}

export async function expectLeasedRunnersShareWork({
  eventStore,
  stores,
  clean,
  history,
}: LeasedRunnersCase): Promise<void> {
  const half = Math.floor(history.length / 2);
  await appendHistory(eventStore, history.slice(0, half));
  const runner = (store: ReadModelStore, owner: string) =>
    createLeasedProjectionRunner({
      eventStore,
      store,
      projectors: PROJECTORS,
      batchSize: 50,
      lease: { owner, takeoverWithinMs: 3000 },
    });
  const ada = runner(stores[0], 'ada');
  const bob = runner(stores[1], 'bob');
  await ada.start();
  await bob.start();
  // Bob joined after Ada took everything: Ada gives up her excess at a later tick and Bob takes it.
  for (let waited = 0; bob.owned().length === 0 || ada.owned().length === 0; waited += 100) {
    if (waited > SPLIT_WITHIN_MS) throw new Error(`the projections were not split within ${SPLIT_WITHIN_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(ada.owned().filter((lease) => bob.owned().includes(lease))).toEqual([]);
  await bob.waitForPosition(await eventStore.headPosition());

  await ada.stop();
  await appendHistory(eventStore, history.slice(half));
  await bob.waitForPosition(await eventStore.headPosition());
  await bob.stop();

  const counts = await stores[0].select({ name: applyCountingProjector.name }, eventAppliesTable.name);
  expect(counts.filter((row) => row['applies'] !== 1)).toEqual([]);
  expect(counts.map((row) => row['event_id']).sort()).toEqual(history.map((event) => event.eventId).sort());
  await createProjectionRunner({ eventStore, store: clean, projectors: ALL_PROJECTORS }).catchUp();
  for (const projector of ALL_PROJECTORS)
    expect(await dumpReadModel(stores[0], projector)).toEqual(await dumpReadModel(clean, projector));
  expect((await stores[0].leases.list()).filter((lease) => lease.held)).toEqual([]);
}
