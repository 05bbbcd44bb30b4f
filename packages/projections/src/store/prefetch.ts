// The rows a batch's handlers will read, named by the projector's prefetch: stores load them in a few
// queries per table before the batch instead of one read per row while it runs.
import type { ProjectorBatch } from './port.js';
import type { Row, SqlValue, TableSchema } from './schema.js';
import { encodeKey } from './schema.js';

export interface PrefetchWanted {
  readonly table: TableSchema;
  /** Encoded key → key values, each row once. */
  readonly keys: ReadonlyMap<string, readonly SqlValue[]>;
  /** Encoded key prefix → its values: every row whose key starts with them is wanted. */
  readonly prefixes: ReadonlyMap<string, readonly SqlValue[]>;
}

interface Wanted {
  readonly keys: Map<string, readonly SqlValue[]>;
  readonly prefixes: Map<string, readonly SqlValue[]>;
}

/** Per table, the distinct rows (and key prefixes) the batch's events name in the projector's prefetch. */
export function prefetchWanted(batch: ProjectorBatch): PrefetchWanted[] {
  const prefetch = batch.projector.prefetch;
  if (prefetch === undefined) return [];
  const tables = new Map(batch.projector.tables.map((table) => [table.name, table]));
  const wanted = new Map<string, Wanted>();
  for (const event of batch.events) {
    for (const ref of prefetch(event)) {
      let table = wanted.get(ref.table);
      if (table === undefined) {
        table = { keys: new Map(), prefixes: new Map() };
        wanted.set(ref.table, table);
      }
      const whole = ref.key.length === (tables.get(ref.table)?.primaryKey.length ?? ref.key.length);
      (whole ? table.keys : table.prefixes).set(encodeKey(ref.key), ref.key);
    }
  }
  const found: PrefetchWanted[] = [];
  for (const [name, { keys, prefixes }] of wanted) {
    const table = tables.get(name);
    if (table !== undefined) found.push({ table, keys, prefixes });
  }
  return found;
}

/** Table name → encoded key prefixes whose rows were all loaded: what the overlay may treat as absent. */
export type LoadedPrefixes = ReadonlyMap<string, ReadonlySet<string>>;

/** What a SQL store loaded before a batch: the rows it read, and the prefixes it read whole. */
export interface PrefetchedRows {
  /** Table name → encoded key → the stored row, or null when there is none. */
  readonly rows: Map<string, Map<string, Row | null>>;
  readonly prefixes: LoadedPrefixes;
}
