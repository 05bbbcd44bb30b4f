// An event store that fails chosen appends, to test that intake recovers from a failure part-way.
import { StoreUnavailableError, type EventStore, type EventToAppend } from '@leadline/eventstore';

export interface FaultyStore extends EventStore {
  /** The next append that satisfies `which` (stream name, first event type) fails, without writing;
   * in a multi-stream append, the whole append fails. */
  failNextAppend(which: (streamName: string, eventType: string) => boolean): void;
}

export function withFaults(store: EventStore): FaultyStore {
  const pending: ((streamName: string, eventType: string) => boolean)[] = [];
  /** Takes the first pending failure that matches this stream's events: true when the append must fail. */
  const failing = (streamName: string, events: readonly EventToAppend[]): boolean => {
    const index = pending.findIndex((which) => which(streamName, events[0]?.type ?? ''));
    if (index >= 0) pending.splice(index, 1);
    return index >= 0;
  };
  const injected = (streamName: string): Promise<never> =>
    Promise.reject(new StoreUnavailableError(`injected failure appending to ${streamName}`));
  return {
    append: (streamName, events, options) =>
      failing(streamName, events) ? injected(streamName) : store.append(streamName, events, options),
    appendToStreams: (appends) => {
      const failed = appends.find((part) => failing(part.streamName, part.events));
      return failed === undefined ? store.appendToStreams(appends) : injected(failed.streamName);
    },
    streamRevisions: (...args) => store.streamRevisions(...args),
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
