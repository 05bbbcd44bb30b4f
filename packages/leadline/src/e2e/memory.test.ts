import { afterEach, describe, it } from '@jest/globals';
import { createMemoryEventStore } from '@leadline/eventstore';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { createLeadline, type Leadline } from '../leadline.js';
import { createManualClock } from '../testing/manual-clock.js';
import { CONTENDED_RETRY, runConcurrentCallers } from './concurrency.js';
import { expectedWorkerErrors } from './actors.js';
import { runWorkingDay } from './working-day.js';

describe('Leadline on the memory stores', () => {
  let leadline: Leadline | undefined;
  afterEach(async () => leadline?.close());

  it('works through a scripted working day', async () => {
    const clock = createManualClock();
    leadline = createLeadline({
      store: createMemoryEventStore(),
      readModels: openSqliteReadModelStore({ file: ':memory:' }),
      clock,
      timers: clock,
      onWorkerError: expectedWorkerErrors,
    });
    await runWorkingDay(leadline, clock);
  });

  it('lets several async callers work on one lead at once', async () => {
    const store = createMemoryEventStore();
    const instances = [0, 1, 2].map(() => createLeadline({ store, disposeStores: false, retry: CONTENDED_RETRY }));
    await runConcurrentCallers(instances);
    await Promise.all(instances.map((instance) => instance.close()));
  });
});
