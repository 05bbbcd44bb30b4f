export * from './tables.js';
export * from './periods.js';
export * from './projector.js';
export * from './queries.js';
