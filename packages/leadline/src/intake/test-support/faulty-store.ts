// An event store that fails chosen appends, to test that intake recovers from a failure part-way.
import { StoreUnavailableError, type EventStore } from '@leadline/eventstore';

export interface FaultyStore extends EventStore {
  /** The next append that satisfies `which` (stream name, first event type) fails, without writing. */
  failNextAppend(which: (streamName: string, eventType: string) => boolean): void;
}

export function withFaults(store: EventStore): FaultyStore {
  const pending: ((streamName: string, eventType: string) => boolean)[] = [];
  return {
    append: (streamName, events, options) => {
      const index = pending.findIndex((which) => which(streamName, events[0]?.type ?? ''));
      if (index >= 0) {
        pending.splice(index, 1);
        return Promise.reject(new StoreUnavailableError(`injected failure appending to ${streamName}`));
      }
      return store.append(streamName, events, options);
    },
    readStream: (...args) => store.readStream(...args),
    readAll: (...args) => store.readAll(...args),
    subscribe: (...args) => store.subscribe(...args),
    streamRevision: (...args) => store.streamRevision(...args),
    headPosition: () => store.headPosition(),
    deleteStream: (...args) => store.deleteStream(...args),
    dispose: () => store.dispose(),
    failNextAppend(which) {
      pending.push(which);
    },
  };
}
