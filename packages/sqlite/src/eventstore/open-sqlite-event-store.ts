// Opens (creating or migrating) a SQLite event store file and serves the EventStore port from it.
import Database from 'better-sqlite3';
import {
  createPagedEventStore,
  createUpcasterChain,
  InvalidArgumentError,
  resubscribePolicy,
  StoreUnavailableError,
  type EventStore,
  type EventStoreOptions,
  type ResubscribePolicy,
} from '@leadline/eventstore';
import { SQLITE_DURABILITIES, sqliteSynchronousSetting, type SqliteDurability } from './durability.js';
import { migrate } from './schema/migrate.js';
import { prepareStatements } from './sqlite-statements.js';
import { SQLITE_PAGE_SIZE, sqliteReads } from './sqlite-reads.js';
import { isSqliteError } from './sqlite-error.js';
import { sqliteWrites } from './sqlite-writes.js';

export interface SqliteEventStoreOptions extends EventStoreOptions {
  /** The database file; created with the schema when missing, migrated when older. */
  readonly file: string;
  /** What an acknowledged append survives; see SqliteDurability. Defaults to `full`. */
  readonly durability?: SqliteDurability;
  /**
   * How often a waiting subscription looks for events appended by other processes on the same file,
   * in ms (default 100). Appends through this store wake its subscriptions at once.
   */
  readonly pollIntervalMs?: number;
  /** How long an append waits for another process's write lock before failing, in ms (default 5000). */
  readonly busyTimeoutMs?: number;
  /** How a subscription tries again after a read fails with StoreUnavailableError (default: 100 ms doubling to 5 s, 20 attempts). */
  readonly resubscribe?: Partial<ResubscribePolicy>;
}

export const SQLITE_DEFAULT_POLL_INTERVAL_MS = 100;

export function openSqliteEventStore(options: SqliteEventStoreOptions): EventStore {
  const { file, durability, pollIntervalMs, busyTimeoutMs, resubscribe } = checkOptions(options);
  const upcasters = createUpcasterChain(options.upcasters);
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: busyTimeoutMs });
  } catch (error) {
    throw new StoreUnavailableError(`Cannot open the SQLite event store file ${file}: ${String(error)}`, {
      cause: error,
    });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${sqliteSynchronousSetting[durability]}`);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const statements = prepareStatements(db);
  const writes = sqliteWrites(db, statements);
  const reads = sqliteReads(statements, upcasters);
  return createPagedEventStore({
    append: (streamName, events, expected) => writes.append(streamName, events, expected),
    appendToStreams: (appends) => writes.appendToStreams(appends),
    // New contacts' keys in the same transaction, into the key table in this file (sealing: docs/privacy.md).
    appendWithKeys: (streamName, events, expected, keys) => writes.append(streamName, events, expected, keys),
    appendToStreamsWithKeys: (appends, keys) => writes.appendToStreams(appends, keys),
    holdsKey: (keyId) => writes.holdsKey(keyId),
    deleteStream: (streamName, expected) => writes.deleteStream(streamName, expected),
    readStream: (streamName, checked) => reads.readStream(streamName, checked),
    readAll: ({ after, maxCount, filter }) => reads.readAll(after, undefined, maxCount, filter),
    readAllPage: (after, upTo, limit, filter) => [...reads.readAll(after, upTo, limit, filter)],
    headPosition: () => reads.headPosition(),
    streamRevision: (streamName) => reads.streamRevision(streamName),
    // In process, a lookup per stream costs microseconds: no round trip to save.
    streamRevisions: (streamNames) => streamNames.map((streamName) => reads.streamRevision(streamName)),
    close: () => {
      db.close();
    },
    asStoreError,
    pollMs: pollIntervalMs,
    pageSize: SQLITE_PAGE_SIZE,
    resubscribe,
  });
}

type CheckedOptions = Required<Omit<SqliteEventStoreOptions, 'upcasters' | 'resubscribe'>> & {
  readonly resubscribe: ResubscribePolicy;
};

// `| undefined`: a JavaScript caller may pass no options at all, and hears that the file is missing.
function checkOptions(options: SqliteEventStoreOptions | undefined): CheckedOptions {
  if (typeof options?.file !== 'string' || options.file.length === 0) {
    throw new InvalidArgumentError('file', 'non-empty string', 'file must be the path of the SQLite event store file.');
  }
  const durability = options.durability ?? 'full';
  if (!SQLITE_DURABILITIES.includes(durability)) {
    throw new InvalidArgumentError(
      'durability',
      SQLITE_DURABILITIES.join(' | '),
      `durability must be one of ${SQLITE_DURABILITIES.join(', ')}, got ${durability}.`,
    );
  }
  return {
    file: options.file,
    durability,
    pollIntervalMs: positiveInteger(options.pollIntervalMs, 'pollIntervalMs', SQLITE_DEFAULT_POLL_INTERVAL_MS),
    busyTimeoutMs: positiveInteger(options.busyTimeoutMs, 'busyTimeoutMs', 5_000),
    resubscribe: resubscribePolicy(options.resubscribe),
  };
}

function positiveInteger(value: number | undefined, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new InvalidArgumentError(
      field,
      'positive integer',
      `${field} must be a whole number of milliseconds above 0, got ${String(value)}.`,
    );
  }
  return value;
}

/** SQLite's own failures (a busy lock past the timeout, a full disk) surface as StoreUnavailableError. */
function asStoreError(error: unknown): unknown {
  if (isSqliteError(error)) {
    return new StoreUnavailableError(`SQLite event store: ${error.message} (${error.code})`, { cause: error });
  }
  return error;
}
