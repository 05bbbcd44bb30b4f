// @leadline/sqlite: the event store and the read-model store on sqlite.
export * from './eventstore/index.js';
export * from './readmodels/index.js';
export { openSqliteKeyStore, type SqliteKeyStore, type SqliteKeyStoreOptions } from './keys/sqlite-key-store.js';
