// Opens the Leadline a command works on from --store and --read-models.
// TODO(facade): replace with the facade's URL opener once it is committed in `leadline`.
import { createMemoryEventStore, type EventStore } from '@leadline/eventstore';
import { createMemoryReadModelStore, type ReadModelStore } from '@leadline/projections';
import { openPostgresEventStore } from '@leadline/postgres';
import { openSqliteEventStore } from '@leadline/sqlite';
import { createLeadline, type Leadline, type LeadlineOptions } from 'leadline';
import { badInput } from '../cli/cli-error';

export type OpenOptions = Omit<LeadlineOptions, 'store' | 'readModels'>;

export async function openLeadlineAt(storeUrl: string, _readModelsUrl: string | undefined, options: OpenOptions): Promise<Leadline> {
  const store = await openEventStore(storeUrl);
  const readModels: ReadModelStore = createMemoryReadModelStore();
  return createLeadline({ ...options, store, readModels });
}

async function openEventStore(url: string): Promise<EventStore> {
  if (url === 'memory:') return createMemoryEventStore();
  if (url.startsWith('sqlite:')) return openSqliteEventStore({ file: url.slice('sqlite:'.length) });
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgresEventStore({ connectionString: url });
  throw badInput('--store', 'store-url', `"${url}" is not a store URL.`, 'Use memory:, sqlite:FILE, postgres://user@host/db or esdb://host:2113.');
}
