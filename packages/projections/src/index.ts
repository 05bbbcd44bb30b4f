// @leadline/projections: projectors (pure definitions), the runner, checkpoints, rebuild and as-of,
// the read-model store port with its in-memory implementation, and the typed read-model queries.
export * from './store/schema';
export * from './store/query';
export * from './store/errors';
export * from './store/port';
export * from './store/overlay';
export * from './store/prefetch';
export * from './store/validate';
export * from './store/sql/dialect';
export * from './store/sql/compile';
export * from './projector/projector';
export * from './projector/handlers';
export * from './memory/memory-store';
export * from './runner/progress';
export * from './runner/runner';
export * from './runner/rebuild';
export * from './runner/as-of';
export * from './readmodels';
