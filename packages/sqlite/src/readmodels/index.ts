// The SQLite read-model store.
export { openSqliteReadModelStore, type SqliteReadModelStoreOptions } from './sqlite-read-model-store';
export { sqliteDialect } from './dialect';
