// The PostgreSQL read-model store.
export {
  openPostgresReadModelStore,
  POSTGRES_READ_MODEL_DEFAULT_SCHEMA,
  type PostgresReadModelStoreOptions,
} from './postgres-read-model-store.js';
export { postgresDialect } from './dialect.js';
