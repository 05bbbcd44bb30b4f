// Opens the Leadline a command works on from --store and --read-models. Read models live beside the
// events by default (the same SQLite file or PostgreSQL database) so analysts find them with SQL.
import {
  openSqliteEventStore,
  type SqliteDurability,
  createLeadline,
  openLeadline,
  openReadModelStore,
  parseStoreUrl,
  type Leadline,
  type OpenLeadlineOptions,
} from 'leadline';

export type OpenOptions = Omit<OpenLeadlineOptions, 'storeUrl' | 'readModelsUrl'> & {
  /** For SQLite files: what an acknowledged append survives (the demo's throwaway data uses `normal`). */
  readonly sqliteDurability?: SqliteDurability;
};

export async function openLeadlineAt(
  storeUrl: string,
  readModelsUrl: string | undefined,
  options: OpenOptions,
): Promise<Leadline> {
  return openWith(storeUrl, readModelsUrl ?? defaultReadModelsUrl(storeUrl), options);
}

async function openWith(storeUrl: string, readModelsUrl: string, options: OpenOptions): Promise<Leadline> {
  const { sqliteDurability, ...rest } = options;
  const location = parseStoreUrl(storeUrl, '--store');
  if (sqliteDurability === undefined || location.kind !== 'sqlite')
    return openLeadline({ ...rest, storeUrl, readModelsUrl });
  const store = openSqliteEventStore({
    file: location.file,
    durability: sqliteDurability,
    ...(rest.upcasters === undefined ? {} : { upcasters: rest.upcasters }),
  });
  try {
    return createLeadline({ ...rest, store, readModels: await openReadModelStore(readModelsUrl) });
  } catch (error) {
    await store.dispose();
    throw error;
  }
}

/** SQLite and PostgreSQL keep the read models with the events; EventStoreDB and memory: in memory. */
export function defaultReadModelsUrl(storeUrl: string): string {
  const kind = parseStoreUrl(storeUrl, '--store').kind;
  return kind === 'sqlite' || kind === 'postgres' ? storeUrl : 'memory:';
}
