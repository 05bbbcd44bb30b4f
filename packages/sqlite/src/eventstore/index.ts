// The SQLite event store: a file per store, WAL, migrations on open.
export {
  openSqliteEventStore,
  SQLITE_DEFAULT_POLL_INTERVAL_MS,
  type SqliteEventStoreOptions,
} from './open-sqlite-event-store.js';
export type { SqliteDurability } from './durability.js';
export { SQLITE_EVENT_STORE_SCHEMA_VERSION } from './schema/migrations.js';
