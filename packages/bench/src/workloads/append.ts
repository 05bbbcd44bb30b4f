// append.<store>: 100,000 events over 10,000 streams, one append per command at the exact expected revision.
import { createMemoryEventStore } from '@leadline/eventstore';
import { registerWorkload, type Trial, type Workload, type WorkloadSettings } from '../harness/registry.js';
import { commandPlan, type Command, type CommandPlan } from './command-plan.js';
import { emptyRawMemory, rawAppend } from './raw-memory.js';
import { appendCommands, type OpenedStore } from './through-the-port.js';

export interface AppendWorkloadParts {
  /** A new, empty store for one pass. */
  readonly open: () => Promise<OpenedStore>;
  /** The ceiling: the plan's commands run by the simplest raw code on the same engine, prepared untimed. */
  ceiling(plan: CommandPlan): Promise<Trial>;
  readonly unavailable?: () => string | undefined;
  repetitions?: number;
}

export function appendWorkload(store: string, parts: AppendWorkloadParts): Workload {
  return {
    name: `append.${store}`,
    store,
    async subject({ events }: WorkloadSettings): Promise<Trial> {
      const plan = commandPlan(events);
      const opened = await parts.open();
      return { run: () => appendCommands(opened.store, plan), close: () => opened.close() };
    },
    ceiling: ({ events }) => parts.ceiling(commandPlan(events)),
    ...(parts.unavailable === undefined ? {} : { unavailable: parts.unavailable }),
    ...(parts.repetitions === undefined ? {} : { repetitions: parts.repetitions }),
  };
}

registerWorkload(
  appendWorkload('memory', {
    open: () => {
      const store = createMemoryEventStore();
      return Promise.resolve({ store, close: () => store.dispose() });
    },
    ceiling: (plan) => Promise.resolve(rawAppendTrial(plan)),
  }),
);

/** The memory ceiling: the plan's commands into a plain Map, each awaited; `beforeEach` runs first. */
export function rawAppendTrial(plan: CommandPlan, beforeEach: (command: Command) => void = () => undefined): Trial {
  const memory = emptyRawMemory();
  return {
    async run() {
      for (const command of plan.commands) {
        beforeEach(command);
        await rawAppend(memory, command);
      }
      return memory.log.length;
    },
    close: () => Promise.resolve(),
  };
}
