// The rows a batch's handlers will read, named by the projector's prefetch: stores load them in a few
// queries per table before the batch instead of one read per row while it runs.
import type { ProjectorBatch } from './port';
import type { SqlValue, TableSchema } from './schema';
import { encodeKey } from './schema';

export interface PrefetchWanted {
  readonly table: TableSchema;
  /** Encoded key → key values, each row once. */
  readonly keys: ReadonlyMap<string, readonly SqlValue[]>;
}

/** Per table, the distinct rows the batch's events name in the projector's prefetch. */
export function prefetchWanted(batch: ProjectorBatch): PrefetchWanted[] {
  const prefetch = batch.projector.prefetch;
  if (prefetch === undefined) return [];
  const wanted = new Map<string, Map<string, readonly SqlValue[]>>();
  for (const event of batch.events) {
    for (const ref of prefetch(event)) {
      let keys = wanted.get(ref.table);
      if (keys === undefined) {
        keys = new Map();
        wanted.set(ref.table, keys);
      }
      keys.set(encodeKey(ref.key), ref.key);
    }
  }
  const tables: PrefetchWanted[] = [];
  for (const [name, keys] of wanted) {
    const table = batch.projector.tables.find((candidate) => candidate.name === name);
    if (table !== undefined) tables.push({ table, keys });
  }
  return tables;
}
