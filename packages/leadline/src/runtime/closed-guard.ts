// The event store as a closed Leadline sees it: commands sent after close() fail with a typed error
// instead of reaching a disposed store.
import type { EventStore } from '@leadline/eventstore';
import { LeadlineClosedError } from '../commands/errors.js';

export function guardClosed(store: EventStore, isClosed: () => boolean): EventStore {
  // Plain functions handing on the store's own promise: every command makes three or four of these
  // calls, and an `async` wrapper with rest arguments added a promise and a copy of the arguments each.
  const refused = <T>(): Promise<T> => Promise.reject(new LeadlineClosedError());
  const check = (): void => {
    if (isClosed()) throw new LeadlineClosedError();
  };
  return {
    append: (streamName, events, options) => (isClosed() ? refused() : store.append(streamName, events, options)),
    appendToStreams: (appends) => (isClosed() ? refused() : store.appendToStreams(appends)),
    streamRevisions: (streamNames) => (isClosed() ? refused() : store.streamRevisions(streamNames)),
    readStream: (streamName, options) => (check(), store.readStream(streamName, options)),
    readAll: (options) => store.readAll(options),
    subscribe: (options) => store.subscribe(options),
    streamRevision: (streamName) => (isClosed() ? refused() : store.streamRevision(streamName)),
    headPosition: () => store.headPosition(),
    deleteStream: (streamName, options) => (isClosed() ? refused() : store.deleteStream(streamName, options)),
    dispose: () => store.dispose(),
  };
}
