export * from './tables.js';
export * from './hash.js';
export * from './summary.js';
export * from './projector.js';
export * from './queries.js';
