// The PostgreSQL event store: a schema per store, versioned migrations, a global order subscribers can trust.
export {
  openPostgresEventStore,
  POSTGRES_DEFAULT_POLL_INTERVAL_MS,
  POSTGRES_DEFAULT_SCHEMA,
  type PostgresEventStoreOptions,
} from './open-postgres-event-store.js';
export { migratePostgres, postgresSchemaVersion } from './schema/migrate.js';
export { POSTGRES_EVENT_STORE_SCHEMA_VERSION } from './schema/migrations.js';
