export * from './tables.js';
export * from './projector.js';
export * from './queries.js';
export * from './search-text.js';
