// Opens an event store or a read-model store from its URL. The PostgreSQL and EventStoreDB adapters are
// optional peer dependencies, loaded only when their scheme is used, so a SQLite user never installs pg
// or gRPC; a missing adapter is a typed error that says what to install.
import { createMemoryEventStore, type EventStore, type Upcaster } from '@leadline/eventstore';
import type { ReadModelStore } from '@leadline/projections';
import { openSqliteEventStore, openSqliteReadModelStore } from '@leadline/sqlite';
import { RuntimeError, RuntimeErrorCode } from '../commands/errors.js';
import { parseStoreUrl, redact, type StoreLocation } from './store-url.js';

export class AdapterMissingError extends RuntimeError {
  override readonly name = 'AdapterMissingError';
  constructor(field: string, packageName: string, scheme: string, cause: unknown) {
    super(
      RuntimeErrorCode.AdapterMissing,
      field,
      'adapter-installed',
      `Opening a ${scheme} store needs the optional package ${packageName}; install it (npm install ${packageName}) and try again.`,
      { cause },
    );
  }
}

/** How the optional adapters are loaded; tests pass their own to simulate a missing package. */
export interface AdapterLoaders {
  readonly postgres: () => Promise<typeof import('@leadline/postgres')>;
  readonly eventstoredb: () => Promise<typeof import('@leadline/eventstoredb')>;
}

export const defaultAdapterLoaders: AdapterLoaders = {
  postgres: () => import('@leadline/postgres'),
  eventstoredb: () => import('@leadline/eventstoredb'),
};

export interface OpenStoreOptions {
  readonly upcasters?: readonly Upcaster[];
  readonly adapters?: AdapterLoaders;
}

/**
 * Loads an optional package (an adapter, a driver) and turns "not installed" into a typed error naming
 * the package to install: the adapter itself, or the driver it needs (`pg` under `@leadline/postgres`).
 */
export async function loadOptionalPackage<T>(
  field: string,
  packageName: string,
  scheme: string,
  loader: () => Promise<T>,
): Promise<T> {
  try {
    return await loader();
  } catch (error) {
    const missing = missingPackageOf(error, packageName);
    if (missing !== null) throw new AdapterMissingError(field, missing, scheme, error);
    throw error;
  }
}

/**
 * The package Node could not find (`pg` for `pg/lib/client`; `expected` when the message names none), or
 * null for any other failure, a missing file inside an installed package included.
 */
function missingPackageOf(error: unknown, expected: string): string | null {
  if (!(error instanceof Error) || !('code' in error)) return null;
  if (error.code !== 'MODULE_NOT_FOUND' && error.code !== 'ERR_MODULE_NOT_FOUND') return null;
  const specifier = /Cannot find (?:package|module) '([^']+)'/.exec(error.message)?.[1];
  if (specifier === undefined) return expected;
  if (specifier.startsWith('.') || specifier.startsWith('/')) return null;
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

export async function openEventStore(url: string, options: OpenStoreOptions = {}): Promise<EventStore> {
  return openEventStoreAt(parseStoreUrl(url), options);
}

export async function openEventStoreAt(location: StoreLocation, options: OpenStoreOptions = {}): Promise<EventStore> {
  const adapters = options.adapters ?? defaultAdapterLoaders;
  const upcasters = options.upcasters === undefined ? {} : { upcasters: options.upcasters };
  switch (location.kind) {
    case 'memory':
      return createMemoryEventStore(upcasters);
    case 'sqlite':
      return openSqliteEventStore({ file: location.file, ...upcasters });
    case 'postgres': {
      const postgres = await loadOptionalPackage('storeUrl', '@leadline/postgres', 'postgres://', adapters.postgres);
      return postgres.openPostgresEventStore({
        connectionString: location.connectionString,
        ...(location.schema === undefined ? {} : { schema: location.schema }),
        ...upcasters,
      });
    }
    case 'esdb': {
      const eventstoredb = await loadOptionalPackage(
        'storeUrl',
        '@leadline/eventstoredb',
        'esdb://',
        adapters.eventstoredb,
      );
      return eventstoredb.openEventStoreDbEventStore({
        connectionString: location.connectionString,
        ...(location.namespace === undefined ? {} : { namespace: location.namespace }),
        ...upcasters,
      });
    }
  }
}

/**
 * Read models by URL: `memory:`, `sqlite:FILE` (may be the event store's own file), `postgres://…`
 * (`?schema=` as for the event store). EventStoreDB holds no read models.
 */
export async function openReadModelStore(
  url: string,
  options: Pick<OpenStoreOptions, 'adapters'> = {},
): Promise<ReadModelStore> {
  const location = parseStoreUrl(url, 'readModelsUrl');
  switch (location.kind) {
    case 'memory':
      // The in-memory mode runs the same SQL as the durable one, on a private temporary SQLite database
      // (the empty file name): SQLite keeps its pages in a file it deletes at close, not in the process,
      // which holds half the memory `:memory:` did at 100,000 leads at the same query speeds
      // (docs/performance.md). `createLeadline` with `openSqliteReadModelStore({ file: ':memory:' })`
      // keeps them in the process instead.
      return openSqliteReadModelStore({ file: '' });
    case 'sqlite':
      return openSqliteReadModelStore({ file: location.file });
    case 'postgres': {
      const postgres = await loadOptionalPackage(
        'readModelsUrl',
        '@leadline/postgres',
        'postgres://',
        (options.adapters ?? defaultAdapterLoaders).postgres,
      );
      return postgres.openPostgresReadModelStore({
        connectionString: location.connectionString,
        ...(location.schema === undefined ? {} : { schema: location.schema }),
      });
    }
    case 'esdb':
      throw new RuntimeError(
        RuntimeErrorCode.InvalidStoreUrl,
        'readModelsUrl',
        'read-model-store-kind',
        `Read models cannot live in EventStoreDB ("${redact(url)}"); use memory:, sqlite:FILE or postgres://.`,
      );
  }
}

/** Where read models live when no URL is given: beside the events in SQLite and PostgreSQL, else in memory. */
export function defaultReadModelsUrl(storeUrl: string): string {
  const kind = parseStoreUrl(storeUrl).kind;
  return kind === 'sqlite' || kind === 'postgres' ? storeUrl : 'memory:';
}
