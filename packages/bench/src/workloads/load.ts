// load.<store>: read and fold each of the 10,000 streams, as a command handler loads its aggregate.
import { createMemoryEventStore } from '@leadline/eventstore';
import { registerWorkload, type Trial, type Workload } from '../harness/registry.js';
import { commandPlan, emptySummary, foldLead, type CommandPlan } from './command-plan.js';
import { eachOf, rawMemoryTrial } from './raw-memory.js';
import { fillStore, loadStreams, type OpenedStore } from './through-the-port.js';

export interface ReadWorkloadParts {
  /** A new store for one pass; the harness fills it with the plan's events before the clock starts. */
  readonly open: () => Promise<OpenedStore>;
  /** The ceiling: the same reads by the simplest raw code on the same engine, filled and prepared untimed. */
  ceiling(plan: CommandPlan): Promise<Trial>;
  readonly unavailable?: () => string | undefined;
  repetitions?: number;
}

/** Builds a read workload: `read` is the timed work through the port on a filled store. */
export function readWorkload(
  family: string,
  store: string,
  parts: ReadWorkloadParts,
  read: (opened: OpenedStore, plan: CommandPlan) => Promise<number>,
): Workload {
  return {
    name: `${family}.${store}`,
    store,
    async subject({ events }) {
      const plan = commandPlan(events);
      const opened = await parts.open();
      await fillStore(opened.store, plan);
      return { run: () => read(opened, plan), close: () => opened.close() };
    },
    ceiling: ({ events }) => parts.ceiling(commandPlan(events)),
    ...(parts.unavailable === undefined ? {} : { unavailable: parts.unavailable }),
    ...(parts.repetitions === undefined ? {} : { repetitions: parts.repetitions }),
  };
}

export function loadWorkload(store: string, parts: ReadWorkloadParts): Workload {
  return readWorkload('load', store, parts, ({ store: eventStore }, plan) => loadStreams(eventStore, plan));
}

export const openMemoryStore = (): Promise<OpenedStore> => {
  const store = createMemoryEventStore();
  return Promise.resolve({ store, close: () => store.dispose() });
};

registerWorkload(
  loadWorkload('memory', {
    open: openMemoryStore,
    ceiling: (plan) =>
      rawMemoryTrial(plan, async (memory) => {
        let events = 0;
        for (const streamName of plan.streams) {
          let state = emptySummary;
          for await (const event of eachOf(memory.streams.get(streamName) ?? [])) state = foldLead(state, event);
          events += Number(state.revision) + 1;
        }
        return events;
      }),
  }),
);
