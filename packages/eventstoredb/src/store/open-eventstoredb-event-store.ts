// openEventStoreDbEventStore: the event store port on an EventStoreDB cluster through @eventstore/db-client.
import { EventStoreDBClient } from '@eventstore/db-client';
import {
  InvalidArgumentError,
  createUpcasterChain,
  resubscribePolicy,
  validateStreamAppends,
  validateStreamNames,
  type AppendResult,
  type EventStore,
  type EventStoreOptions,
  type ResubscribePolicy,
  type Subscription,
} from '@leadline/eventstore';
import { append, deleteStream } from './appending.js';
import { StoreContext } from './context.js';
import { headPosition, lastEventOf, readAll, readStream } from './reading.js';
import { streamNames } from './stream-names.js';
import { subscribe } from './subscription.js';

export type EventStoreDbEventStoreOptions = EventStoreOptions & {
  /**
   * Prefixes every stream name on the server with `namespace.` and shows only those streams, so several
   * stores (test runs, tenants) share one cluster without seeing each other.
   */
  readonly namespace?: string;
  /** How a subscription resubscribes after a dropped connection. */
  readonly resubscribe?: Partial<ResubscribePolicy>;
} & (
    | {
        /** For example `esdb://localhost:2113?tls=false`, or `esdb://node1:2113,node2:2113,node3:2113?tls=false`. */
        readonly connectionString: string;
        readonly client?: undefined;
      }
    | {
        /** A client you opened and will close yourself: dispose() leaves it open. */
        readonly client: EventStoreDBClient;
        readonly connectionString?: undefined;
      }
  );

export function openEventStoreDbEventStore(options: EventStoreDbEventStoreOptions): EventStore {
  const upcasters = createUpcasterChain(options.upcasters);
  const ownsClient = options.client === undefined;
  const client = options.client ?? clientFor(options.connectionString);
  const context = new StoreContext(
    client,
    streamNames(options.namespace),
    upcasters,
    resubscribePolicy(options.resubscribe),
  );
  const subscriptions = new Set<Subscription>();

  return {
    append: (streamName, events, appendOptions) => append(context, streamName, events, appendOptions),
    // EventStoreDB has no write across streams: part after part, so a failure can leave earlier parts
    // written (docs/stores.md). Callers that need all or nothing check before and retry per stream.
    async appendToStreams(appends) {
      const results: AppendResult[] = [];
      for (const part of validateStreamAppends(appends))
        results.push(await append(context, part.streamName, part.events, part));
      return results;
    },
    async streamRevisions(streamNames) {
      const revisions: (bigint | null)[] = [];
      for (const streamName of validateStreamNames(streamNames))
        revisions.push((await lastEventOf(context, streamName))?.revision ?? null);
      return revisions;
    },
    readStream: (streamName, readOptions) => readStream(context, streamName, readOptions),
    readAll: (readOptions) => readAll(context, readOptions),
    subscribe(subscribeOptions) {
      const subscription = subscribe(context, subscribeOptions, (stopped) => subscriptions.delete(stopped));
      subscriptions.add(subscription);
      return subscription;
    },
    async streamRevision(streamName) {
      return (await lastEventOf(context, streamName))?.revision ?? null;
    },
    headPosition: () => headPosition(context),
    deleteStream: (streamName, deleteOptions) => deleteStream(context, streamName, deleteOptions),
    async dispose() {
      if (context.disposed) return;
      context.disposed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      if (ownsClient) await client.dispose();
    },
  };
}

function clientFor(connectionString: unknown): EventStoreDBClient {
  if (typeof connectionString !== 'string' || connectionString.length === 0) {
    throw new InvalidArgumentError(
      'connectionString',
      'non-empty string',
      'connectionString must be an esdb:// connection string, or pass an EventStoreDBClient as client.',
    );
  }
  try {
    return EventStoreDBClient.connectionString(connectionString);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidArgumentError(
      'connectionString',
      'valid esdb:// connection string',
      `connectionString is not a valid EventStoreDB connection string: ${reason}`,
    );
  }
}
