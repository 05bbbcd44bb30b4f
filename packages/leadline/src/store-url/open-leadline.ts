// openLeadline: createLeadline with its stores opened from URLs (what the CLI's --store does).
import type { Upcaster } from '@leadline/eventstore';
import { createLeadline, type Leadline, type LeadlineOptions } from '../leadline.js';
import { defaultReadModelsUrl, openEventStore, openReadModelStore, type AdapterLoaders } from './open-stores.js';

export interface OpenLeadlineOptions extends Omit<LeadlineOptions, 'store' | 'readModels' | 'disposeStores'> {
  /** `memory:`, `sqlite:FILE`, `postgres://…`, `esdb://…`. */
  readonly storeUrl: string;
  /** Where the read models live; beside the events for `sqlite:` and `postgres://`, else `memory:`. */
  readonly readModelsUrl?: string;
  readonly upcasters?: readonly Upcaster[];
  readonly adapters?: AdapterLoaders;
}

/** Opens both stores; `close()` releases both. A failure to open the second releases the first. */
export async function openLeadline(options: OpenLeadlineOptions): Promise<Leadline> {
  const { storeUrl, readModelsUrl, upcasters, adapters, ...rest } = options;
  const store = await openEventStore(storeUrl, {
    ...(upcasters === undefined ? {} : { upcasters }),
    ...(adapters === undefined ? {} : { adapters }),
  });
  try {
    const readModels = await openReadModelStore(
      readModelsUrl ?? defaultReadModelsUrl(storeUrl),
      adapters === undefined ? {} : { adapters },
    );
    return createLeadline({ ...rest, store, readModels });
  } catch (error) {
    await store.dispose();
    throw error;
  }
}
