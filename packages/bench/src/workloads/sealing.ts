// The cost of sealing personal data (docs/privacy.md): the same realistic lead histories appended, and
// rebuilt into every read model, through the sealing decorator (subject) and without it (ceiling), so the
// ratio is the cost of AES-256-GCM per personal field plus key lookups. Target: at most 15% (#19).
import {
  createMemoryEventStore,
  createMemoryKeyStore,
  createSealingEventStore,
  type EventStore,
} from '@leadline/eventstore';
import { ALL_PROJECTORS, createProjectionRunner } from '@leadline/projections';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { LEADLINE_PERSONAL_DATA } from 'leadline';
import { registerWorkload, type Trial } from '../harness/registry.js';
import { fill, historyOf, REBUILD_BATCH_SIZE } from './rebuild.js';

const STORE = 'memory (sealed vs plain)';
const sealed = (store: EventStore): EventStore =>
  createSealingEventStore(store, { keys: createMemoryKeyStore(), policy: LEADLINE_PERSONAL_DATA });

const appendTrial = (events: number, wrap: (store: EventStore) => EventStore): Trial => {
  const store = wrap(createMemoryEventStore());
  return {
    run: async () => {
      await fill(store, historyOf(events));
      return events;
    },
    close: () => store.dispose(),
  };
};

registerWorkload({
  name: 'sealed-append.memory',
  store: STORE,
  subject: ({ events }) => Promise.resolve(appendTrial(events, sealed)),
  ceiling: ({ events }) => Promise.resolve(appendTrial(events, (store) => store)),
});

const filled = new Map<string, EventStore>();
async function filledStore(events: number, kind: 'sealed' | 'plain'): Promise<EventStore> {
  const key = `${kind}-${events}`;
  let store = filled.get(key);
  if (store === undefined) {
    store = kind === 'sealed' ? sealed(createMemoryEventStore()) : createMemoryEventStore();
    await fill(store, historyOf(events));
    filled.set(key, store);
  }
  return store;
}

async function rebuildTrial(events: number, kind: 'sealed' | 'plain'): Promise<Trial> {
  const eventStore = await filledStore(events, kind);
  const readModels = openSqliteReadModelStore({ file: ':memory:' });
  const runner = createProjectionRunner({
    eventStore,
    store: readModels,
    projectors: ALL_PROJECTORS,
    batchSize: REBUILD_BATCH_SIZE,
  });
  return { run: async () => (await runner.catchUp()).events, close: () => readModels.dispose() };
}

registerWorkload({
  name: 'sealed-rebuild.memory',
  store: STORE,
  subject: ({ events }) => rebuildTrial(events, 'sealed'),
  ceiling: ({ events }) => rebuildTrial(events, 'plain'),
});
