export * from './tables.js';
export * from './projector.js';
export * from './columns.js';
export * from './queries.js';
