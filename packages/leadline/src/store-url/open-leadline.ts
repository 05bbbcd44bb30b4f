// openLeadline: createLeadline with its stores opened from URLs (what the CLI's --store does).
import type { Upcaster } from '@leadline/eventstore';
import { createLeadline, type Leadline, type LeadlineOptions } from '../leadline.js';
import { openKeyStore } from '../privacy/open-key-store.js';
import { defaultReadModelsUrl, openEventStore, openReadModelStore, type AdapterLoaders } from './open-stores.js';

export interface OpenLeadlineOptions extends Omit<
  LeadlineOptions,
  'store' | 'readModels' | 'disposeStores' | 'personalData'
> {
  /** `memory:`, `sqlite:FILE`, `postgres://…`, `esdb://…`. */
  readonly storeUrl: string;
  /** Where the read models live; beside the events for `sqlite:` and `postgres://`, else `memory:`. */
  readonly readModelsUrl?: string;
  readonly upcasters?: readonly Upcaster[];
  readonly adapters?: AdapterLoaders;
  /**
   * Seal personal data per contact, keys beside the events (default true; docs/privacy.md). EventStoreDB
   * keeps its keys with the read models, so it seals only when those are durable.
   */
  readonly sealPersonalData?: boolean;
}

/** Opens both stores; `close()` releases both. A failure to open the second releases the first. */
export async function openLeadline(options: OpenLeadlineOptions): Promise<Leadline> {
  const { storeUrl, readModelsUrl, upcasters, adapters, sealPersonalData, ...rest } = options;
  const modelsUrl = readModelsUrl ?? defaultReadModelsUrl(storeUrl);
  const store = await openEventStore(storeUrl, {
    ...(upcasters === undefined ? {} : { upcasters }),
    ...(adapters === undefined ? {} : { adapters }),
  });
  const opened: (() => Promise<void>)[] = [() => store.dispose()];
  try {
    const readModels = await openReadModelStore(modelsUrl, adapters === undefined ? {} : { adapters });
    opened.push(() => readModels.dispose());
    const keyStore = sealPersonalData === false ? null : await openKeyStore(storeUrl, modelsUrl, adapters);
    const leadline = createLeadline({
      ...rest,
      store,
      readModels,
      ...(keyStore === null ? {} : { personalData: { keys: keyStore.keys } }),
    });
    if (keyStore === null) return leadline;
    return {
      ...leadline,
      async close() {
        await leadline.close();
        await keyStore.close();
      },
    };
  } catch (error) {
    for (const close of opened.reverse()) await close();
    throw error;
  }
}
