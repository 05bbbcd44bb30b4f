// Opens a PostgreSQL event store: migrates its schema, then serves the EventStore port from a pg Pool.
import type { Pool } from 'pg';
import {
  createPagedEventStore,
  createUpcasterChain,
  InvalidArgumentError,
  PagedSubscriptions,
  resubscribePolicy,
  type EventStore,
  type EventStoreOptions,
  type ResubscribePolicy,
} from '@leadline/eventstore';
import { ownPool } from '../own-pool.js';
import { notificationListener } from './notifications.js';
import { postgresQueries } from './postgres-queries.js';
import { POSTGRES_PAGE_SIZE, postgresReads } from './postgres-reads.js';
import { postgresWrites } from './postgres-writes.js';
import { asStoreError } from './postgres-errors.js';
import { migratePostgres } from './schema/migrate.js';
import { notificationChannel } from './schema/migrations.js';

export interface PostgresEventStoreOptions extends EventStoreOptions {
  /** Where to connect; the store opens a pool of its own and ends it on dispose. */
  readonly connectionString?: string;
  /** A pool you own instead (the store never ends it). Exactly one of pool and connectionString. */
  readonly pool?: Pool;
  /** The schema holding the store's tables, created when missing (default `leadline`). */
  readonly schema?: string;
  /** Longest wait of a live subscription when no notification arrives, in ms (default 1000). */
  readonly pollIntervalMs?: number;
  /**
   * How a subscription tries again after a read fails with StoreUnavailableError (a lost connection, a
   * restarting server). Default: 100 ms doubling to 5 s, 20 failed reads in a row, then the error.
   */
  readonly resubscribe?: Partial<ResubscribePolicy>;
}

export const POSTGRES_DEFAULT_SCHEMA = 'leadline';
export const POSTGRES_DEFAULT_POLL_INTERVAL_MS = 1_000;

/** Opens the store, creating or migrating its schema first. */
export async function openPostgresEventStore(options: PostgresEventStoreOptions): Promise<EventStore> {
  const { schema, pollIntervalMs } = checkOptions(options);
  const resubscribe = resubscribePolicy(options.resubscribe);
  const upcasters = createUpcasterChain(options.upcasters);
  const ownsPool = options.pool === undefined;
  const pool = options.pool ?? ownPool(options.connectionString);
  try {
    await migratePostgres(pool, schema);
  } catch (error) {
    if (ownsPool) await pool.end();
    throw asStoreError(error);
  }
  const queries = postgresQueries(schema);
  const subscriptions = new PagedSubscriptions();
  const listener = notificationListener(pool, schema, notificationChannel(schema), subscriptions.changes);
  const writes = postgresWrites(pool, queries);
  const reads = postgresReads(pool, queries, upcasters);
  return createPagedEventStore(
    {
      append: (streamName, events, expected) => writes.append(streamName, events, expected),
      appendToStreams: (appends) => writes.appendToStreams(appends),
      // New contacts' keys in the same statement, into the key table in this schema (docs/privacy.md).
      appendWithKeys: (streamName, events, expected, keys) => writes.append(streamName, events, expected, keys),
      appendToStreamsWithKeys: (appends, keys) => writes.appendToStreams(appends, keys),
      holdsKey: (keyId) => writes.holdsKey(keyId),
      deleteStream: (streamName, expected) => writes.deleteStream(streamName, expected),
      readStream: (streamName, checked) => reads.readStream(streamName, checked),
      readAll: ({ after, maxCount, filter }) => reads.readAll(after, maxCount, filter),
      readAllPage: (after, upTo, limit, filter) => reads.readAllPage(after, upTo, limit, filter),
      headPosition: () => reads.headPosition(),
      async subscriptionHead() {
        await listener.ensureListening();
        return reads.headPosition();
      },
      streamRevision: (streamName) => reads.streamRevision(streamName),
      streamRevisions: (streamNames) => reads.streamRevisions(streamNames),
      async close() {
        await listener.close();
        if (ownsPool) await pool.end();
      },
      asStoreError,
      pollMs: pollIntervalMs,
      pageSize: POSTGRES_PAGE_SIZE,
      resubscribe,
    },
    subscriptions,
  );
}

const plainIdentifier = /^[a-z_][a-z0-9_]{0,39}$/;

// `| undefined`: a JavaScript caller may pass no options at all, and hears which one is missing.
function checkOptions(options: PostgresEventStoreOptions | undefined): { schema: string; pollIntervalMs: number } {
  const given = [options?.pool, options?.connectionString].filter((value) => value !== undefined).length;
  if (options === undefined || given !== 1) {
    throw new InvalidArgumentError(
      'connectionString',
      'exactly one of pool and connectionString',
      'Pass either connectionString or pool (not both, not neither).',
    );
  }
  const schema = options.schema ?? POSTGRES_DEFAULT_SCHEMA;
  if (!plainIdentifier.test(schema)) {
    throw new InvalidArgumentError(
      'schema',
      'lower-case identifier',
      `schema must be lower-case letters, digits and underscores (at most 40, not starting with a digit), got ${JSON.stringify(schema)}.`,
    );
  }
  const pollIntervalMs = options.pollIntervalMs ?? POSTGRES_DEFAULT_POLL_INTERVAL_MS;
  if (!Number.isSafeInteger(pollIntervalMs) || pollIntervalMs <= 0) {
    throw new InvalidArgumentError(
      'pollIntervalMs',
      'positive integer',
      `pollIntervalMs must be a whole number of milliseconds above 0, got ${String(pollIntervalMs)}.`,
    );
  }
  return { schema, pollIntervalMs };
}
