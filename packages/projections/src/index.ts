// @leadline/projections: projectors (pure definitions), the runner, checkpoints, rebuild and as-of,
// the read-model store port, and the typed read-model queries (SQL through Kysely).
export * from './store/schema.js';
export * from './store/query.js';
export * from './store/errors.js';
export * from './store/port.js';
export * from './store/overlay.js';
export * from './store/prefetch.js';
export * from './store/validate.js';
export * from './sql/engine.js';
export * from './sql/cursor.js';
export * from './sql/page.js';
export * from './store/sql/dialect.js';
export * from './store/sql/compile.js';
export * from './projector/projector.js';
export * from './projector/handlers.js';
export * from './runner/progress.js';
export * from './runner/runner.js';
export * from './leases/lease.js';
export * from './leases/leased-runner.js';
export * from './runner/rebuild.js';
export * from './runner/as-of.js';
export * from './runner/health.js';
export * from './parking/parked-events.js';
export * from './parking/retry.js';
export * from './readmodels/index.js';
// Framework-free: the demo's seeded weeks and the generated histories draw from the same generator.
export { mulberry32 } from './random/mulberry32.js';
export * from './store/substring-index.js';
