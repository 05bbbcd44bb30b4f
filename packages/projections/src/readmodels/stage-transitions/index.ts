export * from './tables.js';
export * from './projector.js';
export * from './queries.js';
export { lostLeadsBefore, type LostLeadsQuery } from './retention.js';
