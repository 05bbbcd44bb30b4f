// What a SQL read-model store hands the typed queries: a Kysely instance over its public views (each
// read model's table under its public name, pointing at the live version) and which engine it is.
import type { Kysely } from 'kysely';

export type SqlEngine = 'sqlite' | 'postgres';

/** No tables known to the store itself: each read model adds its own with `withTables`. */
export type NoTables = object;

export interface SqlReadModels {
  readonly engine: SqlEngine;
  /** Reads the live versions through the public views; stores return instants as ISO text, integers as numbers. */
  readonly db: Kysely<NoTables>;
}
