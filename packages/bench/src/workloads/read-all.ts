// readAll.<store>: read all 100,000 events in global order.
import { registerWorkload, type Workload } from '../harness/registry.js';
import { eachOf, rawMemoryTrial } from './raw-memory.js';
import { openMemoryStore, readWorkload, type ReadWorkloadParts } from './load.js';
import { readEverything } from './through-the-port.js';

export function readAllWorkload(store: string, parts: ReadWorkloadParts): Workload {
  return readWorkload('readAll', store, parts, ({ store: eventStore }) => readEverything(eventStore));
}

registerWorkload(
  readAllWorkload('memory', {
    open: openMemoryStore,
    ceiling: (plan) =>
      rawMemoryTrial(plan, async (memory) => {
        let events = 0;
        let last = 0n;
        for await (const event of eachOf(memory.log)) {
          if (event.position <= last) throw new Error('the raw log went backwards');
          last = event.position;
          events++;
        }
        return events;
      }),
  }),
);
