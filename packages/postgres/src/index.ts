// @leadline/postgres: the event store and the read-model store on postgres.
export * from './eventstore/index.js';
export * from './readmodels/index.js';
export {
  openPostgresKeyStore,
  type PostgresKeyStore,
  type PostgresKeyStoreOptions,
} from './keys/postgres-key-store.js';
