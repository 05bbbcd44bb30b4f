// Opens a PostgreSQL event store: migrates its schema, then serves the EventStore port from a pg Pool.
import { Pool } from 'pg';
import {
  ChangeSignal,
  createPagedSubscription,
  createUpcasterChain,
  InvalidArgumentError,
  StoreDisposedError,
  validateAppendArguments,
  validateExpectedRevision,
  validateReadAllOptions,
  validateReadStreamOptions,
  validateStreamName,
  validateSubscribeOptions,
  type EventStore,
  type EventStoreOptions,
  type RecordedEvent,
  type Subscription,
} from '@leadline/eventstore';
import { notificationListener } from './notifications';
import { postgresQueries } from './postgres-queries';
import { POSTGRES_PAGE_SIZE, postgresReads } from './postgres-reads';
import { postgresWrites } from './postgres-writes';
import { asStoreError } from './postgres-errors';
import { migratePostgres } from './schema/migrate';
import { notificationChannel } from './schema/migrations';

export interface PostgresEventStoreOptions extends EventStoreOptions {
  /** Where to connect; the store opens a pool of its own and ends it on dispose. */
  readonly connectionString?: string;
  /** A pool you own instead (the store never ends it). Exactly one of pool and connectionString. */
  readonly pool?: Pool;
  /** The schema holding the store's tables, created when missing (default `leadline`). */
  readonly schema?: string;
  /** Longest wait of a live subscription when no notification arrives, in ms (default 1000). */
  readonly pollIntervalMs?: number;
}

export const POSTGRES_DEFAULT_SCHEMA = 'leadline';
export const POSTGRES_DEFAULT_POLL_INTERVAL_MS = 1_000;

/** Opens the store, creating or migrating its schema first. */
export async function openPostgresEventStore(options: PostgresEventStoreOptions): Promise<EventStore> {
  const { schema, pollIntervalMs } = checkOptions(options);
  const upcasters = createUpcasterChain(options.upcasters);
  const ownsPool = options.pool === undefined;
  const pool = options.pool ?? new Pool({ connectionString: options.connectionString });
  try {
    await migratePostgres(pool, schema);
  } catch (error) {
    if (ownsPool) await pool.end();
    throw asStoreError(error);
  }
  const queries = postgresQueries(schema);
  const changes = new ChangeSignal();
  const listener = notificationListener(pool, notificationChannel(schema), changes);
  const subscriptions = new Set<Subscription>();
  let disposed = false;
  const ensureOpen = (): void => {
    if (disposed) throw new StoreDisposedError();
  };
  const writes = postgresWrites(pool, queries);
  const reads = postgresReads(pool, queries, upcasters, ensureOpen);

  /** Runs after the port's checks; pg and server failures surface as StoreUnavailableError. */
  async function run<Result>(work: () => Promise<Result>): Promise<Result> {
    ensureOpen();
    try {
      return await work();
    } catch (error) {
      throw asStoreError(error);
    }
  }

  async function* events(open: () => AsyncIterable<RecordedEvent>): AsyncGenerator<RecordedEvent, void, undefined> {
    ensureOpen();
    try {
      yield* open();
    } catch (error) {
      throw asStoreError(error);
    }
  }

  return {
    append: (streamName, batch, appendOptions) =>
      run(() => {
        const checked = validateAppendArguments(streamName, batch, appendOptions);
        return writes.append(checked.streamName, checked.events, checked.expectedRevision);
      }),

    readStream: (streamName, readOptions) =>
      events(() => {
        const { direction, fromRevision, maxCount } = validateReadStreamOptions(readOptions);
        return reads.readStream(validateStreamName(streamName), direction, fromRevision, maxCount);
      }),

    readAll: (readOptions) =>
      events(() => {
        const { after, maxCount, filter } = validateReadAllOptions(readOptions);
        return reads.readAll(after, maxCount, filter);
      }),

    subscribe(subscribeOptions) {
      ensureOpen();
      const { after, filter } = validateSubscribeOptions(subscribeOptions);
      const feed = {
        head: () =>
          run(async () => {
            await listener.ensureListening();
            return reads.headPosition();
          }),
        readPage: (from: bigint, upTo: bigint, limit: number) => run(() => reads.readAllPage(from, upTo, limit, filter)),
        changes,
        pollMs: pollIntervalMs,
        pageSize: POSTGRES_PAGE_SIZE,
      };
      const subscription = createPagedSubscription(feed, after, () => subscriptions.delete(subscription));
      subscriptions.add(subscription);
      return subscription;
    },

    streamRevision: (streamName) => run(() => reads.streamRevision(validateStreamName(streamName))),

    headPosition: () => run(() => reads.headPosition()),

    deleteStream: (streamName, deleteOptions) =>
      run(() => writes.deleteStream(validateStreamName(streamName), validateExpectedRevision(deleteOptions))),

    async dispose(): Promise<void> {
      if (disposed) return;
      const stopping = Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      disposed = true;
      await stopping;
      await listener.close();
      if (ownsPool) await pool.end();
    },
  };
}

const plainIdentifier = /^[a-z_][a-z0-9_]{0,39}$/;

function checkOptions(options: PostgresEventStoreOptions): { schema: string; pollIntervalMs: number } {
  const given = [options?.pool, options?.connectionString].filter((value) => value !== undefined).length;
  if (given !== 1) {
    throw new InvalidArgumentError('connectionString', 'exactly one of pool and connectionString', 'Pass either connectionString or pool (not both, not neither).');
  }
  const schema = options.schema ?? POSTGRES_DEFAULT_SCHEMA;
  if (!plainIdentifier.test(schema)) {
    throw new InvalidArgumentError('schema', 'lower-case identifier', `schema must be lower-case letters, digits and underscores (at most 40, not starting with a digit), got ${JSON.stringify(schema)}.`);
  }
  const pollIntervalMs = options.pollIntervalMs ?? POSTGRES_DEFAULT_POLL_INTERVAL_MS;
  if (!Number.isSafeInteger(pollIntervalMs) || pollIntervalMs <= 0) {
    throw new InvalidArgumentError('pollIntervalMs', 'positive integer', `pollIntervalMs must be a whole number of milliseconds above 0, got ${String(pollIntervalMs)}.`);
  }
  return { schema, pollIntervalMs };
}
