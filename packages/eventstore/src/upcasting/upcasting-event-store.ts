// A store that upcasts what another store returns: for upcasters an application owns (Leadline's own
// event versions) over a store someone else opened, with or without upcasters of their own.
import type { EventStore, Subscription, SubscriptionMessage } from '../port/event-store.js';
import type { RecordedEvent } from '../port/events.js';
import { createUpcasterChain } from './upcaster-chain.js';
import type { Upcaster } from './upcaster.js';

/** Each value of `source` through `map`, lazily: a plain iterator, no generator frame per value. */
function mapped<T, U>(source: AsyncIterable<T>, map: (value: T) => U): AsyncIterable<U> {
  return {
    [Symbol.asyncIterator]: () => {
      const inner = source[Symbol.asyncIterator]();
      return {
        next: async () => {
          const step = await inner.next();
          return step.done === true ? { done: true, value: undefined } : { done: false, value: map(step.value) };
        },
        return: async () => {
          await inner.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/**
 * `store` with `upcasters` applied to every event it reads or delivers. An event the store already
 * upcast past an upcaster's version is left alone, so registering the same upcasters twice is harmless.
 */
export function withUpcasters(store: EventStore, upcasters: readonly Upcaster[]): EventStore {
  const chain = createUpcasterChain(upcasters);
  if (chain.isEmpty) return store;
  const present = <E extends RecordedEvent>(event: E): E => chain.apply(event);
  const message = (delivered: SubscriptionMessage): SubscriptionMessage =>
    delivered.kind === 'event' ? { kind: 'event', event: present(delivered.event) } : delivered;
  return {
    append: (streamName, events, options) => store.append(streamName, events, options),
    appendToStreams: (appends) => store.appendToStreams(appends),
    streamRevisions: (streamNames) => store.streamRevisions(streamNames),
    readStream: (streamName, options) => mapped(store.readStream(streamName, options), present),
    readAll: (options) => mapped(store.readAll(options), present),
    subscribe: (options): Subscription => {
      const subscription = store.subscribe(options);
      return { ...mapped(subscription, message), stop: () => subscription.stop() };
    },
    streamRevision: (streamName) => store.streamRevision(streamName),
    headPosition: () => store.headPosition(),
    deleteStream: (streamName, options) => store.deleteStream(streamName, options),
    dispose: () => store.dispose(),
  };
}
