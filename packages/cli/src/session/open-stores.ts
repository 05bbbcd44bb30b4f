// Opens the Leadline a command works on from --store and --read-models. Read models live beside the
// events by default (the same SQLite file or PostgreSQL database) so analysts find them with SQL.
import { openLeadline, parseStoreUrl, RuntimeError, type Leadline, type OpenLeadlineOptions } from 'leadline';

export type OpenOptions = Omit<OpenLeadlineOptions, 'storeUrl' | 'readModelsUrl'>;

export async function openLeadlineAt(storeUrl: string, readModelsUrl: string | undefined, options: OpenOptions): Promise<Leadline> {
  if (readModelsUrl !== undefined) return openLeadline({ ...options, storeUrl, readModelsUrl });
  const beside = defaultReadModelsUrl(storeUrl);
  try {
    return await openLeadline({ ...options, storeUrl, readModelsUrl: beside });
  } catch (error) {
    // Until a store kind can hold read models, they are rebuilt in memory by each command.
    if (error instanceof RuntimeError && error.rule === 'read-model-store-kind') return openLeadline({ ...options, storeUrl, readModelsUrl: 'memory:' });
    throw error;
  }
}

/** SQLite and PostgreSQL keep the read models with the events; EventStoreDB and memory: in memory. */
export function defaultReadModelsUrl(storeUrl: string): string {
  const kind = parseStoreUrl(storeUrl, '--store').kind;
  return kind === 'sqlite' || kind === 'postgres' ? storeUrl : 'memory:';
}
