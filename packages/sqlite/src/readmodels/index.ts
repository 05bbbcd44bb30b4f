// The SQLite read-model store.
export { openSqliteReadModelStore, type SqliteReadModelStoreOptions } from './sqlite-read-model-store.js';
export { sqliteDialect } from './dialect.js';
