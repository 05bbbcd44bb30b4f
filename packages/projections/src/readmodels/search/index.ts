export * from './tables.js';
export * from './projector.js';
export type { SearchHit, SearchQuery } from './queries.js';
export { MIN_PHONE_DIGITS, searchLeads, searchLeadsRanking } from './queries.js';
export { MIN_SUBSTRING, RANKED_CANDIDATES } from './ranked.js';
export * from './search-text.js';
