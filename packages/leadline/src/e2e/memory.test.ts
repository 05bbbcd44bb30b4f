import { afterEach, describe, it } from '@jest/globals';
import { createMemoryEventStore } from '@leadline/eventstore';
import { createMemoryReadModelStore } from '@leadline/projections';
import { createLeadline, type Leadline } from '../leadline';
import { createManualClock } from '../testing/manual-clock';
import { runWorkingDay } from './working-day';

describe('Leadline on the memory stores', () => {
  let leadline: Leadline | undefined;
  afterEach(async () => leadline?.close());

  it('works through a scripted working day', async () => {
    const clock = createManualClock();
    leadline = createLeadline({ store: createMemoryEventStore(), readModels: createMemoryReadModelStore(), clock, timers: clock });
    await runWorkingDay(leadline, clock);
  });
});
