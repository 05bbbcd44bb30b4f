// Where a store URL's contact keys live: beside the events (the same SQLite file, the same PostgreSQL
// schema), in memory for `memory:`. EventStoreDB holds no tables: its keys live with the read models,
// when those are durable.
import { createMemoryKeyStore, type ContactKeyStore } from '@leadline/eventstore';
import { openSqliteKeyStore } from '@leadline/sqlite';
import { defaultAdapterLoaders, loadOptionalPackage, type AdapterLoaders } from '../store-url/open-stores.js';
import { parseStoreUrl } from '../store-url/store-url.js';

export interface OpenedKeyStore {
  readonly keys: ContactKeyStore;
  readonly close: () => Promise<void>;
}

/** The key store for these stores, or null when there is no durable place for keys (ESDB with memory read models). */
export async function openKeyStore(
  storeUrl: string,
  readModelsUrl: string,
  adapters: AdapterLoaders = defaultAdapterLoaders,
): Promise<OpenedKeyStore | null> {
  const events = parseStoreUrl(storeUrl);
  const location = events.kind === 'esdb' ? parseStoreUrl(readModelsUrl, 'readModelsUrl') : events;
  switch (location.kind) {
    case 'memory':
      return events.kind === 'esdb' ? null : { keys: createMemoryKeyStore(), close: () => Promise.resolve() };
    case 'sqlite': {
      const keys = openSqliteKeyStore({ file: location.file });
      return {
        keys,
        close: () => {
          keys.close();
          return Promise.resolve();
        },
      };
    }
    case 'postgres': {
      const postgres = await loadOptionalPackage('storeUrl', '@leadline/postgres', 'postgres://', adapters.postgres);
      const keys = await postgres.openPostgresKeyStore({
        connectionString: location.connectionString,
        ...(location.schema === undefined ? {} : { schema: location.schema }),
      });
      return { keys, close: () => keys.close() };
    }
    case 'esdb':
      return null;
  }
}
